"""Serve a handler the learner wrote in a notebook cell, under a real server, to measure it.

"Fix this handler" exercises need the learner's own function, not a lab endpoint, behind a real
uvicorn or gunicorn: the function's source goes into a small FastAPI module in a temporary
directory, next to the same `/ping` and `/health` the lab app has, and `servers` starts it.
The module imports the stand-ins of `labapp.library` (a blocking library call, CPU work), and
``GET /calls`` reports how often they ran, so a check can tell a fix from skipping the work.

    async def slow_lookup():
        time.sleep(0.4)
        return {"found": True}

    with learner_app.serve(slow_lookup) as srv:      # GET /work runs slow_lookup
        print(srv.command)                           # python -m uvicorn learner_handler:app ...
        print(learner_app.source(slow_lookup))       # the module it runs
"""

from __future__ import annotations

import inspect
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from helpers import servers
from helpers.errors import BadArgumentError

MODULE = "learner_handler"
ROUTE = "/work"

_HEADER = '''"""Written by helpers.learner_app: the learner's handler, served at GET {route}."""

import asyncio
import os
import threading
import time

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from labapp.library import blocking_library_call, burn_cpu, calls_so_far

app = FastAPI()


@app.get("/ping")
async def ping():
    return {{"pid": os.getpid(), "ppid": os.getppid(), "thread": threading.current_thread().name}}


@app.get("/health")
async def health():
    return {{"ok": True, "pid": os.getpid()}}


@app.get("/calls")
async def calls():
    return dict(calls_so_far(), pid=os.getpid())


# ---- the learner's handler, as written in the notebook ----
'''


def _handler_source(handler: Callable[..., Any]) -> str:
    if not inspect.isfunction(handler):
        raise BadArgumentError(f"pass the handler function itself (e.g. slow_lookup), got {handler!r}")
    try:
        text = textwrap.dedent(inspect.getsource(handler))
    except (OSError, TypeError) as exc:
        raise BadArgumentError(f"cannot read the source of {handler.__name__}: define it in a cell ({exc})") from exc
    lines = text.splitlines()
    while lines and lines[0].lstrip().startswith("@"):  # a route decorator of the learner's own app
        lines.pop(0)
    return "\n".join(lines) + "\n"


def source(handler: Callable[..., Any], route: str = ROUTE) -> str:
    """The whole module that `serve` runs: header, the handler's source, its route."""
    if not route.startswith("/") or route in ("/ping", "/health", "/calls"):
        raise BadArgumentError(f"route must start with / and not be /ping, /health or /calls, got {route!r}")
    body = _handler_source(handler)
    return (
        _HEADER.format(route=route) + body + f"\n\napp.add_api_route({route!r}, {handler.__name__}, methods=['GET'])\n"
    )


@contextmanager
def serve(
    handler: Callable[..., Any],
    *,
    server: Literal["uvicorn", "gunicorn"] = "uvicorn",
    route: str = ROUTE,
    name: str | None = None,
    **options: Any,
) -> Iterator[servers.Server]:
    """Serve `handler` at GET `route` under `server` for a `with` block; `options` go to servers.uvicorn/gunicorn."""
    if server not in ("uvicorn", "gunicorn"):
        raise BadArgumentError(f"server must be 'uvicorn' or 'gunicorn', got {server!r}")
    text = source(handler, route)
    compile(text, f"{MODULE}.py", "exec")  # a syntax error shows here, in the notebook, with its line
    folder = Path(tempfile.mkdtemp(prefix="serverlab-learner-"))
    try:
        (folder / f"{MODULE}.py").write_text(text)
        start = servers.uvicorn if server == "uvicorn" else servers.gunicorn
        with start(f"{MODULE}:app", app_dir=str(folder), name=name or f"your {handler.__name__}", **options) as srv:
            yield srv
    finally:  # every exercise run wrote a module; none is left in the temporary directory
        shutil.rmtree(folder, ignore_errors=True)


def library_calls(srv: servers.Server) -> int:
    """How many times the served process called ``blocking_library_call`` (one process: ask it)."""
    return int(srv.get("/calls")["blocking_library_call"])
