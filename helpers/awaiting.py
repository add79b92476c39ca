"""Notebook 04's instruments: a slow upstream, the lab app that calls it, and what to read off them.

up = awaiting.upstream()                      # labapp.upstream: answers after ?delay_s
srv = awaiting.lab(up)                        # labapp.awaits, told the upstream's URL (env var)
runs = awaiting.with_pings(srv, {"requests in async def": "/call/requests-in-async?delay_s=0.5"}, 5)
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from typing import Any

import psutil

from helpers import checks, cores, cputime, learner_app, load, measure, servers, supervision
from helpers.errors import BadArgumentError
from helpers.records import RequestRecord
from helpers.servers import Server
from labapp import contract

MAX_POOL = 4  # enough to show parallelism in seconds; production would use every usable core


def pool_size(usable: cores.Cores | None = None) -> int:
    """Processes for the lab's pool: the usable cores, at least 2 (to see two PIDs), at most 4."""
    found = usable or cores.detect()
    return max(2, min(found.count, MAX_POOL))


def upstream(name: str = "04 upstream") -> Server:
    """Start the slow dependency (``labapp.upstream``) on a free port."""
    return servers.uvicorn(contract.UPSTREAM_APP, name=name, access_log=False)


def lab(up: Server, *, process_workers: int | None = None, name: str = "04 lab") -> Server:
    """Start ``labapp.awaits`` with the upstream's URL (and a pool of `process_workers` processes)."""
    workers = pool_size() if process_workers is None else process_workers
    # CPU work per ?ms= measured once here (the fastest of a few runs), not by a server starting on a busy machine.
    env = {
        contract.UPSTREAM_VAR: up.url,
        contract.PROCESS_WORKERS_VAR: str(workers),
        **cputime.shared_calibration_env(),
    }
    return servers.uvicorn(contract.AWAITS_APP, name=name, env=env, access_log=False)


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

    @classmethod
    def split(cls, records: list[RequestRecord], n: int) -> PingedRun:
        """The records of a `ping_plan`, in its order: the first `n` are the work."""
        return cls(work=tuple(records[:n]), pings=tuple(records[n:]))


def with_pings(
    target: Server,
    paths: Mapping[str, str],
    n: int,
    *,
    pings: int = 12,
    interval_s: float = 0.1,
    ping_path: str = contract.PING,
    timeout_s: float = 30.0,
) -> dict[str, PingedRun]:
    """For each labelled path in turn: `n` requests at t=0 and a ping every `interval_s` from 0.05 s on."""
    runs = {}
    for label, path in paths.items():
        plan, delays = ping_plan(path, n, pings=pings, interval_s=interval_s, ping_path=ping_path)
        records = load.fire(target, paths=plan, delays_s=delays, timeout_s=timeout_s)
        runs[label] = PingedRun.split(records, n)
    return runs


def ping_plan(
    path: str, n: int, *, pings: int, interval_s: float = 0.1, ping_path: str = contract.PING
) -> tuple[list[str], list[float]]:
    """The paths and send delays of one `with_pings` run: `n` × `path` at t=0, pings from 0.05 s on."""
    if not 1 <= n <= 200 or not 1 <= pings <= 100:
        raise BadArgumentError(f"n must be 1..200 and pings 1..100, got {n!r} and {pings!r}")
    return [path] * n + [ping_path] * pings, [0.0] * n + [0.05 + i * interval_s for i in range(pings)]


@dataclass(frozen=True)
class ConnectionCount:
    """Requests the upstream served and distinct TCP connections (client ports) they came on."""

    requests: int
    connections: int
    records: tuple[RequestRecord, ...]


def count_connections(srv: Server, up: Server, path: str, n: int, *, concurrency: int) -> ConnectionCount:
    """Send `n` requests (`concurrency` at a time) and read how many connections reached the upstream."""
    up.request("POST", contract.CONNECTIONS_RESET)
    records = load.fire(srv, path, n, concurrency=concurrency)
    seen = up.get(contract.CONNECTIONS)
    return ConnectionCount(int(seen["requests"]), int(seen["connections"]), tuple(records))


def expect_speedup(
    statement: str, value: float, possible: float, *, share: float = 0.5, unit: str = "×"
) -> bool | None:
    """Claim `value` (speed-up, cores busy) gets `share` of the way from 1 to `possible`; below 1.3: inconclusive."""
    if possible < 1.3:
        checks.inconclusive(
            statement,
            f"measured {value:.2f} {unit}, but only {possible:.2f} core(s) were free for the server during the "
            "run, so nothing beyond one core could show here (a quieter or bigger machine shows it)",
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
        borrowed = int(srv.get(contract.THREADPOOL)["borrowed_tokens"])
        if borrowed >= n or time.monotonic() >= deadline:
            return borrowed
        time.sleep(0.02)


def while_held(srv: Server, paths: list[str], *, hold_s: float) -> tuple[RequestRecord, list[RequestRecord]]:
    """With the limiter at one token, held by a sleeping `def` (/hold), send `paths`; restore AnyIO's default."""
    srv.request("PUT", f"{contract.THREADPOOL}?size=1")
    try:
        holder = supervision.fire_in_background(srv, f"{contract.HOLD}?s={hold_s}", 1)
        wait_borrowed(srv, 1)
        sent = load.fire(srv, paths=paths)
        return holder.result()[0], sent
    finally:
        srv.request("PUT", f"{contract.THREADPOOL}?size={contract.ANYIO_DEFAULT_TOKENS}")


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
        found: list[dict[str, Any]] = srv.get(f"{contract.EVENTS}?tag={tag}")
        ended = [e for e in found if "started" not in e["what"]]
        if len(ended) >= until_ended or time.monotonic() >= deadline:
            return found
        time.sleep(0.1)


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
