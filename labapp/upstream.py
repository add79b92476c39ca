"""A slow dependency for notebook 07: an HTTP API that answers after the delay you ask for.

The lab app (``labapp.awaits``) calls it the way real apps call a payment provider or another
team's service. It also counts the TCP connections its callers opened (one client port per
connection), so a notebook can see whether a caller reuses connections or opens one per call.

    GET  /slow?delay_s=0.5   answer after 0.5 s (awaited: the upstream itself never blocks)
    GET  /connections        requests served and distinct connections seen since the last reset
    POST /connections/reset  start counting again
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request

from labapp import _basics, contract
from labapp._proxied import ForwardedPrefix
from labapp._stamp import Clock

MAX_DELAY_S = 10.0

app = FastAPI(title="serverlab upstream (a slow dependency)")
app.include_router(_basics.router)  # /health and /ping
app.add_middleware(ForwardedPrefix)  # /docs through JupyterLab's proxy (srv.link)

_client_ports: set[tuple[str, int]] = set()
_requests_served = 0


@app.get(contract.SLOW)
async def slow(
    request: Request,
    delay_s: Annotated[float, Query(ge=0.0, le=MAX_DELAY_S, description="seconds before answering")] = 0.5,
) -> dict[str, Any]:
    global _requests_served
    clock = Clock()
    peer = (request.client.host, request.client.port) if request.client else ("?", 0)
    _client_ports.add(peer)
    _requests_served += 1
    await asyncio.sleep(delay_s)
    return clock.stamp("async", contract.SLOW, delay_s=delay_s, caller_port=peer[1])


@app.get(contract.CONNECTIONS)
async def connections() -> dict[str, int]:
    return {"requests": _requests_served, "connections": len(_client_ports)}


@app.post(f"{contract.CONNECTIONS}/reset")
async def reset_connections() -> dict[str, int]:
    global _requests_served
    _client_ports.clear()
    _requests_served = 0
    return {"requests": 0, "connections": 0}
