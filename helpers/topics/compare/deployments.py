"""Run the same workloads against several ways of deploying one app, and tabulate what happened.

A :class:`Deployment` is a name plus the servers a client may reach: one server (a single
uvicorn process, ``uvicorn --workers``, gunicorn) or several independent single-process
servers that the client spreads round-robin, the way a load balancer spreads requests over
containers. Every experiment returns frozen records; :func:`markdown` turns them into the
comparison table. Nothing here draws (that is ``plots``). Crashes and hangs are in ``outages``, the table in ``table``.

    one = compare.deployment("one process", servers.uvicorn("labapp.lab:app", name="one"))
    lb = compare.replicas("2 containers", 2)
    result = compare.run_load(one, "I/O", "/async/sleep?s=0.5", 20)
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from helpers import cores, cputime, i18n, load, measure, procs, servers
from helpers._plumbing.sync import blocking
from helpers.errors import BadArgumentError
from helpers.records import RequestRecord
from helpers.servers import Server
from labapp import contract


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
        return [pid for server in self.servers for pid in procs.serving_pids(server)]


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
    wave_count: int  # how many waves the responses came in (measure.waves of the records)
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
        return cores.detect().free(self.others_cores)


# -- deployments -------------------------------------------------------------------------


def deployment(name: str, server: Server) -> Deployment:
    """Wrap one already started server (one process, ``--workers`` or gunicorn)."""
    return Deployment(name, (server,))


def replicas(name: str, count: int, app: str = contract.LAB_APP, *, env: dict[str, str] | None = None) -> Deployment:
    """Start `count` independent single-process uvicorn servers, each on its own free port.

    This stands in for one container per process behind a round-robin load balancer: the
    processes share nothing (no parent, no listening socket). It does not simulate what an
    orchestrator adds: health checks, restarts, or separate machines and network hops.
    `env` is passed to every server (e.g. ``cputime.shared_calibration_env()``).
    """
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 8:
        raise BadArgumentError(i18n.text(f"count must be a whole number from 1 to 8, got {count!r}"))
    started = tuple(servers.uvicorn(app, name=f"{name} #{i + 1}", env=env) for i in range(count))
    return Deployment(name, started)


def footprint(dep: Deployment) -> Footprint:
    """Count every process of the deployment (parents, trackers, workers) and add up their RSS."""
    total = 0
    rss = 0.0
    for server in dep.servers:
        tree = procs.of(server)
        total += len(tree.procs)
        rss += sum(p.rss_mb for p in tree.procs)
    return Footprint(dep.name, total, len(dep.serving_pids()), round(rss, 1))


# -- firing ------------------------------------------------------------------------------


async def fire_async(
    dep: Deployment,
    path: str = contract.PING,
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
        raise BadArgumentError(i18n.text("nothing to send: give n >= 1 or a non-empty paths list"))
    plan_delays = list(delays_s) if delays_s is not None else [0.0] * len(plan_paths)
    if len(plan_delays) != len(plan_paths):
        raise BadArgumentError(i18n.text("delays_s must give one delay for each path"))
    k = len(dep.servers)
    shares = [share for share in (list(range(j, len(plan_paths), k)) for j in range(k)) if share]
    jobs = []
    for server, share in zip(dep.servers, shares, strict=False):
        job = load.fire_async(
            server, paths=[plan_paths[i] for i in share], delays_s=[plan_delays[i] for i in share],
            timeout_s=timeout_s, fresh_connections=fresh_connections, method=method,
        )  # fmt: skip
        jobs.append(job)
    parts = await asyncio.gather(*jobs)
    merged = [dataclasses.replace(rec, index=share[m]) for share, part in zip(shares, parts, strict=True)
              for m, rec in enumerate(part)]  # fmt: skip
    return sorted(merged, key=lambda r: r.index)


fire = blocking(fire_async)
"""Synchronous :func:`fire_async`, safe in a notebook cell."""


# -- a workload --------------------------------------------------------------------------


def run_load(dep: Deployment, workload: str, path: str, n: int, *, timeout_s: float = 30.0) -> LoadResult:
    """Fire `n` requests at once (one connection each); summarise span, waves, PIDs and CPU used."""
    before, mark = [procs.of(server) for server in dep.servers], cputime.machine_mark()
    recs = fire(dep, path, n, timeout_s=timeout_s)
    used = sum(procs.cpu_used_s(b, procs.of(server)) for b, server in zip(before, dep.servers, strict=True))
    span = measure.span_s(recs)
    others = cputime.others_cores(mark, used, span)
    return LoadResult(
        deployment=dep.name, workload=workload, path=path, sent=len(recs), ok=measure.ok_count(recs),
        span_s=span, wave_count=len(measure.waves(recs, gap_s=0.15)) if measure.ok_count(recs) else 0,
        pids=len(measure.counts_by_pid(recs)), cpu_s=round(used, 3), others_cores=round(others, 2), records=tuple(recs),
    )  # fmt: skip
