"""The kinds of work the handlers do: sleeping, spinning until a deadline, fixed CPU work.

Spinning is bounded by wall time ("hold the CPU for s seconds"); CPU work is a fixed
number of loop iterations ("compute this much"), so that two CPU requests sharing the GIL
take about twice as long while two spinning requests would both just stop on time.
"""

from __future__ import annotations

import os
import time

from labapp.contract import CPU_CALIBRATION_VAR


def spin(seconds: float) -> int:
    """Busy-loop until `seconds` of wall time have passed; returns the loop count."""
    deadline = time.perf_counter() + seconds
    count = 0
    while time.perf_counter() < deadline:
        count += 1
    return count


def burn(iterations: int) -> int:
    """Pure-Python arithmetic that holds the GIL for the whole call."""
    total = 0
    for i in range(iterations):
        total += i * i % 7
    return total


class CpuCalibration:
    """How many `burn` iterations one millisecond of this process's CPU buys.

    Pass `iterations_per_ms` to skip the measurement: servers that must do *identical* work
    (e.g. 1 vs 3 workers compared) get one value measured once, because workers that calibrate
    at the same time on a busy machine each measure a different speed.
    """

    def __init__(self, iterations_per_ms: float | None = None) -> None:
        self.iterations_per_ms = iterations_per_ms if iterations_per_ms else self._measure()

    @staticmethod
    def _measure(sample: int = 200_000, repeats: int = 3) -> float:
        # The fastest of a few short runs is the least disturbed by other processes.
        best = float("inf")
        for _ in range(repeats):
            began = time.perf_counter()
            burn(sample)
            best = min(best, time.perf_counter() - began)
        return sample / (best * 1000.0)

    def iterations_for(self, ms: float) -> int:
        return max(1, int(self.iterations_per_ms * ms))


def calibration_from_env() -> CpuCalibration:
    """The value in ``contract.CPU_CALIBRATION_VAR`` if the helpers set one, else measured now (in the lifespan)."""
    fixed = os.environ.get(CPU_CALIBRATION_VAR)
    return CpuCalibration(float(fixed) if fixed else None)
