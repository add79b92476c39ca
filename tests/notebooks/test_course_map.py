"""Every place that states how long a notebook takes states the two times computed from the notebook.

A learner reads the notebook's own header, a teacher plans with TEACHING.md, a newcomer skims the
README and the course map in 00: when they disagree, or when a notebook grows and its header does
not, somebody's session overruns. tests/course_shape.py computes both times (in class, self-paced
with the exercises) from the words, visible code lines and exercises a notebook has and its
measured Run All (notebooks/run-times.json), by the rule TEACHING.md states; these tests fail when
any place disagrees, naming the place and the computed values. `python -m tests.course_shape
--write` rewrites every place (and the Previous/Next cell each notebook ends with).
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path

import pytest

from tests import course_shape as shape

COURSE = shape.course()
FIX = "rewrite them with `python -m tests.course_shape --write` (after `--measure NN` if a run time is missing)"


def test_there_is_a_course() -> None:
    assert len(COURSE) >= 7, [p.name for p in COURSE]


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.stem)
def test_every_notebook_has_a_measured_run_all_time(path: Path) -> None:
    assert path.stem in shape.run_times(), (
        f"{path.stem} has no measured Run All seconds in notebooks/run-times.json: "
        f"run `python -m tests.course_shape --measure {path.stem[:2]}`"
    )


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.stem)
def test_every_place_states_the_computed_times(path: Path) -> None:
    computed = shape.shape(path, shape.run_times())
    if computed.run_seconds is None:
        pytest.skip("no measured run time (the test above fails for it)")
    problems = shape.disagreements([computed])
    assert not problems, "\n".join(problems) + f"\n{FIX}"


def test_the_rule_in_teaching_is_the_rule_the_tool_applies() -> None:
    """TEACHING.md states the rates in words; they must be the ones the numbers come from."""
    rule = shape.TEACHING.read_text().split("## How the times are computed", 1)[-1].split("\n## ", 1)[0]
    for rate, unit in [
        (shape.WORDS_PER_MINUTE, "words a minute"),
        (shape.CODE_LINES_PER_MINUTE, "code lines a minute"),
        (shape.MINUTES_PER_EXERCISE, "minutes per exercise"),
        (shape.DISCUSSION_MINUTES_PER_SECTION, "minute of discussion per numbered section"),
    ]:
        assert f"{rate} {unit}" in rule, f"TEACHING.md's rule must say '{rate} {unit}' (tests/course_shape.py)"


def test_teaching_plan_adds_up() -> None:
    """In each table of the plan (a session), the clock follows from the in-class minutes."""
    sessions: list[list[tuple[int, int]]] = [[]]
    for line in shape.plan(shape.TEACHING.read_text()).splitlines():
        match = re.match(r"^\|\s*(\d+):(\d\d)\s*\|[^|]*\|\s*(\d+)(?:\s*/\s*\d+)?\s*\|", line)
        if match:
            sessions[-1].append((int(match[1]) * 60 + int(match[2]), int(match[3])))
        elif not line.lstrip().startswith("|") and sessions[-1]:
            sessions.append([])
    assert sum(len(rows) for rows in sessions) >= len(COURSE) - 1, sessions  # the primer is "(any time)"
    for rows in sessions:
        for (start, minutes), (next_start, _) in itertools.pairwise(rows):
            assert start + minutes == next_start, f"a part at {start} min lasting {minutes} is followed by {next_start}"


@pytest.mark.parametrize("path", shape.nav_notebooks(), ids=lambda p: p.stem)
def test_every_notebook_ends_with_previous_and_next(path: Path) -> None:
    cells = json.loads(path.read_text())["cells"]
    want = shape.nav_source(path)
    assert cells[-1].get("id") == "nav", f"{path.name}: the last cell must be the nav cell (id 'nav'); {FIX}"
    assert shape._source(cells[-1]) == want, f"{path.name}: nav says {shape._source(cells[-1])!r}, want {want!r}"
    assert sum(c.get("id") == "nav" for c in cells) == 1
    for target in re.findall(r"\]\(([^)#]+)", want):
        assert (path.parent / target).exists(), f"{path.name}'s nav links to {target}, which does not exist"


# ---- the rule itself, on a notebook made for it ----------------------------------------------------------------


def _nb(*cells: tuple[str, str, bool]) -> dict[str, object]:
    return {
        "cells": [
            {
                "cell_type": kind,
                "id": f"c{i}",
                "metadata": {"jupyter": {"source_hidden": True}} if hidden else {},
                "source": source,
                **({"outputs": [], "execution_count": None} if kind == "code" else {}),
            }
            for i, (kind, source, hidden) in enumerate(cells)
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def test_what_counts_as_read(tmp_path: Path) -> None:
    path = tmp_path / "42_made_up.ipynb"
    nb = _nb(
        ("markdown", "# 42 · Made up\n\nFour words, [a link](https://example.org/a/b).\n**Time:** about 9\n", False),
        ("markdown", "## 1. First\n\n```\nuvicorn main:app\n\n```\n| a | b |\n|---|---|\n| c | d | 3 / 5 |\n", False),
        ("code", "x = 1\n\ny = 2\n", False),
        ("code", "checks.claim(True, 'hidden')\n", True),  # a collapsed check cell: its ✔ line is read, not its code
        ("markdown", "a collapsed note\n", True),  # collapsed markdown: self-paced only
        ("markdown", "## 2. Going deeper (optional): more\n\nfive words in this section\n", False),
        ("code", "z = 3\n", False),
        ("markdown", "## Summary\n\nback on the path\n", False),
        ("markdown", "## Exercises\n\n### Exercise 1: one\n\nnot counted as reading\n", False),
        ("code", "answer = None\n", False),
        ("markdown", "**Exercise 2.** also an exercise\n", False),
        ("markdown", "## Reset\n", False),
        ("code", "servers.stop_all()\n", False),
        ("markdown", "Previous: [x](y.ipynb)", False),
    )
    nb["cells"][-1]["id"] = "nav"  # type: ignore[index]
    path.write_text(json.dumps(nb))
    s = shape.shape(path, {"42_made_up": 90.0})
    # read: "42 Made up" 3, "Four words, [a link]" 4 (not its URL, not the **Time:** line), "1. First" 2, table
    # cells 4 (not its rule, not the all-number minutes cell),
    # "Summary back on the path" 5, "Reset" 1; code: the fenced line 1 and the two non-blank lines 2 (not the
    # collapsed check, not the reset cell). Exercise prompts are inside the minutes per exercise; nav is not read.
    assert (s.words, s.code_lines) == (3 + 4 + 2 + 4 + 5 + 1, 1 + 2), s
    # self-paced only: the collapsed note 3, the optional section's heading 5 and sentence 5, and its code line
    assert (s.optional_words, s.optional_code_lines) == (3 + 5 + 5, 1), s
    assert (s.exercises, s.sections) == (2, 1), s
    read = s.words / shape.WORDS_PER_MINUTE + s.code_lines / shape.CODE_LINES_PER_MINUTE
    live = shape.LIVE_EXERCISES * shape.MINUTES_PER_EXERCISE
    assert s.in_class == shape._about(read + 1.5 + shape.DISCUSSION_MINUTES_PER_SECTION + live)
    assert s.self_paced >= s.in_class


def test_times_are_rounded_to_five_minutes() -> None:
    assert [shape._about(m) for m in (0.5, 7.4, 7.5, 31, 33, 92.4)] == [5, 5, 10, 30, 35, 90]


def test_write_makes_every_place_agree_on_a_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--write on a scratch copy of the course: afterwards nothing disagrees and every notebook has its nav."""
    root = tmp_path / "course"
    shutil.copytree(shape.NOTEBOOKS, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy(shape.README, root / "README.md")
    shutil.copy(shape.KO_README, root / "README.ko.md")
    real_root = shape.ROOT
    names = ("ROOT", "NOTEBOOKS", "SOLUTIONS", "RUN_TIMES", "TEACHING", "README", "NOTEBOOKS_README", "COURSE_MAP")
    for name in (*names, "KO_README", "KO_TEACHING"):
        monkeypatch.setattr(shape, name, root / getattr(shape, name).relative_to(real_root))
    # a notebook not measured yet gets a minute here: this test is about writing, the one above about measuring
    shape.save_run_times({p.stem: 60.0 for p in shape.course() if p.stem not in shape.run_times()}, "test stand-in")
    assert shape.main(["--write"]) == 0
    assert shape.main(["--check"]) == 0, shape.disagreements(shape.shapes()) + shape.nav_problems()
    assert shape.main(["--write"]) == 0  # idempotent: a second write changes nothing
    for path in shape.course():
        cells = json.loads(path.read_text())["cells"]
        assert "stop_all()" in shape._source(cells[-2]), f"{path.name}: the reset cell must stay just above the nav"
