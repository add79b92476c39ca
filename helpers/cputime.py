"""Fire requests and read how many CPU seconds the server spent on them, from the OS.

On a shared machine wall-clock times swing with whatever else runs (a 0.4 s computation can
take 1 s of wall time), but the CPU seconds a process is charged for the same work barely move.
Comparing wall time with CPU time is how the notebooks show the GIL without being fooled by
noise: a process whose threads never run Python in parallel cannot use more than one core,
so its wall time is at least its CPU time.

    run = cputime.fire(srv, "/sync/cpu?ms=400", 4)
    run.wall_s, run.cpu_s, run.cores_used
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psutil

from helpers import load, measure
from helpers.records import RequestRecord
from helpers.servers import Server


@dataclass(frozen=True)
class CpuRun:
    """One batch of requests: the records, their wall-clock span, and the server's CPU seconds meanwhile."""

    records: tuple[RequestRecord, ...]
    wall_s: float
    cpu_s: float

    @property
    def cores_used(self) -> float:
        """Average number of cores the server kept busy during the batch (CPU seconds per wall second)."""
        return self.cpu_s / self.wall_s if self.wall_s > 0 else 0.0


def server_cpu_s(server: Server) -> float:
    """User + system CPU seconds of every live process of the server, so far."""
    return sum(p.cpu_s for p in server.procs().procs)


def fire(server: Server, path: str, n: int = 1, **fire_options: Any) -> CpuRun:
    """`load.fire(server, path, n, ...)`, plus the server's CPU seconds before and after."""
    before = server_cpu_s(server)
    records = load.fire(server.url, path, n, **fire_options)
    after = server_cpu_s(server)
    return CpuRun(tuple(records), measure.span_s(records), max(0.0, after - before))


def machine_busy_s() -> float:
    """System-wide CPU seconds spent not idle, summed over all cores (to see what others used)."""
    t = psutil.cpu_times()
    return float(sum(t) - t.idle - getattr(t, "iowait", 0.0))


def own_cpu_s() -> float:
    """CPU seconds of this process: the client side of an experiment."""
    t = psutil.Process().cpu_times()
    return float(t.user + t.system)
