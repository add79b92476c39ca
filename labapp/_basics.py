"""The two endpoints every lab app shares: ``/health`` for the helpers' readiness check, ``/ping`` for loop lag.

``/ping`` is an ``async def`` that returns at once, so its latency is how long the event loop
took to get round to it.
"""

from __future__ import annotations

import os

from fastapi import APIRouter
from typing_extensions import TypedDict  # pydantic needs this TypedDict on Python < 3.12

from labapp import contract
from labapp._stamp import Clock, Stamp

router = APIRouter()


class Health(TypedDict):
    status: str
    pid: int


@router.get(contract.HEALTH)
async def health() -> Health:
    return {"status": "ok", "pid": os.getpid()}


@router.get(contract.PING)
async def ping() -> Stamp:
    return Clock().stamp("async", contract.PING)
