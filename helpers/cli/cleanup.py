"""Kill serverlab servers whose kernel is gone (or all of them with --all).

    python -m helpers.cli.cleanup          # servers orphaned by dead kernels only
    python -m helpers.cli.cleanup --all    # every serverlab server on this machine (yours included)

Every server carries SERVERLAB_RUN=<kernel pid>-<random>; a server whose kernel PID is no
longer alive has nobody left to stop it. Used by `make clean`.
"""

from __future__ import annotations

import argparse
import sys

from helpers._plumbing.marker import kill_processes, orphaned_processes


def main() -> int:
    parser = argparse.ArgumentParser(description="Kill serverlab servers left behind.")
    parser.add_argument("--all", action="store_true", help="also servers of kernels that are still running")
    args = parser.parse_args()
    strays = orphaned_processes(include_live_kernels=args.all)
    kill_processes(strays)
    print(f"serverlab cleanup: killed {len(strays)} leftover server process(es)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
