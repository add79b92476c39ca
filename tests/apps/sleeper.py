"""A process that runs but never listens: the 'server that never becomes ready' case."""

import time

if __name__ == "__main__":
    time.sleep(120)
