"""cputime: the server's CPU seconds from the OS, and the cores other programs kept busy meanwhile."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from helpers import cores, cputime, learner_app, load, looplag, measure, procs, servers
from helpers._plumbing.cgroups import Quota
from helpers.errors import ClaimFailed
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


def two_cores(affinity: int = 2) -> cores.Cores:
    return cores.Cores(machine=2, affinity=affinity, process=None, quota=Quota(None, "none (test)"))


def test_one_core_claim_fails_above_one_core_whatever_the_load() -> None:
    with pytest.raises(ClaimFailed, match="no parallelism"):
        cputime.expect_one_core("no parallelism", 1.85, others_busy=0.1, threads=4, usable=two_cores())
    with pytest.raises(ClaimFailed):  # more than one core busy is parallel work even on a busy machine
        cputime.expect_one_core("no parallelism", 1.5, others_busy=1.5, threads=4, usable=two_cores())


def test_one_core_claim_holds_only_where_a_second_core_was_free(capsys: pytest.CaptureFixture[str]) -> None:
    assert cputime.expect_one_core("serial", 0.98, others_busy=0.1, threads=4, usable=two_cores()) is True
    assert capsys.readouterr().out.startswith("✔ serial")
    assert cputime.expect_one_core("serial", 0.98, others_busy=1.2, threads=4, usable=two_cores()) is None
    out = capsys.readouterr().out
    assert out.startswith("… inconclusive: serial") and "left only 0.80 of 2 cores free" in out
    assert cputime.expect_one_core("serial", 0.97, others_busy=0.0, threads=4, usable=two_cores(affinity=1)) is None
    assert "could not keep more than 1.00 cores busy" in capsys.readouterr().out


def test_a_parallel_server_fails_the_one_core_claim_on_a_quiet_machine(capsys: pytest.CaptureFixture[str]) -> None:
    """Falsifiable: def handlers hashing outside the GIL on the thread pool keep more than one core busy."""

    def hashing() -> dict[str, int]:
        import hashlib

        data = b"x" * 40_000_000
        for _ in range(6):
            hashlib.sha256(data).digest()  # releases the GIL for large inputs
        return {"ok": 1}

    with learner_app.serve(hashing, name="parallel hashing") as srv:
        load.fire(srv, "/work", 1)  # warm up
        runs = [cputime.fire(srv, "/work", 4) for _ in range(3)]
    run = max(runs, key=lambda r: r.cores_used)  # the least disturbed run
    try:
        verdict = cputime.expect_one_core("no parallelism", run.cores_used, run.others_cores, threads=4)
    except ClaimFailed:
        return  # the check saw the parallelism
    out = capsys.readouterr().out
    assert verdict is None and "inconclusive" in out, out  # only a busy machine may hide it, and it says so
    assert "cores free" in out or "may use" in out


def test_a_serial_server_holds_the_one_core_claim_or_says_why_not(capsys: pytest.CaptureFixture[str]) -> None:
    with servers.uvicorn("labapp.lab:app") as srv:
        probe, use = cputime.during(srv, looplag.probe, srv, "/async/cpu?ms=300", work_n=4, pings=6, interval_s=0.15)
    busy = use.cores_over(measure.span_s(list(probe.work)))
    assert 0 < busy <= cputime.SERIAL_MAX_CORES, busy  # a busy machine gives it less, never more
    verdict = cputime.expect_one_core("serial", busy, use.others_cores, threads=4)
    assert verdict is True or "inconclusive" in capsys.readouterr().out


def test_meter_adds_the_cpu_of_every_server_it_watches() -> None:
    with servers.uvicorn("labapp.lab:app", name="a") as a, servers.uvicorn("labapp.lab:app", name="b") as b:
        both, only_a = cputime.meter(a, b), cputime.meter(a)
        with both, only_a:
            load.fire(a, "/sync/cpu?ms=200", 1)
            load.fire(b, "/sync/cpu?ms=200", 1)
    # 200 ms of calibrated work is less CPU when the calibration ran on a busy machine: compare, do not add up.
    assert only_a.usage.cpu_s >= 0.05, only_a.usage
    assert both.usage.cpu_s >= only_a.usage.cpu_s + 0.05, (both.usage, only_a.usage)  # b's work counted too
