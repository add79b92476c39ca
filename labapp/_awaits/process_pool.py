"""CPU work in a thread (shares the GIL with the loop's process) or in a ``ProcessPoolExecutor`` (does not)."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import time
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from starlette.concurrency import run_in_threadpool
from typing_extensions import TypedDict  # pydantic needs this TypedDict on Python < 3.12

from labapp import _pooled, contract
from labapp._awaits.state import AwaitsState, CpuMs, Lab
from labapp._stamp import Clock, Stamp

router = APIRouter(tags=["CPU work in a process pool"])
MAX_POOL = 64


def pool_size_from_env() -> int:
    return max(0, min(MAX_POOL, int(os.environ.get(contract.PROCESS_WORKERS_VAR, "2"))))


@asynccontextmanager
async def started_pool(size: int) -> AsyncIterator[ProcessPoolExecutor | None]:
    """The lifespan's pool, its children all started before the first request, joined at shutdown."""
    if not size:
        yield None
        return
    # "spawn": children start fresh instead of forking a process that already runs threads.
    pool = ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("spawn"))
    try:
        loop = asyncio.get_running_loop()
        started = await asyncio.gather(*(loop.run_in_executor(pool, _pooled.warm_up, 0.2) for _ in range(size)))
        print(f"process pool: {len(set(started))} children started", flush=True)
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        print(f"process pool: shut down cleanly, {size} children joined", flush=True)


def _require_pool(lab: AwaitsState) -> ProcessPoolExecutor:
    if lab.pool is None:
        raise HTTPException(503, f"no process pool: start the app with {contract.PROCESS_WORKERS_VAR} >= 1")
    return lab.pool


@router.get("/cpu/thread")
async def cpu_thread(lab: Lab, ms: CpuMs = 300.0) -> Stamp:
    clock = Clock()
    iterations = lab.calibration.iterations_for(ms)
    result = await run_in_threadpool(_pooled.burn_in_child, iterations)  # runs in a thread here
    return clock.stamp("async", "/cpu/thread", ms=ms, compute_s=result["compute_s"])


@router.get("/cpu/process")
async def cpu_process(lab: Lab, ms: CpuMs = 300.0) -> Stamp:
    clock = Clock()
    loop = asyncio.get_running_loop()
    iterations = lab.calibration.iterations_for(ms)
    result = await loop.run_in_executor(_require_pool(lab), _pooled.burn_in_child, iterations)
    return clock.stamp("async", "/cpu/process", ms=ms, **result)


class PoolSize(TypedDict):
    pid: int
    size: int


@router.get("/pool")
async def pool(lab: Lab) -> PoolSize:
    return {"pid": os.getpid(), "size": lab.pool_size if lab.pool is not None else 0}


class Roundtrip(TypedDict):
    pid: int
    kb: int
    bytes: int
    roundtrip_s: float


@router.get("/pool/roundtrip")
async def pool_roundtrip(lab: Lab, kb: Annotated[int, Query(ge=0, le=65_536)] = 0) -> Roundtrip:
    payload = os.urandom(kb * 1024)
    loop = asyncio.get_running_loop()
    began = time.perf_counter()
    size = await loop.run_in_executor(_require_pool(lab), _pooled.payload_size, payload)
    return {"pid": os.getpid(), "kb": kb, "bytes": size, "roundtrip_s": time.perf_counter() - began}
