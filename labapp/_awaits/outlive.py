"""Handlers that outlive their client: nothing stops a ``def`` handler or an ``async def`` that never checks."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastapi import APIRouter, Request

from labapp import contract
from labapp._awaits.state import Lab
from labapp._params import Seconds
from labapp._stamp import Clock, Stamp

router = APIRouter(tags=["handlers that outlive their client"])


@router.get("/outlive/def")
def outlive_def(lab: Lab, s: Seconds = 1.5, tag: str = "def") -> Stamp:
    clock = Clock()
    lab.record(tag, "started", handler="def")
    time.sleep(s)  # nothing here can notice that the client left
    lab.record(tag, "finished", handler="def", ran_s=time.time() - clock.start)
    return clock.stamp("sync", "/outlive/def")


@router.get("/outlive/async")
async def outlive_async(lab: Lab, s: Seconds = 1.5, tag: str = "async") -> Stamp:
    clock = Clock()
    lab.record(tag, "started", handler="async def")
    await asyncio.sleep(s)
    lab.record(tag, "finished", handler="async def", ran_s=time.time() - clock.start)
    return clock.stamp("async", "/outlive/async")


@router.get("/outlive/async-checks")
async def outlive_async_checks(request: Request, lab: Lab, s: Seconds = 1.5, tag: str = "checks") -> Stamp:
    clock = Clock()
    lab.record(tag, "started", handler="async def, checks is_disconnected()")
    while time.time() - clock.start < s:
        if await request.is_disconnected():
            lab.record(tag, "stopped: client gone", handler="async def, checks is_disconnected()",
                       ran_s=time.time() - clock.start)  # fmt: skip
            return clock.stamp("async", "/outlive/async-checks", stopped_early=True)
        await asyncio.sleep(0.05)  # work in small steps, checking in between
    lab.record(tag, "finished", handler="async def, checks is_disconnected()", ran_s=time.time() - clock.start)
    return clock.stamp("async", "/outlive/async-checks", stopped_early=False)


@router.get(contract.EVENTS)
async def events(lab: Lab, tag: str | None = None) -> list[dict[str, Any]]:
    return [e for e in lab.events if tag is None or e["tag"] == tag]
