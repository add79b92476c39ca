"""looplag, cputime, shutdown and selfcheck against real servers: the measures notebooks 02/03 rely on."""

from __future__ import annotations

import pytest

from helpers import checks, cputime, load, looplag, servers, supervision
from helpers.errors import ClaimFailed


def test_a_blocked_loop_serves_no_ping_while_an_awaiting_one_serves_them_all() -> None:
    with servers.uvicorn("labapp.lab:app") as srv:
        blocked = looplag.probe(srv, "/async/block?s=0.8", pings=4, interval_s=0.1)
        free = looplag.probe(srv, "/async/sleep?s=0.8", pings=4, interval_s=0.1)
    assert blocked.pings_answered_during_work() == 0
    assert blocked.pings_served_while_work_ran() == 0
    assert blocked.max_lag_s > 0.3
    assert free.pings_served_while_work_ran() == len(free.pings) == 4
    assert free.max_lag_s < blocked.max_lag_s


def test_cpu_seconds_of_cpu_bound_requests_do_not_exceed_one_core() -> None:
    with servers.uvicorn("labapp.lab:app") as srv:
        solo = cputime.fire(srv, "/sync/cpu?ms=200", 1)
        together = cputime.fire(srv, "/sync/cpu?ms=200", 3)
    assert solo.cpu_s > 0.05
    assert together.cpu_s > 2 * solo.cpu_s
    assert together.cores_used < 1.3  # the GIL: threads take turns
    assert together.wall_s >= 0.8 * 3 * solo.cpu_s


def test_a_frozen_server_ignores_sigterm_and_leaves_nothing_after_sigkill() -> None:
    srv = servers.uvicorn("labapp.seed_async_loop:app")

    assert not load.fire(srv, "/", 1, timeout_s=0.5)[0].ok
    report = supervision.term_then_kill(srv, grace_s=0.8)
    assert not report.exited_on_term
    assert report.returncode == -9
    assert report.leftovers == ()


def test_a_healthy_server_exits_on_sigterm() -> None:
    srv = servers.uvicorn("labapp.lab:app")
    report = supervision.term_then_kill(srv, grace_s=5.0)
    assert report.exited_on_term and report.leftovers == ()


def test_selfcheck_reports_unanswered_right_and_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    assert checks.verdict("E", None, lambda a: (True, "")) is None
    assert "not attempted yet" in capsys.readouterr().out
    assert checks.verdict("E", 3, lambda a: (a == 3, "measured 3")) is True
    assert checks.verdict("E", 2, lambda a: (a == 3, "measured 3")) is False
    assert checks.verdict("E", "x", lambda a: (float(a) > 0, "")) is False  # a bad answer is reported
    with pytest.raises(ClaimFailed):
        checks.verdict("E", 2, lambda a: (a == 3, "measured 3"), strict=True)
