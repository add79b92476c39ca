"""The lock files cover pyproject.toml: every dependency pinned, at a version its bound admits.

requirements/course.lock is what a learner's environment holds (make lab, the hub, a hub image):
it must carry no developer tool. requirements/dev.lock adds them for make test. `make lock`
regenerates both; this test fails when pyproject.toml gained a dependency the locks miss.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
COURSE = [Requirement(r) for r in PROJECT["dependencies"] + PROJECT["optional-dependencies"]["hub"]]
DEV = [Requirement(r) for r in PROJECT["optional-dependencies"]["dev"]]


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text()
    found = re.findall(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;]+)", text, flags=re.MULTILINE)
    return {canonicalize_name(name): version for name, version in found}


@pytest.mark.parametrize(
    ("lock", "required"), [("course.lock", COURSE), ("dev.lock", COURSE + DEV)], ids=["course", "dev"]
)
def test_lock_pins_every_pyproject_dependency_within_its_bound(lock: str, required: list[Requirement]) -> None:
    pinned = pins(lock)
    missing = [str(r) for r in required if canonicalize_name(r.name) not in pinned]
    assert not missing, f"requirements/{lock} lacks {missing}: run `make lock`"
    outside = [f"{r} (locked {pinned[canonicalize_name(r.name)]})" for r in required
               if not r.specifier.contains(pinned[canonicalize_name(r.name)], prereleases=True)]  # fmt: skip
    assert not outside, f"requirements/{lock} pins versions pyproject.toml excludes: {outside}: run `make lock`"


def test_course_lock_carries_no_developer_tool() -> None:
    """A dev dependency may sit in the course lock only because a course package needs it (nbformat does)."""
    text = (ROOT / "requirements" / "course.lock").read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    tools = []
    for r in DEV:
        block = next((b for b in blocks if canonicalize_name(b.split("==")[0]) == canonicalize_name(r.name)), None)
        if block is not None and not re.search(r"# via\s+(#\s+)?(?!serverlab)[a-z]", block):
            tools.append(r.name)
    assert not tools, f"the learners' lock holds developer tools {tools}; they belong in dev.lock only"


def test_both_locks_agree_on_every_shared_package() -> None:
    course, dev = pins("course.lock"), pins("dev.lock")
    differ = {name: (v, dev[name]) for name, v in course.items() if name in dev and dev[name] != v}
    assert not differ, f"course.lock and dev.lock disagree: {differ}"
