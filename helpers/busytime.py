"""How busy the cores we may run on are: CPU seconds not idle, read from the OS (psutil).

Two readings a known time apart give how many cores' worth of CPU everything on this machine used
meanwhile. ``cputime`` subtracts the servers' own CPU to get other programs' share (``others_cores``);
``servers.start_together`` uses it to tell a server that was slow to start on a busy machine from one
that is broken.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import psutil


def runnable_busy_s() -> float:
    """CPU seconds spent not idle, summed over the cores this process may run on (all cores without affinity).

    Other programs busy on cores we may not use (another `taskset` CPU) do not take CPU from us.
    """
    per_cpu = psutil.cpu_times(percpu=True)
    getaffinity: Callable[[int], set[int]] | None = getattr(os, "sched_getaffinity", None)
    allowed = sorted(getaffinity(0)) if getaffinity is not None else range(len(per_cpu))
    total = 0.0
    for index in allowed:
        if index < len(per_cpu):
            t = per_cpu[index]
            total += float(sum(t) - t.idle - getattr(t, "iowait", 0.0))
    return total
