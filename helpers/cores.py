"""How many CPU cores may this course use? One answer, and the expectations that follow from it.

A laptop, a container with a CPU limit, a JupyterHub pod and a ``taskset``-pinned test all
report the machine's cores from ``os.cpu_count()``, yet each may run on far fewer. The usable
count is the smallest of what the OS lets this process use:

- the affinity mask (``os.sched_getaffinity``: ``taskset``, cpusets; Linux only),
- the cgroup CPU quota (v2 ``cpu.max``, v1 ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us``; Linux only),
  which may be fractional: 1.5 cores is one and a half cores' worth of time per second,
- ``os.process_cpu_count()`` where Python has it (3.13+), else ``os.cpu_count()``.

    c = cores.detect()
    print(c.describe())          # "16 cores, quota 1.5 → 1.5 usable"
    cores.expected_speedup(3, 2, c.usable)

Where a source does not exist (macOS, Windows) it is simply absent from the answer and
``describe()`` says so in words.
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from helpers._plumbing.cgroups import CGROUP_ROOT, PROC_SELF_CGROUP, Quota, cgroup_quota, fmt_cores
from labapp import contract

ANYIO_DEFAULT_TOKENS = contract.ANYIO_DEFAULT_TOKENS  # anyio: CapacityLimiter(40) in current_default_thread_limiter()
EXECUTOR_CAP = 32  # concurrent.futures.ThreadPoolExecutor: min(32, cpu_count + 4)


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
        limits = ", ".join(parts) if parts else "no affinity limit or CPU quota"
        return f"{self.machine} cores, {limits} → {fmt_cores(self.usable)} usable"

    def sources(self) -> str:
        """Where each number came from, for a learner who wants to check."""
        aff = f"{self.affinity} (os.sched_getaffinity)" if self.affinity is not None else "not available on this OS"
        proc = f"{self.process}" if self.process is not None else "not in this Python (3.13+)"
        return (
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


def platform_note() -> str | None:
    """One sentence when this platform cannot run the course, else None (Linux, macOS, WSL2 all work)."""
    if sys.platform == "win32":
        return (
            "Native Windows is not supported: gunicorn does not run there and the helpers use POSIX signals; "
            "run the course inside WSL2 (Ubuntu) instead."
        )
    if sys.platform == "darwin":
        return None
    if not sys.platform.startswith("linux"):
        return f"{sys.platform} is untested: the course is tested on Linux, and used on macOS and WSL2."
    return None


# --- the GIL -----------------------------------------------------------------------------------


def gil_enabled() -> bool:
    """False only on a free-threaded CPython (3.13t+) running with the GIL off; True on the default build."""
    check: Callable[[], bool] | None = getattr(sys, "_is_gil_enabled", None)
    return True if check is None else bool(check())


def gil_note() -> str:
    """What the GIL claims of notebooks 02/03 mean on this interpreter."""
    if gil_enabled():
        return "this Python has the GIL (the default build): one thread of a process runs Python bytecode at a time"
    return (
        "this is a free-threaded Python with the GIL disabled: threads of one process can run Python bytecode "
        "in parallel, so the GIL claims below describe the default build and the measurements show the difference"
    )


# --- expectations that follow from the core count ---------------------------------------------


def parallel_capacity(workers: int, cores: float) -> float:
    """How many cores' worth of CPU work `workers` single-threaded processes can do at once."""
    return max(0.0, min(float(workers), cores))


def expected_speedup(k_workers: int, j_workers: int, cores: float) -> float:
    """Throughput of k CPU-bound workers over j workers, ideally: min(k, c) / min(j, c)."""
    return parallel_capacity(k_workers, cores) / parallel_capacity(j_workers, cores)


def more_workers_help(k_workers: int, j_workers: int, cores: float, *, margin: float = 0.1) -> bool:
    """Do k workers add CPU throughput over j (k > j) on `cores`? Only while j is below the cores."""
    return expected_speedup(k_workers, j_workers, cores) >= 1.0 + margin


def executor_default_size(cpu_count: int) -> int:
    """ThreadPoolExecutor's default max_workers for this cpu count: min(32, cpu_count + 4)."""
    return min(EXECUTOR_CAP, max(1, cpu_count) + 4)


def executor_cpu_count() -> int:
    """The count ThreadPoolExecutor sizes itself by: os.process_cpu_count() (3.13+) or os.cpu_count().

    It is not the CPU quota: inside a 1.5-CPU container on a 64-core host this is 64.
    """
    return process_count() or os.cpu_count() or 1


def default_executor_size() -> int:
    """The real default size of asyncio's executor here (asyncio.to_thread, run_in_executor(None, ...))."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor()  # threads start lazily: creating one starts none
    size = getattr(pool, "_max_workers", None)
    pool.shutdown(wait=False)
    return size if isinstance(size, int) else executor_default_size(executor_cpu_count())


def waves(n_calls: int, lanes: int) -> int:
    """Equal blocking calls through a pool of `lanes` threads finish in ceil(n / lanes) waves."""
    if lanes < 1:
        raise ValueError("a pool needs at least one thread")
    return math.ceil(n_calls / lanes) if n_calls > 0 else 0


def contrast_batch(executor_size: int, tokens: int = ANYIO_DEFAULT_TOKENS) -> int | None:
    """Calls that take 2 waves on the executor but 1 on the limiter: min(2 × executor, tokens).

    None when the executor is at least as large as the limiter (no batch can tell them apart).
    """
    if executor_size >= tokens:
        return None
    return min(2 * executor_size, tokens)


def sleeping_waves(n_calls: int, executor_size: int, tokens: int = ANYIO_DEFAULT_TOKENS) -> dict[str, int]:
    """Expected waves of `n_calls` sleeping calls through asyncio.to_thread vs run_in_threadpool."""
    return {"asyncio.to_thread": waves(n_calls, executor_size), "run_in_threadpool": waves(n_calls, tokens)}


@dataclass(frozen=True)
class ScalingBounds:
    """What k workers vs j workers may show on `cores`: the ideal ratio and the range a check accepts."""

    k_workers: int
    j_workers: int
    cores: float
    expected: float
    low: float | None  # None: no gain is expected, so only the upper bound is a claim
    high: float

    def statement(self) -> str:
        c = fmt_cores(self.cores)
        if self.low is None:
            return (
                f"{self.k_workers} workers do not beat {self.j_workers} by much: with {c} usable cores "
                f"min({self.k_workers}, {c}) / min({self.j_workers}, {c}) = {self.expected:.2f}"
            )
        return (
            f"{self.k_workers} workers keep more cores busy than {self.j_workers}, up to "
            f"min({self.k_workers}, {c}) / min({self.j_workers}, {c}) = {self.expected:.2f}×"
        )


def scaling_bounds(k_workers: int, j_workers: int, cores: float, *, slack: float = 0.3) -> ScalingBounds:
    """Accepted range of measured (cores busy with k) / (cores busy with j) for CPU-bound work.

    The ratio cannot exceed min(k, c) / min(j, c) except by measurement noise (`slack`); where a
    gain of at least 30 % is expected, a check also demands at least 30 % of that gain (uneven
    connection spreading and a busy machine keep real runs below the ideal).
    """
    expected = expected_speedup(k_workers, j_workers, cores)
    low = 1.0 + 0.3 * (expected - 1.0) if expected >= 1.3 else None
    return ScalingBounds(k_workers, j_workers, cores, expected, low, expected + slack)


def free_cores_needed(workers: int, cores: float) -> float:
    """Free cores a k-worker CPU comparison needs to be judged: 75 % of what those workers could use."""
    return 0.75 * parallel_capacity(workers, cores)


def too_busy(free: float, needed: float, runnable: float) -> str | None:
    """None when `free` ≥ `needed`, else the measured reason a CPU claim cannot be judged now."""
    if free >= needed:
        return None
    return (
        f"other programs left only {free:.2f} of {fmt_cores(runnable)} cores free (this claim needs {needed:.2f}), "
        "so what the server could do was not measured; re-run the cells above when the machine is quieter"
    )


def runnable_busy_s() -> float:
    """CPU seconds spent not idle, summed over the cores this process may run on (all cores without affinity).

    Other programs busy on cores we may not use (another `taskset` CPU) do not take CPU from us.
    """
    import psutil

    per_cpu = psutil.cpu_times(percpu=True)
    getaffinity: Callable[[int], set[int]] | None = getattr(os, "sched_getaffinity", None)
    allowed = sorted(getaffinity(0)) if getaffinity is not None else range(len(per_cpu))
    total = 0.0
    for index in allowed:
        if index < len(per_cpu):
            t = per_cpu[index]
            total += float(sum(t) - t.idle - getattr(t, "iowait", 0.0))
    return total
