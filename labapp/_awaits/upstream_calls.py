"""Calling a slow upstream: ``requests`` blocks the loop in ``async def``; httpx awaits; ``def`` runs in a thread."""

from __future__ import annotations

import httpx
import requests
from fastapi import APIRouter

from labapp import contract
from labapp._awaits.state import UPSTREAM_TIMEOUT_S, Lab
from labapp._params import Seconds
from labapp._stamp import Clock, Stamp

router = APIRouter(tags=["calling a slow upstream"])


@router.get(contract.CALL_REQUESTS_IN_ASYNC)
async def requests_in_async(lab: Lab, delay_s: Seconds = 0.5) -> Stamp:
    clock = Clock()
    answer = requests.get(lab.upstream_url(delay_s), timeout=UPSTREAM_TIMEOUT_S).json()  # blocks the loop
    return clock.stamp("async", contract.CALL_REQUESTS_IN_ASYNC, caller_port=answer["caller_port"])


@router.get(contract.CALL_HTTPX_ASYNC)
async def httpx_async(lab: Lab, delay_s: Seconds = 0.5) -> Stamp:
    clock = Clock()
    answer = (await lab.http.get(lab.upstream_url(delay_s))).json()  # the lifespan's shared client
    return clock.stamp("async", contract.CALL_HTTPX_ASYNC, caller_port=answer["caller_port"])


@router.get(contract.CALL_HTTPX_PER_REQUEST)
async def httpx_per_request(lab: Lab, delay_s: Seconds = 0.5) -> Stamp:
    clock = Clock()
    async with httpx.AsyncClient(timeout=UPSTREAM_TIMEOUT_S) as client:  # a new pool, a new connection
        answer = (await client.get(lab.upstream_url(delay_s))).json()
    return clock.stamp("async", contract.CALL_HTTPX_PER_REQUEST, caller_port=answer["caller_port"])


@router.get(contract.CALL_REQUESTS_IN_DEF)
def requests_in_def(lab: Lab, delay_s: Seconds = 0.5) -> Stamp:
    clock = Clock()
    answer = requests.get(lab.upstream_url(delay_s), timeout=UPSTREAM_TIMEOUT_S).json()
    return clock.stamp("sync", contract.CALL_REQUESTS_IN_DEF, caller_port=answer["caller_port"])
