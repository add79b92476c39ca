"""Run the same workloads against several ways of deploying one app, and tabulate what happened.

A :class:`Deployment` is a name plus the servers a client may reach: one server (a single
uvicorn process, ``uvicorn --workers``, gunicorn) or several independent single-process
servers that the client spreads round-robin, the way a load balancer spreads requests over
containers. Every experiment returns frozen records; :func:`markdown` turns them into the
comparison table. Nothing here draws (that is ``plots``).

    one = compare.deployment("one process", servers.uvicorn("labapp.lab:app", name="one"))
    lb = compare.replicas("2 containers", 2)
    result = compare.run_load(one, "I/O", "/async/sleep?s=0.5", 20)
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx
import psutil

from helpers import cpuscale, cputime, load, measure, servers
from helpers._sync import run_sync
from helpers.errors import BadArgumentError
from helpers.records import RequestRecord
from helpers.servers import Server

_POLL_S = 0.05
_RECOVERED_AFTER = 3  # successes in a row, at the end of a window, that count as "answering again"


@dataclass(frozen=True)
class Deployment:
    """One way to run the app: the servers a client can reach, tried in round-robin order."""

    name: str
    servers: tuple[Server, ...]

    def stop(self) -> None:
        for server in self.servers:
            server.stop()

    def serving_pids(self) -> list[int]:
        """PIDs of the processes that run the app (workers, or the single process itself)."""
        return [pid for server in self.servers for pid in _serving_pids(server)]


@dataclass(frozen=True)
class Footprint:
    """How many processes a deployment runs and how much memory (RSS) they hold together."""

    deployment: str
    processes: int
    serving: int
    rss_mb: float


@dataclass(frozen=True)
class LoadResult:
    """One workload fired at one deployment, all requests at once.

    ``cpu_s`` is the CPU time the deployment's processes used meanwhile; ``others_cores`` how many
    cores *other* programs kept busy (a shared machine can leave nothing to scale into).
    """

    deployment: str
    workload: str
    path: str
    sent: int
    ok: int
    span_s: float
    waves: int
    pids: int
    cpu_s: float
    others_cores: float
    records: tuple[RequestRecord, ...] = field(repr=False, compare=False)

    @property
    def cores_in_use(self) -> float:
        """Average number of cores the deployment kept busy: CPU seconds / wall seconds."""
        return self.cpu_s / self.span_s if self.span_s > 0 else 0.0

    @property
    def free_cores(self) -> float:
        """Cores that other programs left to this experiment, on average."""
        return max(0.0, cpuscale.cores() - self.others_cores)


@dataclass(frozen=True)
class OutageResult:
    """A crash or a hang of one serving process, and how the deployment answered meanwhile.

    ``answering_after_s``: seconds after the incident from which every request succeeded
    (0.0 = no request failed; None = a failure among the last 3 requests of the window).
    ``replaced_after_s``: seconds until a new serving process *existed* (None = nobody replaced
    the victim); it may need about another second before it answers.
    """

    deployment: str
    incident: str
    victim_pid: int | None
    victim_status: int | None
    victim_latency_s: float | None
    sent: int
    failed: int
    slow: int
    worst_latency_s: float | None
    answering_after_s: float | None
    replaced_after_s: float | None
    records: tuple[RequestRecord, ...] = field(repr=False, compare=False)


@dataclass(frozen=True)
class Cell:
    """One cell of the comparison table: a workload measured on a deployment, as a short text."""

    workload: str
    deployment: str
    text: str


# -- deployments -------------------------------------------------------------------------


def deployment(name: str, server: Server) -> Deployment:
    """Wrap one already started server (one process, ``--workers`` or gunicorn)."""
    return Deployment(name, (server,))


def replicas(name: str, count: int, app: str = "labapp.lab:app", *, env: dict[str, str] | None = None) -> Deployment:
    """Start `count` independent single-process uvicorn servers, each on its own free port.

    This stands in for one container per process behind a round-robin load balancer: the
    processes share nothing (no parent, no listening socket). It does not simulate what an
    orchestrator adds: health checks, restarts, or separate machines and network hops.
    `env` is passed to every server (e.g. ``cpuscale.shared_calibration_env()``).
    """
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 8:
        raise BadArgumentError(f"count must be a whole number from 1 to 8, got {count!r}")
    started = tuple(servers.uvicorn(app, name=f"{name} #{i + 1}", env=env) for i in range(count))
    return Deployment(name, started)


def footprint(dep: Deployment) -> Footprint:
    """Count every process of the deployment (parents, trackers, workers) and add up their RSS."""
    total = 0
    rss = 0.0
    for server in dep.servers:
        tree = server.procs()
        total += len(tree.procs)
        rss += sum(p.rss_mb for p in tree.procs)
    return Footprint(dep.name, total, len(dep.serving_pids()), round(rss, 1))


def _serving_pids(server: Server) -> list[int]:
    # psutil children directly: cheap enough to poll every 50 ms, unlike a marker scan.
    try:
        root = psutil.Process(server.pid)
        if root.status() == psutil.STATUS_ZOMBIE:
            return []
        kids = [c for c in root.children() if c.status() != psutil.STATUS_ZOMBIE]
        workers = [c.pid for c in kids if "resource_tracker" not in " ".join(_cmdline(c))]
    except psutil.Error:
        return []
    return workers or [root.pid]


def _cmdline(proc: psutil.Process) -> list[str]:
    try:
        return [str(part) for part in proc.cmdline()]
    except psutil.Error:
        return []


# -- firing ------------------------------------------------------------------------------


async def fire_async(
    dep: Deployment,
    path: str = "/ping",
    n: int = 1,
    *,
    paths: Sequence[str] | None = None,
    delays_s: Sequence[float] | None = None,
    timeout_s: float = 30.0,
    fresh_connections: bool = False,
    method: str = "GET",
) -> list[RequestRecord]:
    """Request i goes to server i mod len(servers) (round-robin); records come back in send order."""
    plan_paths = list(paths) if paths is not None else [path] * n
    if not plan_paths:
        raise BadArgumentError("nothing to send: give n >= 1 or a non-empty paths list")
    plan_delays = list(delays_s) if delays_s is not None else [0.0] * len(plan_paths)
    if len(plan_delays) != len(plan_paths):
        raise BadArgumentError("delays_s must give one delay for each path")
    k = len(dep.servers)
    shares = [share for share in (list(range(j, len(plan_paths), k)) for j in range(k)) if share]
    jobs = []
    for server, share in zip(dep.servers, shares, strict=False):
        job = load.fire_async(  # the URL string: load.HasUrl wants a settable `url`, Server has a property
            server.url, paths=[plan_paths[i] for i in share], delays_s=[plan_delays[i] for i in share],
            timeout_s=timeout_s, fresh_connections=fresh_connections, method=method,
        )  # fmt: skip
        jobs.append(job)
    parts = await asyncio.gather(*jobs)
    merged = [dataclasses.replace(rec, index=share[m]) for share, part in zip(shares, parts, strict=True)
              for m, rec in enumerate(part)]  # fmt: skip
    return sorted(merged, key=lambda r: r.index)


def fire(dep: Deployment, path: str = "/ping", n: int = 1, **options: object) -> list[RequestRecord]:
    """Synchronous :func:`fire_async`, safe in a notebook cell."""
    return run_sync(fire_async(dep, path, n, **options))  # type: ignore[arg-type]


# -- experiments -------------------------------------------------------------------------


def run_load(dep: Deployment, workload: str, path: str, n: int, *, timeout_s: float = 30.0) -> LoadResult:
    """Fire `n` requests at once (one connection each); summarise span, waves, PIDs and CPU used."""
    before = [server.procs() for server in dep.servers]
    busy, own = cputime.machine_busy_s(), cputime.own_cpu_s()
    recs = fire(dep, path, n, timeout_s=timeout_s)
    used = sum(cpuscale.cpu_used_s(b, server.procs()) for b, server in zip(before, dep.servers, strict=True))
    span = measure.span_s(recs)
    others = (
        max(0.0, (cputime.machine_busy_s() - busy - (cputime.own_cpu_s() - own) - used) / span) if span > 0 else 0.0
    )
    return LoadResult(
        deployment=dep.name, workload=workload, path=path, sent=len(recs), ok=measure.ok_count(recs),
        span_s=span, waves=len(measure.waves(recs, gap_s=0.15)) if measure.ok_count(recs) else 0,
        pids=len(measure.counts_by_pid(recs)), cpu_s=round(used, 3), others_cores=round(others, 2), records=tuple(recs),
    )  # fmt: skip


def crash(dep: Deployment, *, window_s: float = 2.5, interval_s: float = 0.1, timeout_s: float = 1.0) -> OutageResult:
    """POST /crash to the first server, then send a /ping every `interval_s` for `window_s`.

    The crashed process exits 0.1 s after answering; time zero is that answer. Pings use a
    fresh connection each, like independent clients, so a dead keep-alive connection is not
    what we measure.
    """
    before = set(dep.serving_pids())
    response = _post_crash(dep.servers[0])
    victim = int(response["pid"])
    t0 = time.time()
    count = max(1, int(window_s / interval_s))
    delays = [0.05 + i * interval_s for i in range(count)]

    async def both() -> tuple[list[RequestRecord], float | None]:
        pings = fire_async(dep, paths=["/ping"] * count, delays_s=delays, timeout_s=timeout_s, fresh_connections=True)
        return await asyncio.gather(pings, _watch_replacement(dep, before, victim, t0, window_s + timeout_s))

    recs, replaced = run_sync(both())
    return _outage(dep, "crash", victim, None, recs, t0, replaced, slow_s=timeout_s)


def hang(
    dep: Deployment,
    *,
    spin_s: float = 5.0,
    handler: Literal["async", "sync"] = "async",
    interval_s: float = 0.25,
    slow_s: float = 1.0,
    timeout_s: float = 15.0,
) -> OutageResult:
    """Send ``/async/spin?s=spin_s`` (a busy loop on the event loop) and a /ping every `interval_s`.

    The pings start 0.3 s later, so the busy loop is already running, and go on until the
    spin would have ended. Request 0 (the spin) goes to the first server. ``handler="sync"``
    spins in a ``def`` handler instead (a worker thread; the event loop keeps running).
    """
    if handler not in ("async", "sync"):
        raise BadArgumentError(f"handler must be 'async' or 'sync', got {handler!r}")
    if not 1.0 <= spin_s <= 20.0:
        raise BadArgumentError(f"spin_s must be from 1 to 20 s, got {spin_s!r}")
    before = set(dep.serving_pids())
    count = max(1, int((spin_s - 0.3) / interval_s))
    paths = [f"/{handler}/spin?s={spin_s:g}"] + ["/ping"] * count
    delays = [0.0] + [0.3 + i * interval_s for i in range(count)]
    t0 = time.time()

    async def both() -> tuple[list[RequestRecord], float | None]:
        recs = fire_async(dep, paths=paths, delays_s=delays, timeout_s=timeout_s, fresh_connections=True)
        return await asyncio.gather(recs, _watch_replacement(dep, before, None, t0, spin_s + 1.0))

    recs, replaced = run_sync(both())
    spin, pings = recs[0], recs[1:]
    victim = spin.pid
    if victim is None:  # the spinning worker was killed before it could answer: find who vanished
        gone = before - set(dep.serving_pids())
        victim = min(gone) if gone else None
    return _outage(dep, f"hang ({handler} def)", victim, spin, pings, t0, replaced, slow_s=slow_s)


def _post_crash(server: Server) -> dict[str, Any]:
    with httpx.Client(timeout=5.0) as client:
        answer = client.post(server.url_for("/crash"), params={"delay_s": 0.1})
    answer.raise_for_status()
    body: dict[str, Any] = answer.json()
    return body


async def _watch_replacement(
    dep: Deployment, before: set[int], victim: int | None, t0: float, limit_s: float
) -> float | None:
    """Seconds after `t0` until a serving PID appears that was not there before (None if none)."""
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        now = set(dep.serving_pids())
        if now - before and (victim is None or victim not in now):
            return time.time() - t0
        await asyncio.sleep(_POLL_S)
    return None


def _outage(
    dep: Deployment,
    incident: str,
    victim: int | None,
    victim_rec: RequestRecord | None,
    recs: Sequence[RequestRecord],
    t0: float,
    replaced: float | None,
    *,
    slow_s: float,
) -> OutageResult:
    failed = [r for r in recs if not r.ok]
    slow = [r for r in recs if not r.ok or r.latency_s > slow_s]
    last_bad = max((r.index for r in failed), default=None)
    after = [r for r in recs if last_bad is not None and r.index > last_bad]
    if last_bad is None:
        answering: float | None = 0.0
    elif len(after) < _RECOVERED_AFTER:  # one lucky answer between failures is not "answering again"
        answering = None
    else:
        answering = min(r.sent_at for r in after) - t0
    return OutageResult(
        deployment=dep.name, incident=incident, victim_pid=victim,
        victim_status=victim_rec.status if victim_rec else None,
        victim_latency_s=victim_rec.latency_s if victim_rec else None,
        sent=len(recs), failed=len(failed), slow=len(slow),
        worst_latency_s=max((r.latency_s for r in recs), default=None),
        answering_after_s=answering, replaced_after_s=replaced,
        records=tuple(([victim_rec] if victim_rec else []) + list(recs)),
    )  # fmt: skip


# -- the table ---------------------------------------------------------------------------


def by_deployment(results: Sequence[LoadResult | OutageResult]) -> dict[str, tuple[RequestRecord, ...]]:
    """The records of each result under its deployment's name, ready for ``plots.timelines``."""
    return {r.deployment: r.records for r in results}


def fmt_s(seconds: float | None) -> str:
    """'0.53 s', or 'never' for None (no replacement, no recovery within the window)."""
    return "never" if seconds is None else f"{seconds:.2f} s"


def load_cell(result: LoadResult, baseline: LoadResult | None = None) -> Cell:
    """'0.52 s (1 wave)' plus the ratio to `baseline` when given."""
    text = f"{result.span_s:.2f} s, {result.waves} wave{'s' if result.waves != 1 else ''}"
    if result.ok < result.sent:
        text += f", {result.sent - result.ok} failed"
    if baseline is not None and baseline.span_s > 0:
        text += f" (×{result.span_s / baseline.span_s:.2f})"
    return Cell(result.workload, result.deployment, text)


def outage_cell(result: OutageResult) -> Cell:
    """What a user of the service saw during a crash or hang, in a few words."""
    parts = [f"{result.failed}/{result.sent} failed"]
    if result.incident.startswith("hang"):
        parts.append(f"{result.slow - result.failed} slow")
        status = "cut off" if result.victim_status is None else f"{result.victim_status}"
        parts.append(f"hung request: {status}")
    if result.answering_after_s is None:
        parts.append("still failing at the end")
    elif result.failed:
        parts.append(f"all OK after {result.answering_after_s:.1f} s")
    replaced = result.replaced_after_s
    parts.append(f"new process after {replaced:.1f} s" if replaced is not None else "no new process")
    return Cell(result.incident, result.deployment, "; ".join(parts))


def footprint_cell(fp: Footprint) -> Cell:
    return Cell("processes (serving), RSS", fp.deployment, f"{fp.processes} ({fp.serving}), {fp.rss_mb:.0f} MB")


def markdown(cells: Sequence[Cell]) -> str:
    """A Markdown table: one row per workload, one column per deployment (in first-seen order)."""
    if not cells:
        raise BadArgumentError("no cells: run some experiments first")
    deployments = list(dict.fromkeys(c.deployment for c in cells))
    workloads = list(dict.fromkeys(c.workload for c in cells))
    lookup = {(c.workload, c.deployment): c.text for c in cells}
    lines = ["| workload | " + " | ".join(deployments) + " |", "|---" * (len(deployments) + 1) + "|"]
    for w in workloads:
        lines.append(f"| {w} | " + " | ".join(lookup.get((w, d), "") for d in deployments) + " |")
    return "\n".join(lines)
