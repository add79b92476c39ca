"""State a claim, check it against measured values, print a one-line verdict.

    checks.expect_between("60 blocking requests take two waves", len(waves), 2, 2)

A claim that holds prints ``✔ ...`` with the measured value; one that does not raises
ClaimFailed with the measured value and the expected range, so a notebook that runs top to
bottom has checked every claim it makes.
"""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata

from helpers.errors import ClaimFailed

COURSE_PACKAGES = (
    "fastapi",
    "starlette",
    "anyio",
    "uvicorn",
    "gunicorn",
    "uvicorn-worker",
    "httpx",
    "psutil",
    "matplotlib",
)


def claim(statement: str, holds: bool, measured: str) -> None:
    """Print ✔ with the measurement, or raise ClaimFailed saying what was measured instead."""
    if holds:
        print(f"✔ {statement} — measured: {measured}")
        return
    raise ClaimFailed(f"✘ {statement} — but measured: {measured}")


def _fmt(value: float, unit: str) -> str:
    return f"{value:.3g} {unit}".strip() if isinstance(value, float) else f"{value} {unit}".strip()


def expect_between(statement: str, value: float, low: float, high: float, unit: str = "") -> float:
    """Claim `low <= value <= high`; returns `value` for further use."""
    claim(statement, low <= value <= high, f"{_fmt(value, unit)} (expected {low:g} to {high:g})")
    return value


def expect_at_most(statement: str, value: float, high: float, unit: str = "") -> float:
    claim(statement, value <= high, f"{_fmt(value, unit)} (expected at most {high:g})")
    return value


def expect_at_least(statement: str, value: float, low: float, unit: str = "") -> float:
    claim(statement, value >= low, f"{_fmt(value, unit)} (expected at least {low:g})")
    return value


def expect_equal(statement: str, value: object, expected: object) -> object:
    claim(statement, value == expected, f"{value!r} (expected {expected!r})")
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

    line(sys.version_info >= (3, 11), f"python {platform.python_version()} (need 3.11+)")
    for name, version in versions().items():
        if name != "python":
            line(version != "missing", f"{name} {version}")
    cpus = os.cpu_count() or 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    line(True, f"{cpus} CPU cores ({usable} usable by this kernel)")
    if start_server:
        from helpers import servers

        try:
            with servers.uvicorn("labapp.lab:app", name="environment check") as srv:
                info = srv.get("/info")
                line(True, f"a uvicorn server started in {srv.ready_after_s:.2f} s and answered: "
                           f"loop {info['loop']}, HTTP parser {info['http']}, pid [{info['pid']}]")  # fmt: skip
        except Exception as exc:  # report, do not crash the first cell
            line(False, f"could not start a server: {exc}")
    return all_ok
