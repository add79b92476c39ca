"""What an application-side timeout (`asyncio.timeout`) can and cannot stop, one endpoint per case.

Each handler runs `s` seconds of work under `asyncio.timeout(limit)` and reports when the
TimeoutError arrived and whether the work itself was still running then:

    /deadline/threadpool   await run_in_threadpool(time.sleep, s)   (a thread: the await is abandoned)
    /deadline/to-thread    await asyncio.to_thread(time.sleep, s)   (the same, on the loop's executor)
    /deadline/spin         a busy loop in async def, then one await (the loop never gets to fire the timeout)
    /deadline/sleep        await asyncio.sleep(s)                   (cancellable: stops at the deadline)

Plus /health and /threads (worker threads still running abandoned work, and AnyIO's borrowed tokens).
A `def` handler cannot use `asyncio.timeout` at all: it runs on a worker thread with no event loop.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from labapp import contract
from labapp._params import Seconds
from labapp._proxied import ForwardedPrefix
from labapp._work import spin

app = FastAPI(title="serverlab deadlines")
app.add_middleware(ForwardedPrefix)  # /docs through JupyterLab's proxy (srv.link)
_running: set[str] = set()  # names of the pieces of work still running, even after their request timed out


def _tracked_sleep(name: str, s: float) -> None:
    _running.add(name)
    try:
        time.sleep(s)
    finally:
        _running.discard(name)


async def _under_timeout(limit: float, work: Callable[[], Awaitable[Any]], name: str) -> dict[str, Any]:
    began = time.monotonic()
    try:
        async with asyncio.timeout(limit):
            await work()
        timed_out = False
    except TimeoutError:
        timed_out = True
    return {
        "timed_out": timed_out,
        "after_s": round(time.monotonic() - began, 3),
        "work_still_running": name in _running,
        "limit_s": limit,
    }


@app.get(contract.HEALTH)
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/threads")
async def threads() -> dict[str, Any]:
    limiter = anyio.to_thread.current_default_thread_limiter()
    return {"still_running": sorted(_running), "borrowed_tokens": limiter.borrowed_tokens}


@app.get("/deadline/threadpool")
async def deadline_threadpool(s: Seconds = 3.0, limit: Seconds = 1.0) -> dict[str, Any]:
    name = f"threadpool-{time.monotonic_ns()}"
    return await _under_timeout(limit, lambda: run_in_threadpool(_tracked_sleep, name, s), name)


@app.get("/deadline/to-thread")
async def deadline_to_thread(s: Seconds = 3.0, limit: Seconds = 1.0) -> dict[str, Any]:
    name = f"to-thread-{time.monotonic_ns()}"
    return await _under_timeout(limit, lambda: asyncio.to_thread(_tracked_sleep, name, s), name)


@app.get("/deadline/spin")
async def deadline_spin(s: Seconds = 3.0, limit: Seconds = 1.0) -> dict[str, Any]:
    async def work() -> None:
        spin(s)  # holds the loop: the timer that would cancel us cannot run
        await asyncio.sleep(0)  # the first await after the deadline is where the cancellation lands

    return await _under_timeout(limit, work, "spin")


@app.get("/deadline/sleep")
async def deadline_sleep(s: Seconds = 3.0, limit: Seconds = 1.0) -> dict[str, Any]:
    return await _under_timeout(limit, lambda: asyncio.sleep(s), "sleep")


@app.get("/deadline/thread-count")
async def thread_count() -> dict[str, int]:
    return {"threads": threading.active_count()}
