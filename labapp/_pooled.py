"""What the process pool of ``labapp.awaits`` runs: top-level functions in a module of their own.

A ``ProcessPoolExecutor`` sends each call to a child process by pickling the function *by
name* and its arguments by value; the child imports this module to find the function. Keeping
it apart from the FastAPI app means a child imports only this and ``labapp._work``, not FastAPI.
"""

from __future__ import annotations

import os
import time

from labapp._work import burn


def burn_in_child(iterations: int) -> dict[str, float]:
    """Calibrated CPU work in a child process; says which child and how long it computed."""
    began = time.perf_counter()
    burn(iterations)
    return {"child_pid": os.getpid(), "compute_s": time.perf_counter() - began}


def payload_size(payload: bytes) -> int:
    """A call whose cost is all in moving `payload` to the child (pickle, pipe, unpickle)."""
    return len(payload)


def warm_up(seconds: float) -> int:
    """Keep one child busy briefly, so that the pool starts all of its children at once."""
    time.sleep(seconds)
    return os.getpid()
