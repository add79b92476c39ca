"""Is a server process spinning or sleeping? Judge it in a way a busy machine cannot fool.

CPU share alone misleads on a shared machine: a process that spins as hard as it can gets
little CPU when 30 other programs want the same cores. The scheduler state does not: a
spinning process is always *runnable* (psutil status "running": on a CPU or waiting in the run
queue for one), while an idle server sleeps in its event loop's poll. So ``activity`` samples the
state over a window and also reads the CPU seconds, plus how many cores other programs left free,
to say whether the CPU share can be judged at all.

    busy = activity.of(srv, window_s=1.5)
    busy.running_share, busy.cores_used, busy.free_cores, busy.too_busy(), busy.describe()
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

import psutil

from helpers import cores, cputime, i18n, scaling


class HasPid(Protocol):
    """A running server, or anything with the PID of its root process."""

    @property
    def pid(self) -> int: ...


@dataclass(frozen=True)
class Activity:
    """What a server's processes did during one window: scheduler state samples and CPU seconds."""

    window_s: float
    samples: int
    running_samples: int
    cpu_s: float
    others_cores: float
    machine: cores.Cores  # the cores this process may use, read when the window began

    @property
    def running_share(self) -> float:
        """Share of samples in which some process of the server was runnable (spinning), not sleeping."""
        return self.running_samples / self.samples if self.samples else 0.0

    @property
    def cores_used(self) -> float:
        return self.cpu_s / self.window_s if self.window_s > 0 else 0.0

    @property
    def free_cores(self) -> float:
        """Usable cores other programs left free during the window (``Cores.free``)."""
        return self.machine.free(self.others_cores)

    def too_busy(self, needed: float = 0.5) -> str | None:
        """None when the window left `needed` cores free, else why its CPU share cannot be judged (scaling.too_busy).

        Pass it as ``busy=`` to a claim on `cores_used`, as ``Replacement.too_busy`` and ``RestartRun.too_busy``."""
        return scaling.too_busy(self.free_cores, needed, self.machine.runnable)

    def describe(self) -> str:
        return i18n.text(
            f"over {self.window_s:.1f} s: runnable in {self.running_samples}/{self.samples} samples, "
            f"{self.cores_used:.2f} cores of CPU, other programs busy on {self.others_cores:.2f}"
        )


def _processes(server: HasPid) -> list[psutil.Process]:
    try:
        root = psutil.Process(server.pid)
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def _cpu_s(processes: list[psutil.Process]) -> float:
    total = 0.0
    for p in processes:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            continue
    return total


def _any_running(processes: list[psutil.Process]) -> bool:
    for p in processes:
        try:
            if p.status() == psutil.STATUS_RUNNING:
                return True
        except psutil.Error:
            continue
    return False


def of(server: HasPid, window_s: float = 1.5, samples: int = 15) -> Activity:
    """Sample `server`'s processes `samples` times over `window_s` seconds (bounded; never raises for a gone PID)."""
    processes = _processes(server)
    usable = cores.detect()
    cpu_before, mark = _cpu_s(processes), cputime.machine_mark()
    began = time.monotonic()
    running = 0
    for i in range(samples):
        running += _any_running(processes)
        time.sleep(max(0.0, began + (i + 1) * window_s / samples - time.monotonic()))
    elapsed = time.monotonic() - began
    cpu_s = _cpu_s(processes) - cpu_before
    return Activity(
        window_s=elapsed,
        samples=samples,
        running_samples=running,
        cpu_s=max(0.0, cpu_s),
        others_cores=cputime.others_cores(mark, cpu_s, elapsed),  # the one "other programs' cores" formula
        machine=usable,
    )
