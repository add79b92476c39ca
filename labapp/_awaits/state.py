"""What ``labapp.awaits``' lifespan makes and every handler shares, read from ``request.state``.

The lifespan yields ``{"lab": AwaitsState(...)}``; the server copies that dict into each
request's scope, and Starlette shows it as ``request.state``. Handlers ask for it with the
``Lab`` dependency, an ``async def``: a ``def`` dependency would borrow one of the thread tokens
that notebook 04 counts.
"""

from __future__ import annotations

import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import httpx
from fastapi import Depends, HTTPException, Query, Request

from labapp import contract
from labapp._stamp import current_thread_name
from labapp._work import CpuCalibration

CpuMs = Annotated[float, Query(gt=0.0, le=5_000.0, description="milliseconds of CPU work")]
UPSTREAM_TIMEOUT_S = 15.0
EVENTS_KEPT = 2000


@dataclass
class AwaitsState:
    """One per server process, made in the lifespan."""

    upstream: str  # the slow dependency's base URL, "" when not given
    http: httpx.AsyncClient  # one client, so its connection pool is reused by every request
    db_path: Path
    calibration: CpuCalibration
    pool: ProcessPoolExecutor | None  # None when started with 0 process workers
    pool_size: int
    events: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=EVENTS_KEPT))

    def upstream_url(self, delay_s: float) -> str:
        if not self.upstream:
            raise HTTPException(503, f"{contract.UPSTREAM_VAR} is not set: start this app with awaiting.lab(upstream)")
        return f"{self.upstream}{contract.SLOW}?delay_s={delay_s}"

    def record(self, tag: str, what: str, **fields: Any) -> None:
        """One line of the server's own event log (``GET /events``); safe from any thread (deque.append)."""
        self.events.append({"tag": tag, "what": what, "at": time.time(), "thread": current_thread_name(), **fields})


async def lab_state(request: Request) -> AwaitsState:
    state: AwaitsState = request.state.lab
    return state


Lab = Annotated[AwaitsState, Depends(lab_state)]
