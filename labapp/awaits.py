"""The lab app of notebook 07: what really awaits, with the libraries apps actually call.

Every response carries the same stamp as ``labapp.lab`` (pid, thread, server-side start/end).

    /call/requests-in-async    requests.get(upstream) inside async def     (blocks the loop)
    /call/httpx-async          await shared httpx.AsyncClient.get(...)     (awaits; pooled connections)
    /call/httpx-per-request    a new httpx.AsyncClient for every request    (a new connection each time)
    /call/requests-in-def      requests.get(upstream) inside def           (an AnyIO worker thread)
    /db/async|sync|offload     a slow sqlite3 query in async def / def / async def + run_in_threadpool
    /tokens/...                every kind of code that borrows one of AnyIO's thread tokens
    /bg/sleep                  answers at once, then runs a def background task that sleeps
    /cpu/thread|process        calibrated CPU work via run_in_threadpool / a ProcessPoolExecutor
    /pool, /pool/roundtrip     the process pool's children, and the cost of sending it data
    /outlive/def|async|async-checks   handlers that outlive their client (or notice it left)
    /events                    the server's own record of when those handlers started and ended

Plus /health, /ping (async def), /ping/sync (def), GET|PUT /threadpool.
Environment: SERVERLAB_UPSTREAM_URL (the slow dependency), SERVERLAB_PROCESS_WORKERS (pool size,
0 for none), SERVERLAB_CPU_ITERATIONS_PER_MS (fixed CPU calibration).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import sqlite3
import tempfile
import time
from collections import deque
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, ClassVar

import anyio.to_thread
import httpx
import requests
from fastapi import BackgroundTasks, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from labapp import _basics, _pooled, contract
from labapp._guard import require_run_secret
from labapp._proxied import ForwardedPrefix
from labapp._stamp import Clock, current_thread_name
from labapp._work import CpuCalibration

Seconds = Annotated[float, Query(ge=0.0, le=10.0, description="seconds, 0 to 10")]
CpuMs = Annotated[float, Query(gt=0.0, le=5_000.0, description="milliseconds of CPU work")]
UPSTREAM_TIMEOUT_S = 15.0


class Lab:
    """What the lifespan creates and every handler shares."""

    upstream = os.environ.get(contract.UPSTREAM_VAR, "").rstrip("/")
    http: httpx.AsyncClient | None = None
    pool: ProcessPoolExecutor | None = None
    pool_size = 0
    calibration: CpuCalibration | None = None
    db_path: Path | None = None
    events: ClassVar[deque[dict[str, Any]]] = deque(maxlen=2000)


def _pool_size_from_env() -> int:
    return max(0, min(64, int(os.environ.get(contract.PROCESS_WORKERS_VAR, "2"))))


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    fixed = os.environ.get(contract.CPU_CALIBRATION_VAR)
    Lab.calibration = CpuCalibration(float(fixed) if fixed else None)
    with tempfile.TemporaryDirectory(prefix="serverlab-db-") as folder:
        Lab.db_path = Path(folder) / "orders.sqlite3"
        with sqlite3.connect(Lab.db_path) as db:
            db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)")
            db.executemany("INSERT INTO orders (total) VALUES (?)", [(i * 1.5,) for i in range(1000)])
        # One client for the whole app: its connection pool is reused by every request.
        async with httpx.AsyncClient(timeout=UPSTREAM_TIMEOUT_S) as client:
            Lab.http = client
            Lab.pool_size = _pool_size_from_env()
            if Lab.pool_size:
                # "spawn": children start fresh instead of forking a process that already runs threads.
                Lab.pool = ProcessPoolExecutor(Lab.pool_size, mp_context=multiprocessing.get_context("spawn"))
                loop = asyncio.get_running_loop()
                started = await asyncio.gather(
                    *(loop.run_in_executor(Lab.pool, _pooled.warm_up, 0.2) for _ in range(Lab.pool_size))
                )
                print(f"process pool: {len(set(started))} children started", flush=True)
            try:
                yield
            finally:
                if Lab.pool is not None:
                    Lab.pool.shutdown(wait=True, cancel_futures=True)
                    print(f"process pool: shut down cleanly, {Lab.pool_size} children joined", flush=True)
                    Lab.pool = None


app = FastAPI(title="serverlab lab app for notebook 07", lifespan=lifespan)
app.include_router(_basics.router)  # /health and /ping
app.add_middleware(ForwardedPrefix)  # /docs through JupyterLab's proxy (srv.link)


@app.get("/ping/sync")
def ping_sync() -> dict[str, Any]:
    return Clock().stamp("sync", "/ping/sync")


# -- 1. calling a slow upstream ---------------------------------------------------------------


def _upstream_url(delay_s: float) -> str:
    if not Lab.upstream:
        raise HTTPException(503, f"{contract.UPSTREAM_VAR} is not set: start this app with awaiting.lab(upstream)")
    return f"{Lab.upstream}{contract.SLOW}?delay_s={delay_s}"


@app.get(contract.CALL_REQUESTS_IN_ASYNC)
async def requests_in_async(delay_s: Seconds = 0.5) -> dict[str, Any]:
    clock = Clock()
    answer = requests.get(_upstream_url(delay_s), timeout=UPSTREAM_TIMEOUT_S).json()  # blocks the loop
    return clock.stamp("async", contract.CALL_REQUESTS_IN_ASYNC, caller_port=answer["caller_port"])


@app.get(contract.CALL_HTTPX_ASYNC)
async def httpx_async(delay_s: Seconds = 0.5) -> dict[str, Any]:
    clock = Clock()
    assert Lab.http is not None, "lifespan did not run"
    answer = (await Lab.http.get(_upstream_url(delay_s))).json()
    return clock.stamp("async", contract.CALL_HTTPX_ASYNC, caller_port=answer["caller_port"])


@app.get(contract.CALL_HTTPX_PER_REQUEST)
async def httpx_per_request(delay_s: Seconds = 0.5) -> dict[str, Any]:
    clock = Clock()
    async with httpx.AsyncClient(timeout=UPSTREAM_TIMEOUT_S) as client:  # a new pool, a new connection
        answer = (await client.get(_upstream_url(delay_s))).json()
    return clock.stamp("async", contract.CALL_HTTPX_PER_REQUEST, caller_port=answer["caller_port"])


@app.get(contract.CALL_REQUESTS_IN_DEF)
def requests_in_def(delay_s: Seconds = 0.5) -> dict[str, Any]:
    clock = Clock()
    answer = requests.get(_upstream_url(delay_s), timeout=UPSTREAM_TIMEOUT_S).json()
    return clock.stamp("sync", contract.CALL_REQUESTS_IN_DEF, caller_port=answer["caller_port"])


# -- 2. a slow database query -----------------------------------------------------------------


def _slow_query(seconds: float) -> int:
    """A query that takes `seconds` inside the driver (like PostgreSQL's pg_sleep): a blocking call."""
    assert Lab.db_path is not None, "lifespan did not run"
    with sqlite3.connect(Lab.db_path, timeout=10.0) as db:
        db.create_function("sleep", 1, time.sleep)
        row = db.execute("SELECT (SELECT count(*) FROM orders), sleep(?)", (seconds,)).fetchone()
    db.close()
    return int(row[0])


@app.get(contract.DB_ASYNC)
async def db_async(s: Seconds = 0.4) -> dict[str, Any]:
    clock = Clock()
    rows = _slow_query(s)  # sqlite3 has no await: this blocks the loop
    return clock.stamp("async", contract.DB_ASYNC, rows=rows)


@app.get(contract.DB_SYNC)
def db_sync(s: Seconds = 0.4) -> dict[str, Any]:
    clock = Clock()
    rows = _slow_query(s)
    return clock.stamp("sync", contract.DB_SYNC, rows=rows)


@app.get(contract.DB_OFFLOAD)
async def db_offload(s: Seconds = 0.4) -> dict[str, Any]:
    clock = Clock()
    rows = await run_in_threadpool(_slow_query, s)
    return clock.stamp("async", contract.DB_OFFLOAD, rows=rows)


# -- 3. everything that borrows a thread token ------------------------------------------------


async def async_dependency() -> str:
    return current_thread_name()


def sync_dependency() -> str:
    return current_thread_name()  # FastAPI calls a def dependency through run_in_threadpool


def sync_yield_dependency() -> Iterator[str]:
    yield current_thread_name()  # entered in the thread pool; its exit uses a limiter of its own


@app.get("/tokens/async-only")
async def tokens_async_only(dep: Annotated[str, Depends(async_dependency)]) -> dict[str, Any]:
    return Clock().stamp("async", "/tokens/async-only", dependency_thread=dep)


@app.get("/tokens/sync-dependency")
async def tokens_sync_dependency(dep: Annotated[str, Depends(sync_dependency)]) -> dict[str, Any]:
    return Clock().stamp("async", "/tokens/sync-dependency", dependency_thread=dep)


@app.get("/tokens/yield-dependency")
async def tokens_yield_dependency(dep: Annotated[str, Depends(sync_yield_dependency)]) -> dict[str, Any]:
    return Clock().stamp("async", "/tokens/yield-dependency", dependency_thread=dep)


@app.get("/tokens/def-handler")
def tokens_def_handler() -> dict[str, Any]:
    return Clock().stamp("sync", "/tokens/def-handler")


@app.get("/tokens/streaming")
async def tokens_streaming() -> StreamingResponse:
    def chunks() -> Iterator[bytes]:  # a sync iterator: Starlette fetches each chunk in the thread pool
        yield b'{"endpoint": "/tokens/streaming", '
        yield f'"pid": {os.getpid()}, "thread": "{current_thread_name()}"}}'.encode()

    return StreamingResponse(chunks(), media_type="application/json")


@app.get("/hold")
def hold(s: Seconds = 1.0) -> dict[str, Any]:
    clock = Clock()
    time.sleep(s)  # holds one thread token for s seconds
    return clock.stamp("sync", "/hold", seconds=s)


def _record(tag: str, what: str, **fields: Any) -> None:
    Lab.events.append({"tag": tag, "what": what, "at": time.time(), "thread": current_thread_name(), **fields})


def _sleeping_task(seconds: float, tag: str) -> None:
    _record(tag, "background task started")
    time.sleep(seconds)
    _record(tag, "background task finished")


@app.get("/bg/sleep")
async def bg_sleep(background: BackgroundTasks, s: Seconds = 1.0, tag: str = "bg") -> dict[str, Any]:
    background.add_task(_sleeping_task, s, tag)  # a def task: Starlette runs it via run_in_threadpool
    return Clock().stamp("async", "/bg/sleep", seconds=s)


def _limiter_state() -> dict[str, Any]:
    limiter = anyio.to_thread.current_default_thread_limiter()
    return {"pid": os.getpid(), "total_tokens": limiter.total_tokens, "borrowed_tokens": limiter.borrowed_tokens}


@app.get(contract.THREADPOOL)
async def threadpool() -> dict[str, Any]:
    return {**Clock().stamp("async", contract.THREADPOOL), **_limiter_state()}


@app.put(contract.THREADPOOL, dependencies=[Depends(require_run_secret)])
async def resize_threadpool(size: Annotated[int, Query(ge=1, le=1000)]) -> dict[str, Any]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = size
    return _limiter_state()


# -- 4. CPU work in a process pool ------------------------------------------------------------


def _iterations(ms: float) -> int:
    assert Lab.calibration is not None, "lifespan did not run"
    return Lab.calibration.iterations_for(ms)


def _require_pool() -> ProcessPoolExecutor:
    if Lab.pool is None:
        raise HTTPException(503, f"no process pool: start the app with {contract.PROCESS_WORKERS_VAR} >= 1")
    return Lab.pool


@app.get("/cpu/thread")
async def cpu_thread(ms: CpuMs = 300.0) -> dict[str, Any]:
    clock = Clock()
    result = await run_in_threadpool(_pooled.burn_in_child, _iterations(ms))  # runs in a thread here
    return clock.stamp("async", "/cpu/thread", ms=ms, compute_s=result["compute_s"])


@app.get("/cpu/process")
async def cpu_process(ms: CpuMs = 300.0) -> dict[str, Any]:
    clock = Clock()
    loop = asyncio.get_running_loop()
    result = await loop.run_in_executor(_require_pool(), _pooled.burn_in_child, _iterations(ms))
    return clock.stamp("async", "/cpu/process", ms=ms, **result)


@app.get("/pool")
async def pool() -> dict[str, Any]:
    return {"pid": os.getpid(), "size": Lab.pool_size if Lab.pool is not None else 0}


@app.get("/pool/roundtrip")
async def pool_roundtrip(kb: Annotated[int, Query(ge=0, le=65_536)] = 0) -> dict[str, Any]:
    payload = os.urandom(kb * 1024)
    loop = asyncio.get_running_loop()
    began = time.perf_counter()
    size = await loop.run_in_executor(_require_pool(), _pooled.payload_size, payload)
    return {"pid": os.getpid(), "kb": kb, "bytes": size, "roundtrip_s": time.perf_counter() - began}


# -- 5. handlers that outlive their client ----------------------------------------------------


@app.get("/outlive/def")
def outlive_def(s: Seconds = 1.5, tag: str = "def") -> dict[str, Any]:
    clock = Clock()
    _record(tag, "started", handler="def")
    time.sleep(s)  # nothing here can notice that the client left
    _record(tag, "finished", handler="def", ran_s=time.time() - clock.start)
    return clock.stamp("sync", "/outlive/def")


@app.get("/outlive/async")
async def outlive_async(s: Seconds = 1.5, tag: str = "async") -> dict[str, Any]:
    clock = Clock()
    _record(tag, "started", handler="async def")
    await asyncio.sleep(s)
    _record(tag, "finished", handler="async def", ran_s=time.time() - clock.start)
    return clock.stamp("async", "/outlive/async")


@app.get("/outlive/async-checks")
async def outlive_async_checks(request: Request, s: Seconds = 1.5, tag: str = "checks") -> dict[str, Any]:
    clock = Clock()
    _record(tag, "started", handler="async def, checks is_disconnected()")
    while time.time() - clock.start < s:
        if await request.is_disconnected():
            _record(tag, "stopped: client gone", handler="async def, checks is_disconnected()",
                    ran_s=time.time() - clock.start)  # fmt: skip
            return clock.stamp("async", "/outlive/async-checks", stopped_early=True)
        await asyncio.sleep(0.05)  # work in small steps, checking in between
    _record(tag, "finished", handler="async def, checks is_disconnected()", ran_s=time.time() - clock.start)
    return clock.stamp("async", "/outlive/async-checks", stopped_early=False)


@app.get(contract.EVENTS)
async def events(tag: str | None = None) -> list[dict[str, Any]]:
    return [e for e in Lab.events if tag is None or e["tag"] == tag]
