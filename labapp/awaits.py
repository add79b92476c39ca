"""The lab app of notebook 04: what really awaits, with the libraries apps actually call.

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
0 for none), SERVERLAB_CPU_ITERATIONS_PER_MS (fixed CPU calibration); the names are in ``labapp.contract``.

This module makes the app: the lifespan and one router per topic (``labapp/_awaits/``). What the
lifespan makes it yields, and every handler reads it from ``request.state`` (``_awaits/state.py``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI
from typing_extensions import TypedDict  # pydantic needs this TypedDict on Python < 3.12

from labapp import _basics, contract
from labapp._awaits import database, outlive, process_pool, tokens, upstream_calls
from labapp._awaits.database import _slow_query
from labapp._awaits.outlive import outlive_async_checks
from labapp._awaits.process_pool import cpu_process
from labapp._awaits.state import UPSTREAM_TIMEOUT_S, AwaitsState
from labapp._awaits.upstream_calls import httpx_async, requests_in_async, requests_in_def
from labapp._proxied import ForwardedPrefix
from labapp._work import calibration_from_env

# The handlers notebook 04 prints (helpers.source.of_handler, inspect.getsource), importable from here as before.
__all__ = ["_slow_query", "app", "cpu_process", "httpx_async", "lifespan", "outlive_async_checks",
           "requests_in_async", "requests_in_def"]  # fmt: skip


class AwaitsLifespanState(TypedDict):
    lab: AwaitsState


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[AwaitsLifespanState]:
    calibration = calibration_from_env()
    pool_size = process_pool.pool_size_from_env()
    with tempfile.TemporaryDirectory(prefix="serverlab-db-") as folder:
        db_path = database.create_orders(Path(folder))
        # One client for the whole app: its connection pool is reused by every request.
        async with httpx.AsyncClient(timeout=UPSTREAM_TIMEOUT_S) as client:  # noqa: SIM117 (one line to print)
            async with process_pool.started_pool(pool_size) as pool:
                upstream = os.environ.get(contract.UPSTREAM_VAR, "").rstrip("/")
                yield {"lab": AwaitsState(upstream, client, db_path, calibration, pool, pool_size)}


app = FastAPI(title="serverlab lab app for notebook 04", lifespan=lifespan)
app.include_router(_basics.router)  # /health and /ping
for topic in (tokens, upstream_calls, database, process_pool, outlive):
    app.include_router(topic.router)
app.add_middleware(ForwardedPrefix)  # /docs through JupyterLab's proxy (srv.link)
