"""The one way a helper waits for something: a bounded poll on the monotonic clock.

Every wait in the course must end, in time and in count, whatever the machine does: a wall clock
can jump (NTP, a suspended laptop), the monotonic clock cannot. Two shapes cover every wait:

    value = poll_until(read, done, timeout_s=5)   # read until done(value) or time is up; the last value
    deadline = Deadline(10.0)                     # a loop that does more than read: `while deadline.running():`

``procs.wait_until`` is ``poll_until`` that raises, naming what did not happen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Deadline:
    """A point `timeout_s` from now on the monotonic clock."""

    def __init__(self, timeout_s: float) -> None:
        self.began = time.monotonic()
        self.at = self.began + timeout_s

    def running(self) -> bool:
        """True until the deadline passes."""
        return time.monotonic() < self.at

    def left_s(self) -> float:
        """Seconds left, never below 0."""
        return max(0.0, self.at - time.monotonic())

    def elapsed_s(self) -> float:
        return time.monotonic() - self.began


def poll_until(read: Callable[[], T], done: Callable[[T], object], timeout_s: float, poll_s: float = 0.05) -> T:
    """Call `read()` until `done(value)` is true or `timeout_s` passed; return the last value read.

    `read` runs at least once, and once at the deadline, so the caller judges the latest value it
    could have (and says when it was not done), never one a sleep made stale.
    """
    deadline = Deadline(timeout_s)
    while True:
        value = read()
        if done(value) or not deadline.running():
            return value
        time.sleep(min(poll_s, deadline.left_s()))
