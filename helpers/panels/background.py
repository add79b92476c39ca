"""One panel run at a time, in a background thread, and the Stop that ends it at once.

A panel's Run hands its work to `BackgroundRun.start`, so the kernel stays free to handle the
Stop button. The work starts its server under `server_name` and sends its requests through
`fire` (a private event loop in the run's thread); `stop` kills every server of that name (the
whole process tree, at once) and cancels the requests still in flight. The experiment panels
and notebook 04's panel share it.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
from collections.abc import Callable, Coroutine
from typing import Any

from helpers import servers
from helpers.records import RequestRecord

TICK_S = 0.25  # how often a run's progress is redrawn
_numbers = itertools.count(1)


class BackgroundRun:
    """The thread of a panel's current run, its private event loop, and the Stop that ends both."""

    def __init__(self, title: str) -> None:
        self.server_name = f"panel {next(_numbers)}: {title}"  # unique: Stop kills this panel's server only
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[list[RequestRecord]] | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, work: Callable[[threading.Event], None]) -> bool:
        """Run `work(stop)` in a daemon thread; False, and nothing started, while a run is in progress."""
        with self._lock:
            if self.running:
                return False
            self._stop = threading.Event()
            self._thread = threading.Thread(target=work, args=(self._stop,), daemon=True, name="serverlab-panel")
            self._thread.start()
            return True

    def wait(self, timeout_s: float) -> None:
        """Wait, at most `timeout_s`, for the run in progress to end."""
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout_s)

    def fire(self, requests: Coroutine[Any, Any, list[RequestRecord]], tick: Callable[[], None]) -> list[RequestRecord]:
        """Await `requests` on a private loop in the run's thread, `tick` every 0.25 s; Stop cancels them."""
        loop = asyncio.new_event_loop()

        async def ticker() -> None:
            while True:
                tick()
                await asyncio.sleep(TICK_S)

        try:
            task = loop.create_task(requests)
            ticking = loop.create_task(ticker())
            with self._lock:
                self._loop, self._task = loop, task
            if self._stop.is_set():  # Stop came before the task existed: it could not cancel it
                task.cancel()
            try:
                return loop.run_until_complete(task)
            finally:
                ticking.cancel()
                loop.run_until_complete(asyncio.gather(ticking, return_exceptions=True))
                tick()
        finally:
            with self._lock:
                self._loop, self._task = None, None
            loop.close()

    def stop(self, timeout_s: float = 3.0) -> bool:
        """Kill the run's server now, cancel its requests, wait up to `timeout_s`; True if a run was in progress."""
        was_running = self.running
        self._stop.set()
        for srv in servers.running():
            if srv.name == self.server_name:
                srv.kill()
        with self._lock:
            loop, task = self._loop, self._task
        if loop is not None and task is not None:
            with contextlib.suppress(RuntimeError):  # the loop already closed: the run just ended
                loop.call_soon_threadsafe(task.cancel)
        self.wait(timeout_s)
        return was_running
