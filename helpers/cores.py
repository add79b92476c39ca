"""How many CPU cores may this course use? One answer, read from every limit the OS sets.

A laptop, a container with a CPU limit, a JupyterHub pod and a ``taskset``-pinned test all
report the machine's cores from ``os.cpu_count()``, yet each may run on far fewer. The usable
count is the smallest of what the OS lets this process use:

- the affinity mask (``os.sched_getaffinity``: ``taskset``, cpusets; Linux only),
- the cgroup CPU quota (v2 ``cpu.max``, v1 ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us``; Linux only),
  which may be fractional: 1.5 cores is one and a half cores' worth of time per second,
- ``os.process_cpu_count()`` where Python has it (3.13+), else ``os.cpu_count()``.

    c = cores.detect()
    print(c.describe())          # "16 cores, quota 1.5 → 1.5 usable"
    c.free(others_busy=0.5)      # usable cores left while other programs keep 0.5 busy

Where a source does not exist (macOS, Windows) it is simply absent from the answer and
``describe()`` says so in words. What a claim may expect from this count is ``scaling``; how busy
other programs keep these cores is ``busytime.runnable_busy_s``; thread-pool sizes are ``threadpools``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from helpers import i18n
from helpers._plumbing.cgroups import CGROUP_ROOT, PROC_SELF_CGROUP, Quota, cgroup_quota, fmt_cores

__all__ = [
    "CGROUP_ROOT", "Cores", "affinity_count", "detect", "fmt_cores", "process_count", "usable", "whole_cores",
]  # fmt: skip


@dataclass(frozen=True)
class Cores:
    """The cores this process may use, and each source the answer came from."""

    machine: int  # os.cpu_count(): what the hardware (or the VM) has
    affinity: int | None  # len(os.sched_getaffinity(0)); None where the OS has no such call
    process: int | None  # os.process_cpu_count(); None before Python 3.13
    quota: Quota

    @property
    def usable(self) -> float:
        """Smallest of every limit found: may be fractional under a CPU quota (e.g. 1.5)."""
        limits: list[float] = [float(self.machine)]
        limits += [float(v) for v in (self.affinity, self.process) if v is not None]
        if self.quota.cores is not None:
            limits.append(self.quota.cores)
        return max(min(limits), 0.01)

    @property
    def count(self) -> int:
        """Whole cores for sizing (workers, threads): a 1.5-core quota can keep 2 processes partly busy."""
        return whole_cores(self.usable)

    @property
    def runnable(self) -> int:
        """Cores this process may be scheduled on at once (affinity), whatever the quota."""
        return self.affinity if self.affinity is not None else (self.process or self.machine)

    def free(self, others_busy: float) -> float:
        """Usable cores left when other programs keep `others_busy` of our runnable cores busy."""
        return max(0.0, min(self.usable, self.runnable - others_busy))

    def describe(self) -> str:
        """One line: the machine's cores, every limit found, and the usable count."""
        parts = []
        if self.affinity is not None and self.affinity != self.machine:
            parts.append(f"affinity {self.affinity}")
        if self.process is not None and self.process != self.machine and self.process != self.affinity:
            parts.append(f"process_cpu_count {self.process}")
        if self.quota.cores is not None:
            parts.append(f"quota {fmt_cores(self.quota.cores)}")
        if not parts:
            return i18n.text(f"{self.machine} cores, no affinity limit or CPU quota → {fmt_cores(self.usable)} usable")
        return i18n.text(f"{self.machine} cores, {', '.join(parts)} → {fmt_cores(self.usable)} usable")

    def sources(self) -> str:
        """Where each number came from, for a learner who wants to check."""
        aff = (
            f"{self.affinity} (os.sched_getaffinity)"
            if self.affinity is not None
            else i18n.text("not available on this OS")
        )
        proc = f"{self.process}" if self.process is not None else i18n.text("not in this Python (3.13+)")
        return i18n.text(
            f"os.cpu_count(): {self.machine}; affinity: {aff}; os.process_cpu_count(): {proc}; "
            f"CPU quota: {self.quota.source}"
        )


def whole_cores(usable: float) -> int:
    """Whole cores for sizing: a fractional quota rounds up (1.5 → 2), never below 1."""
    return max(1, math.ceil(usable - 1e-9))


# --- reading the sources ---------------------------------------------------------------------


def affinity_count() -> int | None:
    """Cores in this process's affinity mask, or None where the OS has no sched_getaffinity (macOS, Windows)."""
    getaffinity: Callable[[int], set[int]] | None = getattr(os, "sched_getaffinity", None)
    if getaffinity is None:
        return None
    try:
        return len(getaffinity(0))
    except OSError:
        return None


def process_count() -> int | None:
    """os.process_cpu_count() (Python 3.13+, honours affinity and PYTHON_CPU_COUNT), else None."""
    counter: Callable[[], int | None] | None = getattr(os, "process_cpu_count", None)
    return counter() if counter is not None else None


def detect(
    *,
    root: Path = CGROUP_ROOT,
    proc_self_cgroup: Path = PROC_SELF_CGROUP,
    affinity: int | Callable[[], int | None] | None = affinity_count,
    process: int | Callable[[], int | None] | None = process_count,
    machine: int | None = None,
) -> Cores:
    """Read every source now (cheap; call again after changing affinity or quota). Tests inject fakes."""
    aff = affinity() if callable(affinity) else affinity
    proc = process() if callable(process) else process
    return Cores(
        machine=machine if machine is not None else (os.cpu_count() or 1),
        affinity=aff,
        process=proc,
        quota=cgroup_quota(root, proc_self_cgroup),
    )


def usable() -> float:
    """Shortcut: detect().usable."""
    return detect().usable
