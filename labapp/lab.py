"""The instrumented lab app: every response says which process and thread ran it, and when.

Endpoints come in pairs that differ only in how the handler is declared, so a notebook can
put ``async def`` and ``def`` side by side:

    /async/sleep    await asyncio.sleep(s)        (cooperative: the loop keeps serving)
    /async/block    time.sleep(s) in async def    (blocks the event loop)
    /sync/sleep     time.sleep(s) in def          (runs in an AnyIO worker thread)
    /async/spin     busy loop for s seconds in async def
    /sync/spin      busy loop for s seconds in def
    /async/cpu      fixed CPU work of about `ms` ms in async def
    /sync/cpu       the same work in def
    /async/offload/sleep|cpu   async def handing the work to run_in_threadpool
    /async/to-thread/sleep|cpu async def handing the work to asyncio.to_thread

Plus /health, /ping, /info, GET|PUT /threadpool and POST /crash (PUT and /crash need the run's secret: _guard.py).
Set SERVERLAB_THREAD_TOKENS to resize AnyIO's thread limiter in the lifespan, and
SERVERLAB_CPU_ITERATIONS_PER_MS to give every worker the same CPU-work calibration
(the names are in ``labapp.contract``). What the lifespan makes, it yields: Starlette hands
that state to every request as ``request.state``, so no handler reads a module global.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import anyio.to_thread
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool
from typing_extensions import TypedDict  # pydantic needs this TypedDict on Python < 3.12

from labapp import _basics, _threadpool, contract
from labapp._guard import require_run_secret
from labapp._params import Seconds
from labapp._proxied import ForwardedPrefix
from labapp._stamp import Clock, Stamp, current_thread_name
from labapp._threadpool import ThreadPoolState
from labapp._work import CpuCalibration, burn, calibration_from_env, spin

MAX_SECONDS = contract.MAX_SECONDS
MAX_CPU_MS = contract.MAX_CPU_MS

CpuMs = Annotated[float, Query(gt=0.0, le=MAX_CPU_MS, description="milliseconds of CPU work")]


class LabState(TypedDict):
    """What the lifespan yields; each request reads it as ``request.state``."""

    calibration: CpuCalibration


def thread_tokens_from_env() -> int | None:
    raw = os.environ.get(contract.THREAD_TOKENS_VAR)
    return int(raw) if raw else None


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[LabState]:
    # The lifespan runs on the event loop before the first request: the right place to
    # resize the limiter that every `def` handler borrows a thread token from.
    tokens = thread_tokens_from_env()
    if tokens is not None:
        anyio.to_thread.current_default_thread_limiter().total_tokens = tokens
    # What it yields is the app's state: the server copies it into every request (request.state).
    yield {"calibration": calibration_from_env()}


app = FastAPI(title="serverlab lab app", lifespan=lifespan)
app.include_router(_basics.router)  # /health and /ping
app.add_middleware(ForwardedPrefix)  # /docs through JupyterLab's proxy (srv.link)


async def cpu_calibration(request: Request) -> CpuCalibration:
    """The lifespan's calibration. ``async def``: a ``def`` dependency would borrow a thread token."""
    calibration: CpuCalibration | None = getattr(request.state, "calibration", None)
    if calibration is None:  # a server that runs no lifespan (helpers.tiny_asgi)
        raise HTTPException(503, "no CPU calibration: this server did not run the app's lifespan")
    return calibration


Calibration = Annotated[CpuCalibration, Depends(cpu_calibration)]


def _burn(iterations: int) -> str:
    burn(iterations)
    return current_thread_name()


def _sleep(s: float) -> str:
    time.sleep(s)
    return current_thread_name()


@app.get(contract.ASYNC_SLEEP)
async def async_sleep(s: Seconds = 1.0) -> Stamp:
    clock = Clock()
    await asyncio.sleep(s)
    return clock.stamp("async", contract.ASYNC_SLEEP, seconds=s)


@app.get(contract.ASYNC_BLOCK)
async def async_block(s: Seconds = 1.0) -> Stamp:
    clock = Clock()
    time.sleep(s)  # deliberately blocks the event loop
    return clock.stamp("async", contract.ASYNC_BLOCK, seconds=s)


@app.get(contract.SYNC_SLEEP)
def sync_sleep(s: Seconds = 1.0) -> Stamp:
    clock = Clock()
    time.sleep(s)
    return clock.stamp("sync", contract.SYNC_SLEEP, seconds=s)


@app.get(contract.ASYNC_SPIN)
async def async_spin(s: Seconds = 1.0) -> Stamp:
    clock = Clock()
    loops = spin(s)
    return clock.stamp("async", contract.ASYNC_SPIN, seconds=s, loops=loops)


@app.get(contract.SYNC_SPIN)
def sync_spin(s: Seconds = 1.0) -> Stamp:
    clock = Clock()
    loops = spin(s)
    return clock.stamp("sync", contract.SYNC_SPIN, seconds=s, loops=loops)


@app.get(contract.ASYNC_CPU)
async def async_cpu(calibration: Calibration, ms: CpuMs = 100.0) -> Stamp:
    clock = Clock()
    burn(calibration.iterations_for(ms))
    return clock.stamp("async", contract.ASYNC_CPU, ms=ms)


@app.get(contract.SYNC_CPU)
def sync_cpu(calibration: Calibration, ms: CpuMs = 100.0) -> Stamp:
    clock = Clock()
    burn(calibration.iterations_for(ms))
    return clock.stamp("sync", contract.SYNC_CPU, ms=ms)


@app.get(contract.OFFLOAD_SLEEP)
async def offload_sleep(s: Seconds = 1.0) -> Stamp:
    clock = Clock()
    worker = await run_in_threadpool(_sleep, s)
    return clock.stamp("async", contract.OFFLOAD_SLEEP, seconds=s, work_thread=worker)


@app.get(contract.OFFLOAD_CPU)
async def offload_cpu(calibration: Calibration, ms: CpuMs = 100.0) -> Stamp:
    clock = Clock()
    worker = await run_in_threadpool(_burn, calibration.iterations_for(ms))
    return clock.stamp("async", contract.OFFLOAD_CPU, ms=ms, work_thread=worker)


@app.get(contract.TO_THREAD_SLEEP)
async def to_thread_sleep(s: Seconds = 1.0) -> Stamp:
    clock = Clock()
    worker = await asyncio.to_thread(_sleep, s)
    return clock.stamp("async", contract.TO_THREAD_SLEEP, seconds=s, work_thread=worker)


@app.get(contract.TO_THREAD_CPU)
async def to_thread_cpu(calibration: Calibration, ms: CpuMs = 100.0) -> Stamp:
    clock = Clock()
    worker = await asyncio.to_thread(_burn, calibration.iterations_for(ms))
    return clock.stamp("async", contract.TO_THREAD_CPU, ms=ms, work_thread=worker)


@app.get(contract.THREADPOOL)
async def threadpool() -> ThreadPoolState:
    return _threadpool.state()


@app.put(contract.THREADPOOL, dependencies=[Depends(require_run_secret)])
async def resize_threadpool(
    size: Annotated[int, Query(ge=1, le=1000, description="new number of thread tokens")],
) -> ThreadPoolState:
    return _threadpool.resize(size)


class Exiting(TypedDict):
    pid: int
    exiting_in_s: float


@app.post(contract.CRASH, dependencies=[Depends(require_run_secret)])
async def crash(
    delay_s: Annotated[float, Query(ge=0.0, le=5.0, description="seconds before exiting")] = 0.1,
) -> Exiting:
    # Exit after the response is on its way, so the caller learns which PID died.
    asyncio.get_running_loop().call_later(delay_s, os._exit, 1)
    return {"pid": os.getpid(), "exiting_in_s": delay_s}


def _http_implementation() -> str:
    for name in ("httptools", "h11"):
        if f"uvicorn.protocols.http.{name}_impl" in sys.modules:
            return name
    return "unknown"


class ThreadInfo(TypedDict):
    name: str
    ident: int | None
    daemon: bool


class Info(TypedDict):
    """``GET /info``: the process, the interpreter and event loop serving it, its threads and limiter."""

    pid: int
    ppid: int
    python: str
    gil_enabled: bool
    loop: str
    http: str
    threads: list[ThreadInfo]
    markers: dict[str, str]
    cpu_iterations_per_ms: float | None
    total_tokens: int
    borrowed_tokens: int


@app.get(contract.INFO)
async def info(request: Request) -> Info:
    loop = asyncio.get_running_loop()
    calibration: CpuCalibration | None = getattr(request.state, "calibration", None)
    limiter = _threadpool.state()
    return {
        "pid": os.getpid(),
        "ppid": os.getppid(),
        "python": sys.version.split()[0],
        # False only on a free-threaded CPython (3.13t+) that runs with the GIL off, where threads compute in parallel
        "gil_enabled": bool(getattr(sys, "_is_gil_enabled", lambda: True)()),
        "loop": f"{type(loop).__module__}.{type(loop).__name__}",
        "http": _http_implementation(),
        "threads": [{"name": t.name, "ident": t.ident, "daemon": t.daemon} for t in threading.enumerate()],
        "markers": {
            k: v for k, v in os.environ.items() if k.startswith(contract.MARKER_PREFIX) and k != contract.SECRET_VAR
        },
        "cpu_iterations_per_ms": calibration.iterations_per_ms if calibration else None,
        "total_tokens": limiter["total_tokens"],
        "borrowed_tokens": limiter["borrowed_tokens"],
    }
