"""Everything that borrows one of AnyIO's thread tokens, and the limiter they borrow from.

``def`` dependencies, ``def`` handlers, ``def`` background tasks and ``StreamingResponse`` over a
sync iterator each run in the thread pool; ``async def`` dependencies do not. A ``def`` handler
also borrows a token for FastAPI's response validation, because it has a response type.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Query
from fastapi.responses import StreamingResponse

from labapp import _threadpool, contract
from labapp._awaits.state import AwaitsState, Lab
from labapp._guard import require_run_secret
from labapp._params import Seconds
from labapp._stamp import Clock, Stamp, current_thread_name
from labapp._threadpool import ThreadPoolState

router = APIRouter(tags=["thread tokens"])


@router.get("/ping/sync")
def ping_sync() -> Stamp:
    return Clock().stamp("sync", "/ping/sync")


async def async_dependency() -> str:
    return current_thread_name()


def sync_dependency() -> str:
    return current_thread_name()  # FastAPI calls a def dependency through run_in_threadpool


def sync_yield_dependency() -> Iterator[str]:
    yield current_thread_name()  # entered in the thread pool; its exit uses a limiter of its own


@router.get("/tokens/async-only")
async def tokens_async_only(dep: Annotated[str, Depends(async_dependency)]) -> Stamp:
    return Clock().stamp("async", "/tokens/async-only", dependency_thread=dep)


@router.get("/tokens/sync-dependency")
async def tokens_sync_dependency(dep: Annotated[str, Depends(sync_dependency)]) -> Stamp:
    return Clock().stamp("async", "/tokens/sync-dependency", dependency_thread=dep)


@router.get("/tokens/yield-dependency")
async def tokens_yield_dependency(dep: Annotated[str, Depends(sync_yield_dependency)]) -> Stamp:
    return Clock().stamp("async", "/tokens/yield-dependency", dependency_thread=dep)


@router.get("/tokens/def-handler")
def tokens_def_handler() -> Stamp:
    return Clock().stamp("sync", "/tokens/def-handler")


@router.get("/tokens/streaming")
async def tokens_streaming() -> StreamingResponse:
    def chunks() -> Iterator[bytes]:  # a sync iterator: Starlette fetches each chunk in the thread pool
        yield b'{"endpoint": "/tokens/streaming", '
        yield f'"pid": {os.getpid()}, "thread": "{current_thread_name()}"}}'.encode()

    return StreamingResponse(chunks(), media_type="application/json")


@router.get(contract.HOLD)
def hold(s: Seconds = 1.0) -> Stamp:
    clock = Clock()
    time.sleep(s)  # holds one thread token for s seconds
    return clock.stamp("sync", contract.HOLD, seconds=s)


def _sleeping_task(lab: AwaitsState, seconds: float, tag: str) -> None:
    lab.record(tag, "background task started")
    time.sleep(seconds)
    lab.record(tag, "background task finished")


@router.get("/bg/sleep")
async def bg_sleep(lab: Lab, background: BackgroundTasks, s: Seconds = 1.0, tag: str = "bg") -> Stamp:
    background.add_task(_sleeping_task, lab, s, tag)  # a def task: Starlette runs it via run_in_threadpool
    return Clock().stamp("async", "/bg/sleep", seconds=s)


@router.get(contract.THREADPOOL)
async def threadpool() -> Stamp:
    return {**Clock().stamp("async", contract.THREADPOOL), **_threadpool.state()}


@router.put(contract.THREADPOOL, dependencies=[Depends(require_run_secret)])
async def resize_threadpool(size: Annotated[int, Query(ge=1, le=1000)]) -> ThreadPoolState:
    return _threadpool.resize(size)
