"""Notebook 07's instruments: a slow upstream, the lab app that calls it, and what to read off them.

up = awaiting.upstream()                      # labapp.upstream: answers after ?delay_s
srv = awaiting.lab(up)                        # labapp.awaits, told the upstream's URL (env var)
runs = awaiting.with_pings(srv, {"requests in async def": "/call/requests-in-async?delay_s=0.5"}, 5)
"""

from __future__ import annotations

import html
import inspect
import shutil
import tempfile
import textwrap
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import psutil

from helpers import checks, cores, cputime, load, measure, servers, supervision
from helpers.errors import BadArgumentError
from helpers.records import RequestRecord
from helpers.servers import Server

UPSTREAM_APP = "labapp.upstream:app"
LAB_APP = "labapp.awaits:app"
UPSTREAM_VAR = "SERVERLAB_UPSTREAM_URL"
POOL_VAR = "SERVERLAB_PROCESS_WORKERS"
MAX_POOL = 4  # enough to show parallelism in seconds; production would use every usable core


def pool_size(usable: cores.Cores | None = None) -> int:
    """Processes for the lab's pool: the usable cores, at least 2 (to see two PIDs), at most 4."""
    found = usable or cores.detect()
    return max(2, min(found.count, MAX_POOL))


def upstream(name: str = "07 upstream") -> Server:
    """Start the slow dependency (``labapp.upstream``) on a free port."""
    return servers.uvicorn(UPSTREAM_APP, name=name, access_log=False)


def lab(up: Server, *, process_workers: int | None = None, name: str = "07 lab") -> Server:
    """Start ``labapp.awaits`` with the upstream's URL (and a pool of `process_workers` processes)."""
    workers = pool_size() if process_workers is None else process_workers
    # CPU work per ?ms= measured once here (the fastest of a few runs), not by a server starting on a busy machine.
    env = {UPSTREAM_VAR: up.url, POOL_VAR: str(workers), **cputime.shared_calibration_env()}
    return servers.uvicorn(LAB_APP, name=name, env=env, access_log=False)


@dataclass(frozen=True)
class PingedRun:
    """Work requests sent together, and /ping requests sent at a steady pace meanwhile."""

    work: tuple[RequestRecord, ...]
    pings: tuple[RequestRecord, ...]

    @property
    def span_s(self) -> float:
        return measure.span_s(self.work)

    @property
    def max_lag_s(self) -> float:
        """The slowest ping: how long the event loop kept a trivial request waiting."""
        return max(measure.latencies_s(self.pings), default=float("nan"))

    @property
    def records(self) -> list[RequestRecord]:
        return [*self.work, *self.pings]


def with_pings(
    target: Server,
    paths: Mapping[str, str],
    n: int,
    *,
    pings: int = 12,
    interval_s: float = 0.1,
    ping_path: str = "/ping",
    timeout_s: float = 30.0,
) -> dict[str, PingedRun]:
    """For each labelled path in turn: `n` requests at t=0 and a ping every `interval_s` from 0.05 s on."""
    if not 1 <= n <= 200 or not 1 <= pings <= 100:
        raise BadArgumentError(f"n must be 1..200 and pings 1..100, got {n!r} and {pings!r}")
    runs = {}
    for label, path in paths.items():
        plan = [path] * n + [ping_path] * pings
        delays = [0.0] * n + [0.05 + i * interval_s for i in range(pings)]
        records = load.fire(target, paths=plan, delays_s=delays, timeout_s=timeout_s)
        runs[label] = PingedRun(work=tuple(records[:n]), pings=tuple(records[n:]))
    return runs


@dataclass(frozen=True)
class ConnectionCount:
    """Requests the upstream served and distinct TCP connections (client ports) they came on."""

    requests: int
    connections: int
    records: tuple[RequestRecord, ...]


def count_connections(srv: Server, up: Server, path: str, n: int, *, concurrency: int) -> ConnectionCount:
    """Send `n` requests (`concurrency` at a time) and read how many connections reached the upstream."""
    up.request("POST", "/connections/reset")
    records = load.fire(srv, path, n, concurrency=concurrency)
    seen = up.get("/connections")
    return ConnectionCount(int(seen["requests"]), int(seen["connections"]), tuple(records))


def expect_speedup(
    statement: str, value: float, possible: float, *, share: float = 0.5, unit: str = "×"
) -> bool | None:
    """Claim `value` (speed-up, cores busy) gets `share` of the way from 1 to `possible`; below 1.3: inconclusive."""
    if possible < 1.3:
        print(
            f"… inconclusive: {statement} — measured {value:.2f} {unit}, but only {possible:.2f} core(s) were free "
            "for the server during the run, so nothing beyond one core could show here (a quieter or bigger "
            "machine shows it)"
        )
        return None
    checks.expect_at_least(statement, value, 1.0 + share * (possible - 1.0), unit)
    return True


def by_child(records: tuple[RequestRecord, ...] | list[RequestRecord]) -> list[RequestRecord]:
    """The records with `pid` set to the pool child that computed them (for `plots.timeline`)."""
    return [replace(r, pid=r.body.get("child_pid", r.pid)) for r in records]


def wait_borrowed(srv: Server, n: int, timeout_s: float = 5.0) -> int:
    """Poll the lab's limiter until `n` tokens are borrowed (bounded); returns the count last read."""
    deadline = time.monotonic() + timeout_s
    while True:
        borrowed = int(srv.get("/threadpool")["borrowed_tokens"])
        if borrowed >= n or time.monotonic() >= deadline:
            return borrowed
        time.sleep(0.02)


def while_held(srv: Server, paths: list[str], *, hold_s: float) -> tuple[RequestRecord, list[RequestRecord]]:
    """With the limiter at one token, held by a sleeping `def` (/hold), send `paths`; restore 40 tokens."""
    srv.request("PUT", "/threadpool?size=1")
    try:
        holder = supervision.fire_in_background(srv, f"/hold?s={hold_s}", 1)
        wait_borrowed(srv, 1)
        sent = load.fire(srv, paths=paths)
        return holder.result()[0], sent
    finally:
        srv.request("PUT", "/threadpool?size=40")


@dataclass(frozen=True)
class Child:
    pid: int
    rss_mb: float
    uss_mb: float


def memory(pid: int) -> Child:
    """Resident memory (RSS) and memory only this process holds (USS), in MB."""
    info = psutil.Process(pid).memory_full_info()
    return Child(pid, info.rss / 2**20, info.uss / 2**20)


def pool_children(srv: Server) -> list[Child]:
    """The server's multiprocessing children that run pool work (not the resource tracker)."""
    found = []
    for proc in psutil.Process(srv.pid).children():
        try:
            cmd = " ".join(proc.cmdline())
            if "spawn_main" in cmd or "forkserver" in cmd:
                found.append(memory(proc.pid))
        except psutil.Error:
            continue
    return found


def new_tag(label: str) -> str:
    """A tag no earlier run used, so re-running a cell reads only its own events."""
    return f"{label}-{uuid.uuid4().hex[:6]}"


def events(srv: Server, tag: str, *, until_ended: int = 0, timeout_s: float = 5.0) -> list[dict[str, Any]]:
    """The server's event log for `tag`, waiting (bounded) until `until_ended` handlers finished or stopped."""
    deadline = time.monotonic() + timeout_s
    while True:
        found: list[dict[str, Any]] = srv.get(f"/events?tag={tag}")
        ended = [e for e in found if "started" not in e["what"]]
        if len(ended) >= until_ended or time.monotonic() >= deadline:
            return found
        time.sleep(0.1)


_HEADER = '''"""Generated by helpers.awaiting.serve_handler from a notebook cell; deleted when the server stops."""
import asyncio
import os
import time
from typing import Any

import httpx
import requests
from fastapi import FastAPI, Request

from labapp import _basics

UPSTREAM = os.environ["{var}"]
PROGRESS = {{"steps": 0}}  # a handler may count its steps here; GET /progress reads them
http_client = httpx.AsyncClient(timeout=10)  # one shared client: connections are reused
app = FastAPI()
app.include_router(_basics.router)  # /health and /ping, as in the lab apps


@app.get("/progress")
async def progress() -> dict:
    return PROGRESS


'''


@contextmanager
def serve_handler(handler: Callable[..., Any], up: Server, *, route: str = "/handler") -> Iterator[Server]:
    """Serve the function `handler` (as written in its cell) at `route` in a fresh app under uvicorn."""
    source = textwrap.dedent(inspect.getsource(handler))
    module = f"serverlab_exercise_{uuid.uuid4().hex[:8]}"
    folder = Path(tempfile.mkdtemp(prefix="serverlab-exercise-"))
    code = _HEADER.format(var=UPSTREAM_VAR) + source + f"\n\napp.add_api_route({route!r}, {handler.__name__})\n"
    (folder / f"{module}.py").write_text(code)
    try:
        with servers.uvicorn(
            f"{module}:app", app_dir=str(folder), name=f"exercise {handler.__name__}",
            env={UPSTREAM_VAR: up.url}, access_log=False,
        ) as srv:  # fmt: skip
            yield srv
    finally:
        shutil.rmtree(folder, ignore_errors=True)


PANEL_PATHS: dict[tuple[str, str], str] = {
    ("requests", "async def"): "/call/requests-in-async?delay_s={s}",
    ("requests", "def"): "/call/requests-in-def?delay_s={s}",
    ("httpx.AsyncClient, shared", "async def"): "/call/httpx-async?delay_s={s}",
    ("httpx.AsyncClient per request", "async def"): "/call/httpx-per-request?delay_s={s}",
    ("sqlite3", "async def"): "/db/async?s={s}",
    ("sqlite3", "def"): "/db/sync?s={s}",
    ("sqlite3", "async def + run_in_threadpool"): "/db/offload?s={s}",
}


def panel(srv: Server) -> Any:
    """Knobs and a Run button: `n` calls of the chosen kind on `srv`, with /ping meanwhile, drawn (at most ~10 s)."""
    import ipywidgets as widgets

    from helpers.panels import draw  # figures drawn without pyplot, shipped as PNG

    library = widgets.Dropdown(options=list(dict.fromkeys(k[0] for k in PANEL_PATHS)), description="library")
    declared = widgets.Dropdown(options=list(dict.fromkeys(k[1] for k in PANEL_PATHS)), description="declared as")
    n = widgets.IntSlider(value=4, min=1, max=10, description="requests")
    seconds = widgets.FloatSlider(value=0.5, min=0.1, max=1.0, step=0.1, description="seconds")
    button, status = widgets.Button(description="Run"), widgets.HTML()
    image = widgets.Image(format="png", layout=widgets.Layout(display="none", max_width="100%"))  # none until a run

    def run(_: object) -> None:
        path = PANEL_PATHS.get((library.value, declared.value))
        if path is None:
            status.value = f"this lab has no {declared.value} handler calling {library.value}: pick another pair"
            return
        if not srv.is_running():
            status.value = "the lab server is not running: re-run the cell that starts it (section 1)"
            return
        status.value = "running…"
        pings = max(5, min(100, int(n.value * seconds.value / 0.1)))
        try:
            got = with_pings(srv, {"run": path.format(s=seconds.value)}, n.value, pings=pings)["run"]
        except Exception as exc:  # shown in the panel, not lost in the widget log
            status.value = html.escape(f"the run failed: {type(exc).__name__}: {exc}")
            return
        title = f"{n.value} × {library.value} in {declared.value}, /ping meanwhile"
        image.value = draw.png(draw.timeline(got.records, color_by="path", title=title))
        image.layout.display = ""
        status.value = f"{n.value} calls took {got.span_s:.2f} s; slowest /ping {got.max_lag_s * 1000:.0f} ms"

    button.on_click(run)
    return widgets.VBox([widgets.HBox([library, declared]), widgets.HBox([n, seconds, button]), status, image])
