"""A learner's handler served for real, with the names notebook 04's exercises use (UPSTREAM, http_client, PROGRESS)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from helpers import learner_app
from helpers.servers import Server
from labapp import contract

EXERCISE_PREAMBLE = learner_app.Preamble(
    imports="""
from typing import Any

import httpx
import requests
from fastapi import Request
""",
    setup=f"""
UPSTREAM = os.environ[{contract.UPSTREAM_VAR!r}]
PROGRESS = {{"steps": 0}}  # a handler may count its steps here; GET /progress reads them
http_client = httpx.AsyncClient(timeout=10)  # one shared client: connections are reused


@app.get("/progress")
async def progress() -> dict:
    return PROGRESS
""",
    routes=("/progress",),
)


def serve_handler(
    handler: Callable[..., Any], up: Server, *, route: str = "/handler"
) -> AbstractContextManager[Server]:
    """Serve the function `handler` (as written in its cell) at `route` in a fresh app under uvicorn.

    It is ``learner_app.serve`` with `EXERCISE_PREAMBLE` (the names the exercises use) and the upstream's URL."""
    return learner_app.serve(
        handler, route=route, name=f"exercise {handler.__name__}", preamble=EXERCISE_PREAMBLE,
        env={contract.UPSTREAM_VAR: up.url}, access_log=False,
    )  # fmt: skip
