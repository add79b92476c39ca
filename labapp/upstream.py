"""A slow dependency for notebook 04: an HTTP API that answers after the delay you ask for.

The lab app (``labapp.awaits``) calls it the way real apps call a payment provider or another
team's service. It also counts the TCP connections its callers opened (one client port per
connection), so a notebook can see whether a caller reuses connections or opens one per call.

    GET  /slow?delay_s=0.5   answer after 0.5 s (awaited: the upstream itself never blocks)
    GET  /connections        requests served and distinct connections seen since the last reset
    POST /connections/reset  start counting again

The counts live in the lifespan's state (``request.state.callers``), one per server process.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request
from typing_extensions import TypedDict  # pydantic needs this TypedDict on Python < 3.12

from labapp import _basics, contract
from labapp._proxied import ForwardedPrefix
from labapp._stamp import Clock, Stamp

MAX_DELAY_S = 10.0


@dataclass
class Callers:
    """Requests served and the distinct (host, port) pairs they came from: one port per TCP connection."""

    requests: int = 0
    ports: set[tuple[str, int]] = field(default_factory=set)


class UpstreamState(TypedDict):
    callers: Callers


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[UpstreamState]:
    yield {"callers": Callers()}


async def callers(request: Request) -> Callers:
    counted: Callers = request.state.callers
    return counted


CallerCount = Annotated[Callers, Depends(callers)]

app = FastAPI(title="serverlab upstream (a slow dependency)", lifespan=lifespan)
app.include_router(_basics.router)  # /health and /ping
app.add_middleware(ForwardedPrefix)  # /docs through JupyterLab's proxy (srv.link)


@app.get(contract.SLOW)
async def slow(
    request: Request,
    counted: CallerCount,
    delay_s: Annotated[float, Query(ge=0.0, le=MAX_DELAY_S, description="seconds before answering")] = 0.5,
) -> Stamp:
    clock = Clock()
    peer = (request.client.host, request.client.port) if request.client else ("?", 0)
    counted.ports.add(peer)
    counted.requests += 1
    await asyncio.sleep(delay_s)
    return clock.stamp("async", contract.SLOW, delay_s=delay_s, caller_port=peer[1])


class Connections(TypedDict):
    requests: int
    connections: int


@app.get(contract.CONNECTIONS)
async def connections(counted: CallerCount) -> Connections:
    return {"requests": counted.requests, "connections": len(counted.ports)}


@app.post(contract.CONNECTIONS_RESET)
async def reset_connections(counted: CallerCount) -> Connections:
    counted.ports.clear()
    counted.requests = 0
    return {"requests": 0, "connections": 0}
