"""Every place that states how long a notebook takes must state the same minutes.

A learner reads the notebook's own header, a teacher plans with TEACHING.md, a newcomer skims the
README and the course map in 00: when they disagree, somebody's session overruns. Each notebook
must appear in every one of those places, so a new notebook cannot be added to only some of them.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
COURSE = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
HEADER_TIME = re.compile(r"\*\*Time:\*\*\s*about\s+(\d+)\s+minutes")


def _cells(path: Path) -> list[str]:
    return ["".join(cell["source"]) for cell in json.loads(path.read_text())["cells"]]


def _table_minutes(text: str, stem: str) -> list[int]:
    """The minutes column (the first all-digit one) of every Markdown table row that names `stem`."""
    found = []
    for line in text.splitlines():
        if line.startswith("|") and re.search(rf"\b{re.escape(stem)}\b", line):
            numbers = [cell.strip() for cell in line.strip(" |").split("|") if cell.strip().isdigit()]
            if numbers:
                found.append(int(numbers[0]))
    return found


def _plan(teaching: str) -> str:
    """The "Plan at a glance" section only: other tables of TEACHING.md name notebooks too."""
    return teaching.split("## Plan at a glance", 1)[-1].split("\n## ", 1)[0]


def _stated_minutes(path: Path) -> dict[str, list[int]]:
    stem, number = path.stem, path.stem[:2]
    teaching = (NOTEBOOKS / "TEACHING.md").read_text()
    sections = re.findall(rf"^### {number} · .*?\((\d+) min", teaching, flags=re.MULTILINE)
    return {
        "its own header": [int(m) for m in HEADER_TIME.findall(_cells(path)[0])],
        "00's course map": _table_minutes("\n".join(_cells(NOTEBOOKS / "00_start_here.ipynb")), stem),
        "README.md": _table_minutes((ROOT / "README.md").read_text(), stem),
        "notebooks/README.md": _table_minutes((NOTEBOOKS / "README.md").read_text(), stem),
        "TEACHING.md's plan": _table_minutes(_plan(teaching), stem),
        "TEACHING.md's section": [int(m) for m in sections],
    }


def test_there_is_a_course() -> None:
    assert len(COURSE) >= 7, [p.name for p in COURSE]


@pytest.mark.parametrize("path", COURSE, ids=lambda p: p.stem)
def test_every_place_states_the_same_minutes(path: Path) -> None:
    stated = _stated_minutes(path)
    missing = [place for place, minutes in stated.items() if not minutes]
    assert not missing, f"{path.stem} states no minutes in: {', '.join(missing)}"
    values = {minutes for found in stated.values() for minutes in found}
    assert len(values) == 1, f"{path.stem} minutes disagree: {stated}"


def test_teaching_plan_adds_up() -> None:
    """The plan's clock column must follow from its minutes column."""
    rows = []
    for line in _plan((NOTEBOOKS / "TEACHING.md").read_text()).splitlines():
        match = re.match(r"^\|\s*(\d+):(\d\d)\s*\|[^|]*\|\s*(\d+)\s*\|", line)
        if match:
            rows.append((int(match[1]) * 60 + int(match[2]), int(match[3])))
        elif rows and not line.startswith("|"):
            break
    assert len(rows) >= len(COURSE), rows
    for (start, minutes), (next_start, _) in itertools.pairwise(rows):
        assert start + minutes == next_start, f"a part starting at {start} min lasting {minutes} ends at {next_start}"
