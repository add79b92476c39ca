"""Does another worker process make CPU-bound requests finish sooner? Measure it fairly.

Two things make a naive "1 vs 2 vs 3 workers" timing misleading on a small, shared machine:

- Other programs take CPU in bursts, so runs of the same set-up differ. We run the set-ups in
  interleaved rounds (1, 2, 3, 1, 2, 3, ...), so every set-up sees the same spells of noise.
- The lab app sizes ``/async/cpu?ms=N`` by timing itself at startup, so three workers that
  start together on two cores each measure a slower CPU and then do less work per request.
  ``shared_calibration_env()`` measures once, here, and hands every server the same number.
- We also read the CPU seconds the workers really used (psutil) and report *cores in use* =
  CPU seconds / wall seconds, which cannot exceed the number of cores, however many workers.

Neither trick helps when other programs keep the cores busy for a whole run: then there is
nothing free to scale into. So each run also records how many cores *other* programs kept
busy (system-wide busy time minus the server's and this kernel's), and a notebook can say
"inconclusive: the machine was busy" instead of reporting noise as a result.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from helpers import cputime, load, measure
from helpers.procs import ProcTree
from helpers.records import RequestRecord
from helpers.servers import Server


@dataclass(frozen=True)
class CpuRun:
    """One burst of CPU-bound requests against one server set-up."""

    label: str
    round: int
    records: tuple[RequestRecord, ...]
    cpu_s: float
    others_cores: float

    @property
    def span_s(self) -> float:
        return measure.span_s(self.records)

    @property
    def cores_in_use(self) -> float:
        """Average number of cores the server's processes kept busy during the burst."""
        return self.cpu_s / self.span_s if self.span_s > 0 else 0.0


def cores() -> int:
    """CPU cores this process may run on (the affinity mask, not just the hardware count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def shared_calibration_env() -> dict[str, str]:
    """Server environment that fixes the lab app's CPU-work size to one value measured in this process."""
    from labapp._work import CpuCalibration

    return {"SERVERLAB_CPU_ITERATIONS_PER_MS": f"{CpuCalibration().iterations_per_ms:.1f}"}


def cpu_used_s(before: ProcTree, after: ProcTree) -> float:
    """CPU seconds (user + system) the processes of `after` used since `before` (new PIDs count fully)."""
    start = {(p.pid, p.started_at): p.cpu_s for p in before.procs}
    return sum(p.cpu_s - start.get((p.pid, p.started_at), 0.0) for p in after.procs)


def interleaved(
    targets: Mapping[str, Server], path: str, n: int, *, rounds: int = 3, concurrency: int = 6
) -> list[CpuRun]:
    """Fire `n` requests of `path` at each server in turn, `rounds` times; fresh connections spread them."""
    runs = []
    for round_ in range(rounds):
        for label, server in targets.items():
            before, busy, own = server.procs(), cputime.machine_busy_s(), cputime.own_cpu_s()
            records = load.fire(server.url, path, n, concurrency=concurrency, fresh_connections=True, timeout_s=60.0)
            used = cpu_used_s(before, server.procs())
            others = cputime.machine_busy_s() - busy - (cputime.own_cpu_s() - own) - used
            span = measure.span_s(records)
            runs.append(CpuRun(label, round_, tuple(records), used, max(0.0, others / span) if span > 0 else 0.0))
    return runs


def median_by_label(runs: Sequence[CpuRun], attribute: str) -> dict[str, float]:
    """Median of `span_s` or `cores_in_use` per set-up, over its rounds."""
    labels = list(dict.fromkeys(r.label for r in runs))
    return {label: measure.median([getattr(r, attribute) for r in runs if r.label == label]) for label in labels}


def best_by_label(runs: Sequence[CpuRun], attribute: str, rounds: Sequence[int] | None = None) -> dict[str, float]:
    """Highest `attribute` per set-up over `rounds` (default all): the run least disturbed by others."""
    chosen = {r.round for r in runs} if rounds is None else set(rounds)
    labels = list(dict.fromkeys(r.label for r in runs))
    return {
        label: max(getattr(r, attribute) for r in runs if r.label == label and r.round in chosen) for label in labels
    }


def quiet_rounds(runs: Sequence[CpuRun], labels: Sequence[str], min_free_cores: float) -> list[int]:
    """Rounds in which other programs left at least `min_free_cores` free while each of `labels` ran."""
    rounds = sorted({r.round for r in runs})
    free = {(r.label, r.round): cores() - r.others_cores for r in runs}
    return [k for k in rounds if all(free[(label, k)] >= min_free_cores for label in labels)]
