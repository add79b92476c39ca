"""What every lab response carries: who ran the handler, on which thread, and when."""

from __future__ import annotations

import os
import threading
import time
from typing import Any, Literal

HandlerKind = Literal["async", "sync"]
# A stamped response: the fields of `Clock.stamp` plus the endpoint's own. A plain dict on purpose: as a
# TypedDict, FastAPI's response validation would drop any extra field the TypedDict did not list.
Stamp = dict[str, Any]


class Clock:
    """Start times of one handler call, taken on entry so the stamp covers all of its work."""

    def __init__(self) -> None:
        self.start = time.time()
        self.start_perf = time.perf_counter()
        self.thread = threading.current_thread()

    def stamp(self, kind: HandlerKind, endpoint: str, **extra: Any) -> Stamp:
        """The response body: identity of the process and thread, server-side start and end."""
        return {
            "endpoint": endpoint,
            "kind": kind,
            "pid": os.getpid(),
            "ppid": os.getppid(),
            "thread": self.thread.name,
            "thread_id": self.thread.ident,
            "start": self.start,
            "end": time.time(),
            "start_perf": self.start_perf,
            "end_perf": time.perf_counter(),
            **extra,
        }


def current_thread_name() -> str:
    return threading.current_thread().name
