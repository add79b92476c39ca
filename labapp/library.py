"""Stand-ins for code a handler calls but you cannot change, for "fix this handler" exercises.

``blocking_library_call`` is a client library without async support: it blocks the thread
that calls it. ``burn_cpu`` is pure-Python work that holds the GIL. Both count their calls
(per process), so a check can tell that a fixed handler still does the work instead of skipping it.
"""

from __future__ import annotations

import threading
import time

_calls = {"blocking_library_call": 0, "burn_cpu": 0}
_lock = threading.Lock()


def _count(name: str) -> None:
    with _lock:
        _calls[name] += 1


def blocking_library_call(seconds: float = 0.5) -> str:
    """Block the calling thread for `seconds` (like a synchronous HTTP or database client)."""
    _count("blocking_library_call")
    time.sleep(seconds)
    return "library result"


def burn_cpu(seconds: float = 0.5) -> int:
    """Run pure-Python arithmetic for about `seconds` of this thread's CPU time."""
    _count("burn_cpu")
    start, total = time.thread_time(), 0
    while time.thread_time() - start < seconds:
        total += sum(i * i for i in range(500))
    return total


def calls_so_far() -> dict[str, int]:
    """How often each stand-in has been called in this process."""
    with _lock:
        return dict(_calls)
