"""checks: claims that print or raise with the measured value, the environment report, exercise verdicts."""

from __future__ import annotations

import pytest

from helpers import checks, errors
from helpers.errors import ClaimFailed


def test_claims_print_or_raise_with_the_measured_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert checks.expect_between("two waves", 2, 2, 2) == 2
    assert "✔ two waves — measured: 2" in capsys.readouterr().out
    with pytest.raises(errors.ClaimFailed, match=r"one wave — but measured: 1.5 s \(expected at most 1.2\)"):
        checks.expect_at_most("one wave", 1.5, 1.2, "s")
    with pytest.raises(AssertionError):  # ClaimFailed is an AssertionError too
        checks.expect_equal("same pid", 1, 2)
    checks.expect_at_least("many", 5, 3)


def test_environment_reports_ok_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert checks.environment(start_server=True)
    out = capsys.readouterr().out
    assert "[FAIL]" not in out
    assert "[OK] uvicorn" in out and "answered: loop uvloop" in out


def test_verdict_reports_unanswered_right_and_wrong(capsys: pytest.CaptureFixture[str]) -> None:
    assert checks.verdict("E", None, lambda a: (True, "")) is None
    assert "not attempted yet" in capsys.readouterr().out
    assert checks.verdict("E", 3, lambda a: (a == 3, "measured 3")) is True
    assert checks.verdict("E", 2, lambda a: (a == 3, "measured 3")) is False
    assert checks.verdict("E", "x", lambda a: (float(a) > 0, "")) is False  # a bad answer is reported
    with pytest.raises(ClaimFailed):
        checks.verdict("E", 2, lambda a: (a == 3, "measured 3"), strict=True)


def test_inconclusive_prints_one_line_the_soak_counts(capsys: pytest.CaptureFixture[str]) -> None:
    checks.inconclusive("4 workers beat 1", "other programs left 0.20 of 2 cores free")
    out = capsys.readouterr().out
    assert out.startswith("… inconclusive: 4 workers beat 1") and "0.20 of 2 cores free" in out
    assert out.count("\n") == 1


def test_a_claim_that_misses_on_a_busy_machine_is_inconclusive_never_on_a_quiet_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    checks.expect_at_most("fast 503", 0.9, 0.33, "x", busy="other programs left 0.10 of 2 cores free")
    out = capsys.readouterr().out
    assert out.startswith("… inconclusive: fast 503") and "0.9 x" in out and "0.10 of 2 cores free" in out
    with pytest.raises(ClaimFailed, match="fast 503"):
        checks.expect_at_most("fast 503", 0.9, 0.33, "x", busy=None)  # quiet: the miss is a failure
    checks.expect_at_least("held anyway", 2.0, 1.0, busy="busy")  # a claim that holds is ✔ whatever the load
    checks.expect_between("between", 2.0, 1.0, 3.0, busy="busy")
    assert capsys.readouterr().out.count("✔") == 2
    with pytest.raises(ClaimFailed):
        checks.claim("plain", False, "measured", busy="")
