"""The two endpoints every lab app shares: ``/health`` for the helpers' readiness check, ``/ping`` for loop lag.

``/ping`` is an ``async def`` that returns at once, so its latency is how long the event loop
took to get round to it.
"""

from __future__ import annotations

import os
from typing import Any

from fastapi import APIRouter

from labapp import contract
from labapp._stamp import Clock

router = APIRouter()


@router.get(contract.HEALTH)
async def health() -> dict[str, Any]:
    return {"status": "ok", "pid": os.getpid()}


@router.get(contract.PING)
async def ping() -> dict[str, Any]:
    return Clock().stamp("async", contract.PING)
