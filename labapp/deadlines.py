"""What an application-side timeout (`asyncio.timeout`) can and cannot stop, one endpoint per case.

Each handler runs `s` seconds of work under `asyncio.timeout(limit)` and reports when the
TimeoutError arrived and whether the work itself was still running then:

    /deadline/threadpool   await run_in_threadpool(time.sleep, s)   (a thread: the await is abandoned)
    /deadline/to-thread    await asyncio.to_thread(time.sleep, s)   (the same, on the loop's executor)
    /deadline/spin         a busy loop in async def, then one await (the loop never gets to fire the timeout)
    /deadline/sleep        await asyncio.sleep(s)                   (cancellable: stops at the deadline)

Each answer also says how many AnyIO thread tokens were borrowed while the work ran (read by the
work's own thread as it began) and right after the timeout (read by the handler at that moment,
while the abandoned thread still runs): the difference is the token AnyIO gave back early.
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
_tokens_seen: dict[str, int] = {}  # AnyIO tokens borrowed when each piece of work began (in its own thread)


def _tracked_sleep(name: str, s: float, limiter: anyio.CapacityLimiter) -> None:
    _running.add(name)
    # An int read from the limiter (a len() of its borrowers): safe from a worker thread.
    _tokens_seen[name] = limiter.borrowed_tokens
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
    # Read together, right after the timeout: is the thread still running, and is its token still counted?
    still_running = name in _running
    tokens_now = anyio.to_thread.current_default_thread_limiter().borrowed_tokens
    return {
        "timed_out": timed_out,
        "after_s": round(time.monotonic() - began, 3),
        "work_still_running": still_running,
        "tokens_while_working": _tokens_seen.pop(name, None),  # None: no thread of ours ran this work
        "tokens_after_timeout": tokens_now,
        "limit_s": limit,
    }


@app.get(contract.HEALTH)
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get(contract.DEADLINE_THREADS)
async def threads() -> dict[str, Any]:
    limiter = anyio.to_thread.current_default_thread_limiter()
    return {"still_running": sorted(_running), "borrowed_tokens": limiter.borrowed_tokens}


@app.get(contract.DEADLINE_THREADPOOL)
async def deadline_threadpool(s: Seconds = 3.0, limit: Seconds = 1.0) -> dict[str, Any]:
    name, limiter = f"threadpool-{time.monotonic_ns()}", anyio.to_thread.current_default_thread_limiter()
    return await _under_timeout(limit, lambda: run_in_threadpool(_tracked_sleep, name, s, limiter), name)


@app.get(contract.DEADLINE_TO_THREAD)
async def deadline_to_thread(s: Seconds = 3.0, limit: Seconds = 1.0) -> dict[str, Any]:
    name, limiter = f"to-thread-{time.monotonic_ns()}", anyio.to_thread.current_default_thread_limiter()
    return await _under_timeout(limit, lambda: asyncio.to_thread(_tracked_sleep, name, s, limiter), name)


@app.get(contract.DEADLINE_SPIN)
async def deadline_spin(s: Seconds = 3.0, limit: Seconds = 1.0) -> dict[str, Any]:
    async def work() -> None:
        spin(s)  # holds the loop: the timer that would cancel us cannot run
        await asyncio.sleep(0)  # the first await after the deadline is where the cancellation lands

    return await _under_timeout(limit, work, "spin")


@app.get(contract.DEADLINE_SLEEP)
async def deadline_sleep(s: Seconds = 3.0, limit: Seconds = 1.0) -> dict[str, Any]:
    return await _under_timeout(limit, lambda: asyncio.sleep(s), "sleep")


@app.get(contract.DEADLINE_THREAD_COUNT)
async def thread_count() -> dict[str, int]:
    return {"threads": threading.active_count()}
