"""What a CPU claim may expect from the usable cores, and when the machine is too busy to judge it.

k CPU-bound single-threaded workers can keep min(k, c) of c usable cores busy, so k workers over j
give at most min(k, c) / min(j, c). A check accepts a range around that ideal (``scaling_bounds``),
needs enough free cores to be judged (``free_cores_needed``), and otherwise says why it cannot
judge now (``too_busy``: the sentence every "… inconclusive" CPU claim prints).

    c = cores.detect().usable
    scaling.expected_speedup(3, 2, c)
    scaling.scaling_bounds(2, 1, c).low
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers._plumbing.cgroups import fmt_cores


def parallel_capacity(workers: int, cores: float) -> float:
    """How many cores' worth of CPU work `workers` single-threaded processes can do at once."""
    return max(0.0, min(float(workers), cores))


def expected_speedup(k_workers: int, j_workers: int, cores: float) -> float:
    """Throughput of k CPU-bound workers over j workers, ideally: min(k, c) / min(j, c)."""
    return parallel_capacity(k_workers, cores) / parallel_capacity(j_workers, cores)


def more_workers_help(k_workers: int, j_workers: int, cores: float, *, margin: float = 0.1) -> bool:
    """Do k workers add CPU throughput over j (k > j) on `cores`? Only while j is below the cores."""
    return expected_speedup(k_workers, j_workers, cores) >= 1.0 + margin


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
