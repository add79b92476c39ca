"""cputime: the server's CPU seconds from the OS, and the cores other programs kept busy meanwhile."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from helpers import cputime, procs, servers
from helpers.records import RequestRecord


def test_cpu_seconds_of_cpu_bound_requests_do_not_exceed_one_core() -> None:
    with servers.uvicorn("labapp.lab:app") as srv:
        solo = cputime.fire(srv, "/sync/cpu?ms=200", 1)
        together = cputime.fire(srv, "/sync/cpu?ms=200", 3)
    assert solo.cpu_s > 0.05
    assert together.cpu_s > 2 * solo.cpu_s
    assert together.cores_used < 1.3  # the GIL: threads take turns
    assert together.wall_s >= 0.8 * 3 * solo.cpu_s


SPIN = "import time\nend = time.time() + 0.6\nwhile time.time() < end:\n    pass"


def test_others_cores_counts_a_program_that_is_not_the_server() -> None:
    """A busy loop in another process (not the server, not this kernel) shows up as other programs' cores."""
    began, mark = time.monotonic(), cputime.machine_mark()
    subprocess.run([sys.executable, "-c", SPIN], timeout=30, check=True)
    others = cputime.others_cores(mark, server_cpu_s=0.0, wall_s=time.monotonic() - began)
    assert others >= 0.4, others  # the spinner alone kept about one core busy for most of the window


def test_interleaved_runs_each_set_up_once_per_round_and_medians_by_label() -> None:
    env = cputime.shared_calibration_env()
    with (
        servers.uvicorn("labapp.lab:app", name="one", env=env) as one,
        servers.uvicorn("labapp.lab:app", workers=2, name="two", env=env) as two,
    ):
        runs = cputime.interleaved({"one": one, "two": two}, "/async/cpu?ms=50", 4, rounds=2)
    assert [(r.label, r.round) for r in runs] == [("one", 0), ("two", 0), ("one", 1), ("two", 1)]
    assert all(r.cpu_s > 0 and r.wall_s > 0 for r in runs)
    medians = cputime.median_by_label(runs, "cpu_s")
    assert set(medians) == {"one", "two"} and all(v > 0 for v in medians.values())
    best = cputime.best_by_label(runs, "cores_used", [0])
    assert best["one"] == next(r.cores_used for r in runs if r.label == "one" and r.round == 0)


def test_cpu_run_arithmetic() -> None:
    recs = (RequestRecord(0, "/x", 10.0, 12.0, 200),)
    run = cputime.CpuRun(recs, cpu_s=1.0, others_cores=0.5)
    assert run.wall_s == pytest.approx(2.0) and run.cores_used == pytest.approx(0.5)
    empty = procs.ProcTree(root_pid=0, taken_at=0.0, procs=())
    assert procs.cpu_used_s(empty, empty) == 0.0
