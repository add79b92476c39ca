"""Crash or hang one serving process of a deployment, and measure what its users saw meanwhile."""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

from helpers import cores, cputime, i18n, procs, scaling
from helpers._plumbing.deadline import Deadline
from helpers._plumbing.environment import RUN_SECRET, SECRET_HEADER
from helpers._plumbing.sync import run_sync
from helpers.errors import BadArgumentError
from helpers.records import RequestRecord
from helpers.servers import Server
from helpers.topics.compare.deployments import Deployment, fire_async
from labapp import contract

_POLL_S = 0.05
_RECOVERED_AFTER = 3  # successes in a row, at the end of a window, that count as "answering again"


@dataclass(frozen=True)
class OutageResult:
    """A crash or a hang of one serving process, and how the deployment answered meanwhile.

    ``answering_after_s``: seconds after the incident from which every request succeeded
    (0.0 = no request failed; None = a failure among the last 3 requests of the window).
    ``replaced_after_s``: seconds until a new serving process *existed* (None = nobody replaced
    the victim); it may need about another second before it answers.
    ``free_cores``: usable cores other programs left free meanwhile (None: not measured); a
    supervisor and the interpreter it starts need CPU to react, so ``too_busy`` names a busy machine.
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
    free_cores: float | None = None

    def too_busy(self, needed: float = 0.5) -> str | None:
        """None when the incident left `needed` cores free, else why a late or missing replacement is not judged."""
        if self.free_cores is None:
            return None
        return scaling.too_busy(self.free_cores, needed, cores.detect().runnable)


def crash(
    dep: Deployment,
    *,
    window_s: float = 2.5,
    interval_s: float = 0.1,
    timeout_s: float = 1.0,
    replace_within_s: float = 15.0,
) -> OutageResult:
    """POST /crash to the first server, then send a /ping every `interval_s` for `window_s`.

    The crashed process exits 0.1 s after answering; time zero is that answer. Pings use a
    fresh connection each, like independent clients, so a dead keep-alive connection is not
    what we measure. Where a supervisor runs (a uvicorn parent, a gunicorn master), the watch for
    its replacement goes on up to `replace_within_s` (it ends at the first new PID): uvicorn's
    parent looks every 0.5 s and spawns a fresh interpreter, which on a busy machine takes seconds.
    """
    trees, mark, began = [procs.of(server) for server in dep.servers], cputime.machine_mark(), time.monotonic()
    supervised = any(tree.by_role("parent") or tree.by_role("master") for tree in trees)
    watch_s = max(window_s + timeout_s, replace_within_s) if supervised else window_s + timeout_s
    before = set(dep.serving_pids())
    response = _post_crash(dep.servers[0])
    victim = int(response["pid"])
    t0 = time.time()
    count = max(1, int(window_s / interval_s))
    delays = [0.05 + i * interval_s for i in range(count)]

    async def both() -> tuple[list[RequestRecord], float | None]:
        pings = fire_async(
            dep, paths=[contract.PING] * count, delays_s=delays, timeout_s=timeout_s, fresh_connections=True
        )
        return await asyncio.gather(pings, _watch_replacement(dep, before, victim, t0, watch_s))

    recs, replaced = run_sync(both())
    result = _outage(dep, "crash", victim, None, recs, t0, replaced, slow_s=timeout_s)
    return dataclasses.replace(result, free_cores=_free_cores(dep, trees, mark, time.monotonic() - began))


def _free_cores(dep: Deployment, trees: Sequence[procs.ProcTree], mark: cputime.MachineMark, wall_s: float) -> float:
    """Usable cores other programs left free since `mark` (the deployment's own CPU does not count against it)."""
    used = sum(procs.cpu_used_s(tree, procs.of(server)) for tree, server in zip(trees, dep.servers, strict=True))
    return cores.detect().free(cputime.others_cores(mark, used, wall_s))


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
        raise BadArgumentError(i18n.text(f"handler must be 'async' or 'sync', got {handler!r}"))
    if not 1.0 <= spin_s <= 20.0:
        raise BadArgumentError(i18n.text(f"spin_s must be from 1 to 20 s, got {spin_s!r}"))
    before = set(dep.serving_pids())
    trees, mark, began = [procs.of(server) for server in dep.servers], cputime.machine_mark(), time.monotonic()
    count = max(1, int((spin_s - 0.3) / interval_s))
    spin_route = {"async": contract.ASYNC_SPIN, "sync": contract.SYNC_SPIN}[handler]
    paths = [f"{spin_route}?s={spin_s:g}"] + [contract.PING] * count
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
    result = _outage(dep, f"hang ({handler} def)", victim, spin, pings, t0, replaced, slow_s=slow_s)
    # The spinning worker's own core does not count against the machine: only what others took meanwhile.
    return dataclasses.replace(result, free_cores=_free_cores(dep, trees, mark, time.monotonic() - began))


def _post_crash(server: Server) -> dict[str, Any]:
    with httpx.Client(timeout=5.0, headers={SECRET_HEADER: RUN_SECRET}) as client:  # /crash needs the run's secret
        answer = client.post(server.url_for(contract.CRASH), params={"delay_s": 0.1})
    answer.raise_for_status()
    body: dict[str, Any] = answer.json()
    return body


async def _watch_replacement(
    dep: Deployment, before: set[int], victim: int | None, t0: float, limit_s: float
) -> float | None:
    """Seconds after `t0` until a serving PID appears that was not there before (None if none)."""
    deadline = Deadline(limit_s)
    while deadline.running():
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
