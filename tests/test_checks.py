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
