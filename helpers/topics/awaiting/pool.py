"""The lab's process pool: which child computed a request, what each child costs in memory, and the speed-up claim."""

from __future__ import annotations

from dataclasses import dataclass, replace

import psutil

from helpers import checks, i18n, procs
from helpers.records import RequestRecord
from helpers.servers import Server


def expect_speedup(
    statement: str, value: float, possible: float, *, share: float = 0.5, unit: str = "×"
) -> bool | None:
    """Claim `value` (speed-up, cores busy) gets `share` of the way from 1 to `possible`; below 1.3: inconclusive."""
    if possible < 1.3:
        checks.inconclusive(
            statement,
            f"measured {value:.2f} {i18n.text(unit)}, but only {possible:.2f} core(s) were free for the server "
            "during the run, so nothing beyond one core could show here (a quieter or bigger machine shows it)",
        )
        return None
    checks.expect_at_least(statement, value, 1.0 + share * (possible - 1.0), unit)
    return True


def by_child(records: tuple[RequestRecord, ...] | list[RequestRecord]) -> list[RequestRecord]:
    """The records with `pid` set to the pool child that computed them (for `plots.timeline`)."""
    return [replace(r, pid=r.body.get("child_pid", r.pid)) for r in records]


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
    """The memory of each child the app's process pool runs (``procs``' "pool" role: not the resource tracker)."""
    found = []
    for proc in procs.of(srv, orphans=False).pool:
        try:
            found.append(memory(proc.pid))
        except psutil.Error:  # exited since the snapshot
            continue
    return found
