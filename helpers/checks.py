"""State a claim, check it against measured values, print a one-line verdict.

    checks.expect_between("60 blocking requests take two waves", len(waves), 2, 2)

A claim that holds prints ``✔ ...`` with the measured value; one that does not raises
ClaimFailed with the measured value and the expected range, so a notebook that runs top to
bottom has checked every claim it makes. Where the machine cannot judge a claim now (other
programs took the free cores, a server's timing raced the load), ``inconclusive`` prints one
line starting "… inconclusive: " with the measured reason, and nothing is raised: a class of
learners on a shared hub counts the ✔ and "… inconclusive" lines.

Exercise self-checks (``verdict``) say right or wrong with the measured reason, or "not
attempted yet": a learner's answer starts as ``None`` and Run All must still pass, so an
unanswered exercise is reported, never raised. The solutions notebooks pass ``strict=True``
so that a wrong "solution" fails the tests instead of printing a cross.

    def check(answer):
        span = measure.span_s(load.fire(srv, "/async/block?s=0.3", 6))
        return abs(answer - span) <= 0.25 * span, f"6 requests took {span:.2f} s, you said {answer:.2f} s"

    checks.verdict("Exercise 1", my_answer, check)
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable
from importlib import metadata
from typing import TypeVar

from helpers import i18n
from helpers.errors import ClaimFailed, ServerlabError

A = TypeVar("A")

COURSE_PACKAGES = (
    "fastapi",
    "starlette",
    "anyio",
    "uvicorn",
    "gunicorn",
    "uvicorn-worker",
    "fastapi-cli",
    "granian",
    "httpx",
    "psutil",
    "matplotlib",
)


INCONCLUSIVE = "… inconclusive: "
NOT_ATTEMPTED = "… {name}: not attempted yet (set your answer in the cell above, then run this cell again)"


def inconclusive(statement: str, reason: str) -> None:
    """Say a claim was not judged, and the measured reason why (e.g. the free cores); never raises."""
    said, why = i18n.text(statement), i18n.text(reason)
    print(i18n.line("… inconclusive: {statement} — not judged: {reason}", statement=said, reason=why))


def claim(statement: str, holds: bool, measured: str, *, busy: str | None = None) -> None:
    """Print ✔ with the measurement, or raise ClaimFailed saying what was measured instead.

    `busy` is the measured reason this machine cannot judge the claim now (e.g. ``scaling.too_busy(...)``:
    other programs took the free cores a timing needs). A claim that does not hold then says
    inconclusive instead of raising; one that holds is still ✔.
    """
    _judge(statement, holds, i18n.text(measured), busy=busy)


def _judge(statement: str, holds: bool, measured: str, *, busy: str | None) -> None:
    """``claim`` with `measured` already in the kernel's language (i18n): the expect_* helpers build it."""
    said = i18n.text(statement)
    if holds:
        print(i18n.line("✔ {statement} — measured: {measured}", statement=said, measured=measured))
        return
    if busy:
        reason = i18n.line("measured {measured}, but {busy}", measured=measured, busy=i18n.text(busy))
        print(i18n.line("… inconclusive: {statement} — not judged: {reason}", statement=said, reason=reason))
        return
    raise ClaimFailed(i18n.line("✘ {statement} — but measured: {measured}", statement=said, measured=measured))


# Korean counters are written against their number (3개 연결, 1.5배); every other unit after a space.
ATTACHED_COUNTERS = ("개", "배", "번")


def _fmt(value: float, unit: str) -> str:
    unit = i18n.text(unit)
    sep = "" if unit.startswith(ATTACHED_COUNTERS) else " "
    return f"{value:.3g}{sep}{unit}".strip() if isinstance(value, float) else f"{value}{sep}{unit}".strip()


def expect_between(
    statement: str, value: float, low: float, high: float, unit: str = "", *, busy: str | None = None
) -> float:
    """Claim `low <= value <= high`; returns `value` for further use. `busy`: as in ``claim``."""
    measured = i18n.line(
        "{value} (expected {low} to {high})", value=_fmt(value, unit), low=f"{low:g}", high=f"{high:g}"
    )
    _judge(statement, low <= value <= high, measured, busy=busy)
    return value


def expect_at_most(statement: str, value: float, high: float, unit: str = "", *, busy: str | None = None) -> float:
    measured = i18n.line("{value} (expected at most {high})", value=_fmt(value, unit), high=f"{high:g}")
    _judge(statement, value <= high, measured, busy=busy)
    return value


def expect_at_least(statement: str, value: float, low: float, unit: str = "", *, busy: str | None = None) -> float:
    measured = i18n.line("{value} (expected at least {low})", value=_fmt(value, unit), low=f"{low:g}")
    _judge(statement, value >= low, measured, busy=busy)
    return value


def expect_equal(statement: str, value: object, expected: object) -> object:
    measured = i18n.line("{value} (expected {expected})", value=repr(value), expected=repr(expected))
    _judge(statement, value == expected, measured, busy=None)
    return value


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in COURSE_PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "missing"
    return found


def environment(start_server: bool = True) -> bool:
    """Print [OK]/[FAIL] for Python, the course's packages, CPUs, and (optionally) a real server."""
    all_ok = True

    def line(ok: bool, text: str) -> None:
        nonlocal all_ok
        all_ok &= ok
        print(f"[{'OK' if ok else 'FAIL'}] {text}")

    line(sys.version_info >= (3, 11), i18n.text(f"python {platform.python_version()} (need 3.11+)"))
    for name, version in versions().items():
        if name != "python":
            line(version != "missing", f"{name} {version}" if version != "missing" else i18n.text(f"{name} missing"))
    from helpers import cores

    line(True, i18n.text(f"CPU cores: {cores.detect().describe()}"))
    if start_server:
        from helpers import servers
        from labapp import contract

        try:
            with servers.uvicorn(contract.LAB_APP, name="environment check") as srv:
                info = srv.get(contract.INFO)
                loop, parser, pid = info["loop"], info["http"], info["pid"]
                line(True, i18n.text(f"a uvicorn server started in {srv.ready_after_s:.2f} s and answered: "
                                     f"loop {loop}, HTTP parser {parser}, pid [{pid}]"))  # fmt: skip
        except Exception as exc:  # report, do not crash the first cell
            line(False, i18n.text(f"could not start a server: {exc}"))
    return all_ok


def verdict(
    name: str, answer: A | None, check: Callable[[A], tuple[bool | None, str]], *, strict: bool = False
) -> bool | None:
    """Run `check(answer)` and print ✔/✘ with its reason; None (and a note) when `answer` is None.

    A check that cannot judge the answer on this machine now (too busy, too close to call) returns
    ``(None, reason)``: the line says inconclusive with the reason, as ``inconclusive`` does, and
    verdict returns None (not wrong), so an exercise's own words go through the kernel's language too.
    """
    name = i18n.text(name)
    if answer is None:
        print(i18n.line(NOT_ATTEMPTED, name=name))
        return None
    try:
        right, reason = check(answer)
    except (ServerlabError, TypeError, ValueError) as exc:  # e.g. a string where a number belongs
        if strict:
            raise
        right, reason = False, i18n.text(f"the check could not use this answer ({type(exc).__name__}: {exc})")
    reason = i18n.text(reason)
    if right is None:
        print(i18n.line("… inconclusive: {statement} — not judged: {reason}", statement=name, reason=reason))
        return None
    if right:
        print(i18n.line("✔ {name}: right — {reason}", name=name, reason=reason))
    else:
        print(i18n.line("✘ {name}: not yet — {reason}", name=name, reason=reason))
        if strict:
            raise ClaimFailed(f"{name}: {reason}")
    return right
