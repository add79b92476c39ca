"""Serve a handler the learner wrote in a notebook cell, under a real server, to measure it.

"Fix this handler" exercises need the learner's own function, not a lab endpoint, behind a real
uvicorn or gunicorn: the function's source goes into a small FastAPI module in a temporary
directory, with the lab apps' own ``/ping`` and ``/health`` (``labapp._basics``), and `servers`
starts it. The module imports the stand-ins of `labapp.library` (a blocking library call, CPU
work), and ``GET /calls`` reports how often they ran, so a check can tell a fix from skipping the
work, and how many blocking calls ran at the same moment at most, so a check can tell calls that
overlapped from calls queued behind a small pool (read on the server: a busy machine that answers
late does not change it). A notebook whose exercises need more names in that module (a shared client, a counter)
passes a `Preamble`, as ``awaiting.serve_handler`` does.

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
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from helpers import i18n, servers
from helpers._plumbing.private import private_temp_folder
from helpers.errors import BadArgumentError
from labapp import contract

MODULE = "learner_handler"
ROUTE = "/work"
FOLDER_PREFIX = "serverlab-learner-"
BASE_ROUTES = (contract.PING, contract.HEALTH, "/calls")


@dataclass(frozen=True)
class Preamble:
    """What a notebook adds to the served module before the handler: the names its exercises use.

    `imports` go after the module's own imports, `setup` after ``app`` exists (globals, endpoints);
    `routes` are the paths `setup` serves, which the learner's route must not take.
    """

    imports: str = ""
    setup: str = ""
    routes: tuple[str, ...] = ()


NO_PREAMBLE = Preamble()

_IMPORTS = '''"""Written by helpers.learner_app: the learner's handler, served at GET {route} (deleted at the end)."""

import asyncio
import os
import threading
import time

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from labapp import _basics
from labapp.library import blocking_library_call as _library_call, burn_cpu, calls_so_far
'''

_APP = """
app = FastAPI()
app.include_router(_basics.router)  # /health and /ping, as in the lab apps
_at_once = {"now": 0, "most": 0}
_at_once_lock = threading.Lock()


def blocking_library_call(seconds: float = 0.5) -> str:
    \"\"\"labapp.library's blocking call, also counting how many of them run at the same moment.\"\"\"
    with _at_once_lock:
        _at_once["now"] += 1
        _at_once["most"] = max(_at_once["most"], _at_once["now"])
    try:
        return _library_call(seconds)
    finally:
        with _at_once_lock:
            _at_once["now"] -= 1


@app.get("/calls")
async def calls():
    return dict(calls_so_far(), blocking_library_call_most_at_once=_at_once["most"], pid=os.getpid())
"""

_HANDLER_MARK = "\n\n# ---- the learner's handler, as written in the notebook ----\n"


def _handler_source(handler: Callable[..., Any]) -> str:
    if not inspect.isfunction(handler):
        raise BadArgumentError(i18n.text(f"pass the handler function itself (e.g. slow_lookup), got {handler!r}"))
    try:
        text = textwrap.dedent(inspect.getsource(handler))
    except (OSError, TypeError) as exc:
        raise BadArgumentError(
            i18n.text(f"cannot read the source of {handler.__name__}: define it in a cell ({exc})")
        ) from exc
    lines = text.splitlines()
    while lines and lines[0].lstrip().startswith("@"):  # a route decorator of the learner's own app
        lines.pop(0)
    return "\n".join(lines) + "\n"


def source(handler: Callable[..., Any], route: str = ROUTE, preamble: Preamble = NO_PREAMBLE) -> str:
    """The whole module that `serve` runs: imports, app and its endpoints, the handler's source, its route."""
    taken = (*BASE_ROUTES, *preamble.routes)
    if not route.startswith("/") or route in taken:
        raise BadArgumentError(
            i18n.text(f"route must start with / and not be one of {', '.join(taken)}, got {route!r}")
        )
    body = _handler_source(handler)
    return (
        _IMPORTS.format(route=route) + _block(preamble.imports, 1) + _APP + _block(preamble.setup, 2)
        + _HANDLER_MARK + body + f"\n\napp.add_api_route({route!r}, {handler.__name__}, methods=['GET'])\n"
    )  # fmt: skip


def _block(text: str, blank_lines: int) -> str:
    """A preamble's part, after `blank_lines` empty lines (none at all if it is empty)."""
    return "\n" * blank_lines + text.strip("\n") + "\n" if text.strip() else ""


@contextmanager
def serve(
    handler: Callable[..., Any],
    *,
    server: Literal["uvicorn", "gunicorn"] = "uvicorn",
    route: str = ROUTE,
    name: str | None = None,
    preamble: Preamble = NO_PREAMBLE,
    **options: Any,
) -> Iterator[servers.Server]:
    """Serve `handler` at GET `route` under `server` for a `with` block; `options` go to servers.uvicorn/gunicorn."""
    if server not in ("uvicorn", "gunicorn"):
        raise BadArgumentError(i18n.text(f"server must be 'uvicorn' or 'gunicorn', got {server!r}"))
    text = source(handler, route, preamble)
    compile(text, f"{MODULE}.py", "exec")  # a syntax error shows here, in the notebook, with its line
    folder = private_temp_folder(FOLDER_PREFIX)  # 0700: the shared /tmp holds every learner's folders
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


def library_calls_at_once(srv: servers.Server) -> int:
    """The most ``blocking_library_call`` calls that ran at the same moment in the served process.

    A pool that queues calls shows its size here (``asyncio.to_thread``: min(32, cpus + 4)); calls
    that overlap show their number. It is read on the server, so slow answers do not change it.
    """
    return int(srv.get("/calls")["blocking_library_call_most_at_once"])
