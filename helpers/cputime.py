"""CPU time, read from the OS: how many cores a server really kept busy, and how many others took.

On a shared machine wall-clock times swing with whatever else runs (a 0.4 s computation can
take 1 s of wall time), but the CPU seconds a process is charged for the same work barely move.
Comparing wall time with CPU time is how the notebooks show the GIL without being fooled by
noise: a process whose threads never run Python in parallel cannot use more than one core.

    run = cputime.fire(srv, "/sync/cpu?ms=400", 4)
    run.wall_s, run.cpu_s, run.cores_used, run.others_cores

Does another worker make CPU-bound requests finish sooner? Two things make a naive timing
misleading on a small, shared machine, and ``interleaved`` answers both:

- Other programs take CPU in bursts, so runs of one set-up differ. Set-ups run in interleaved
  rounds (1, 2, 3, 1, 2, 3, ...), so every set-up sees the same spells of noise.
- The lab app sizes ``/async/cpu?ms=N`` by timing itself at startup, so three workers that
  start together on two cores measure a slower CPU and do less work per request.
  ``shared_calibration_env()`` measures once, here, and hands every server the same number.

When other programs keep the cores busy for a whole run there is nothing free to scale into:
each run records ``others_cores`` (busy time of the cores we may use minus the server's and this kernel's),
so a notebook can say "inconclusive: the machine was busy" instead of reporting noise.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, ParamSpec, TypeVar

import psutil

from helpers import busytime, checks, cores, i18n, load, measure, procs, scaling
from helpers._plumbing.running import RunningServer
from helpers.records import RequestRecord
from labapp import contract

RunMeasure = Literal["wall_s", "cpu_s", "cores_used", "others_cores"]
P = ParamSpec("P")
T = TypeVar("T")

# A process whose threads take turns on the GIL keeps one core busy; the slack covers the loop's own
# work between requests and the sampling of CPU times. Parallel threads on c free cores keep about
# min(threads, c) busy, so they can only show above the slack where at least PARALLEL_VISIBLE are free.
SERIAL_MAX_CORES = 1.2
PARALLEL_VISIBLE = SERIAL_MAX_CORES + 0.3


@dataclass(frozen=True)
class CpuRun:
    """One batch of requests: the records, the server's CPU seconds meanwhile, and other programs' cores."""

    records: tuple[RequestRecord, ...]
    cpu_s: float
    others_cores: float
    label: str = ""
    round: int = 0

    @property
    def wall_s(self) -> float:
        """From the first request sent to the last answer received."""
        return measure.span_s(self.records)

    @property
    def cores_used(self) -> float:
        """Average number of cores the server kept busy during the batch (CPU seconds per wall second)."""
        return self.cpu_s / self.wall_s if self.wall_s > 0 else 0.0


@dataclass(frozen=True)
class MachineMark:
    """System-wide busy CPU seconds and this process's own, at one moment."""

    busy_s: float
    own_s: float


def machine_mark() -> MachineMark:
    """Busy time of the cores this kernel may run on (its affinity mask), and its own CPU time.

    Programs busy on cores we may not use (another `taskset` CPU) take nothing from our servers.
    """
    own = psutil.Process().cpu_times()
    return MachineMark(busytime.runnable_busy_s(), float(own.user + own.system))


def others_cores(since: MachineMark, server_cpu_s: float, wall_s: float) -> float:
    """Cores other programs kept busy since `since`: machine busy time minus the server's and this kernel's."""
    now = machine_mark()
    others_s = (now.busy_s - since.busy_s) - (now.own_s - since.own_s) - server_cpu_s
    return max(0.0, others_s / wall_s) if wall_s > 0 else 0.0


def fire(
    server: RunningServer,
    path: str,
    n: int = 1,
    *,
    concurrency: int | None = None,
    fresh_connections: bool = False,
    timeout_s: float = 30.0,
) -> CpuRun:
    """``load.fire(server, path, n, ...)``, plus the server's CPU seconds and other programs' cores meanwhile."""
    before, mark = procs.of(server), machine_mark()
    records = load.fire(
        server, path, n, concurrency=concurrency, fresh_connections=fresh_connections, timeout_s=timeout_s
    )
    used = procs.cpu_used_s(before, procs.of(server))
    return CpuRun(tuple(records), used, others_cores(mark, used, measure.span_s(records)))


@dataclass(frozen=True)
class Usage:
    """What one call cost: the server's CPU seconds, the call's wall time, and other programs' cores meanwhile."""

    cpu_s: float
    wall_s: float
    others_cores: float

    def cores_over(self, seconds: float) -> float:
        """The server's CPU seconds per second of `seconds` (e.g. the span of the requests inside the call)."""
        return self.cpu_s / seconds if seconds > 0 else 0.0


class Meter:
    """``with cputime.meter(srv_a, srv_b) as m: ...``; afterwards ``m.usage``: the servers' CPU and others' cores."""

    def __init__(self, servers: Sequence[RunningServer]) -> None:
        self._servers = tuple(servers)
        self._usage: Usage | None = None

    def __enter__(self) -> Meter:
        self._before = [procs.of(server) for server in self._servers]
        self._mark, self._began = machine_mark(), time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        wall = time.monotonic() - self._began
        used = sum(procs.cpu_used_s(b, procs.of(s)) for b, s in zip(self._before, self._servers, strict=True))
        self._usage = Usage(used, wall, others_cores(self._mark, used, wall))

    @property
    def usage(self) -> Usage:
        if self._usage is None:
            raise RuntimeError(i18n.text("read the usage after the with block"))
        return self._usage


def meter(*servers: RunningServer) -> Meter:
    """Measure the servers' CPU seconds, and other programs' cores, over a ``with`` block."""
    return Meter(servers)


def during(server: RunningServer, action: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> tuple[T, Usage]:
    """Run ``action(*args, **kwargs)`` and measure the server's CPU seconds and other programs' cores meanwhile."""
    with meter(server) as m:
        result = action(*args, **kwargs)
    return result, m.usage


def one_core_unjudgeable(others_busy: float, threads: int, usable: cores.Cores | None = None) -> str | None:
    """Why "at most one core busy" cannot rule out parallelism now, or None when it can.

    Parallel threads would keep about min(threads, free cores) busy: they can only show above one core
    where at least PARALLEL_VISIBLE cores are usable and left free by other programs.
    """
    usable = usable or cores.detect()
    room = scaling.parallel_capacity(threads, usable.usable)
    if room < PARALLEL_VISIBLE:
        return (
            f"this kernel may use {usable.describe()}, so {threads} parallel threads could not keep more than "
            f"{room:.2f} cores busy either: one core busy cannot tell the GIL from the missing cores"
        )
    free = usable.free(others_busy)
    if min(room, free) < PARALLEL_VISIBLE:
        return scaling.too_busy(free, PARALLEL_VISIBLE, usable.runnable)
    return None


def expect_one_core(
    statement: str, cores_busy: float, others_busy: float, *, threads: int, usable: cores.Cores | None = None
) -> bool | None:
    """Claim a server did its CPU work serially: at most SERIAL_MAX_CORES busy.

    More than that fails on any machine (only parallel work can keep more cores busy). At most that
    is only evidence where parallel threads had the free cores to show more; otherwise: inconclusive,
    with the free cores measured. Returns True (held), None (inconclusive); raises ClaimFailed.
    """
    reason = one_core_unjudgeable(others_busy, threads, usable) if cores_busy <= SERIAL_MAX_CORES else None
    if reason is not None:
        # The reason is a helper's own sentence: translated here, as it becomes a field of the outer text,
        # because a catalog lookup puts a field's value back as it finds it (i18n.text: unchanged in English).
        checks.inconclusive(statement, f"the server kept {cores_busy:.2f} cores busy, but {i18n.text(reason)}")
        return None
    checks.expect_at_most(statement, cores_busy, SERIAL_MAX_CORES, "cores busy")
    return True


def shared_calibration_env() -> dict[str, str]:
    """Server environment that fixes the lab app's CPU-work size to one value measured in this process."""
    from labapp._work import CpuCalibration

    return {contract.CPU_CALIBRATION_VAR: f"{CpuCalibration().iterations_per_ms:.1f}"}


def interleaved(
    targets: Mapping[str, RunningServer], path: str, n: int, *, rounds: int = 3, concurrency: int = 6
) -> list[CpuRun]:
    """Fire `n` requests of `path` at each server in turn, `rounds` times; fresh connections spread them."""
    runs = []
    for round_ in range(rounds):
        for label, server in targets.items():
            run = fire(server, path, n, concurrency=concurrency, fresh_connections=True, timeout_s=60.0)
            runs.append(dataclasses.replace(run, label=label, round=round_))
    return runs


def median_by_label(runs: Sequence[CpuRun], attribute: RunMeasure) -> dict[str, float]:
    """Median of `attribute` per set-up, over its rounds."""
    labels = list(dict.fromkeys(r.label for r in runs))
    return {label: measure.median([getattr(r, attribute) for r in runs if r.label == label]) for label in labels}


def best_by_label(
    runs: Sequence[CpuRun], attribute: RunMeasure, rounds: Sequence[int] | None = None
) -> dict[str, float]:
    """Highest `attribute` per set-up over `rounds` (default all): the run least disturbed by others."""
    chosen = {r.round for r in runs} if rounds is None else set(rounds)
    labels = list(dict.fromkeys(r.label for r in runs))
    return {
        label: max(getattr(r, attribute) for r in runs if r.label == label and r.round in chosen) for label in labels
    }


def quiet_rounds(runs: Sequence[CpuRun], labels: Sequence[str], min_free_cores: float) -> list[int]:
    """Rounds in which other programs left at least `min_free_cores` free while each of `labels` ran."""
    rounds = sorted({r.round for r in runs})
    usable = cores.detect()
    free = {(r.label, r.round): usable.free(r.others_cores) for r in runs}
    return [k for k in rounds if all(free[(label, k)] >= min_free_cores for label in labels)]
