"""How long each notebook takes, in class and self-paced, computed from what it contains.

    python -m tests.course_shape               # print the table: words, code lines, exercises, run time, both times
    python -m tests.course_shape --check       # exit 1, naming each place that disagrees with the computed times
    python -m tests.course_shape --write       # rewrite every **Time:** line, the course maps and the nav cells
    python -m tests.course_shape --measure [NN ...]   # Run All each notebook headless, record its seconds

The rule (notebooks/TEACHING.md, "How the times are computed") is implemented once, here; the
notebooks' headers, 00's course map, README.md, notebooks/README.md and TEACHING.md state its two
numbers, and tests/notebooks/test_course_map.py fails when any of them drifts. The measured Run All seconds
live in notebooks/run-times.json, written only by ``--measure`` (tests/nbrun.py, best of the runs).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"
RUN_TIMES = NOTEBOOKS / "run-times.json"
TEACHING = NOTEBOOKS / "TEACHING.md"
README = ROOT / "README.md"
NOTEBOOKS_README = NOTEBOOKS / "README.md"
# The Korean edition's documents state the same minutes in Korean: "분 (수업 / 혼자 학습)" columns and
# "(수업 30분, 혼자 35분)" headings under "## 한눈에 보는 계획" (the plan at a glance).
KO_README = ROOT / "README.ko.md"
KO_TEACHING = NOTEBOOKS / "TEACHING.ko.md"
PLAN_HEADINGS = {"en": "## Plan at a glance", "ko": "## 한눈에 보는 계획"}


def edition(doc: Path) -> str:
    """``ko`` for a Korean document (``*.ko.md``), else ``en``."""
    return "ko" if doc.name.endswith(".ko.md") else "en"


COURSE_MAP = NOTEBOOKS / "00_start_here.ipynb"
PRIMER = "99_primer"

# The rule. TEACHING.md states the same numbers; tests/notebooks/test_course_map.py checks that it does.
WORDS_PER_MINUTE = 150  # careful reading of technical prose, checking it against a plot or a table
CODE_LINES_PER_MINUTE = 12  # a visible code line read and understood: 5 s (collapsed check cells are not read)
MINUTES_PER_EXERCISE = 6  # read, predict, edit, run its self-check, compare (a live one in class takes as long)
DISCUSSION_MINUTES_PER_SECTION = 1  # in class: a question asked and answered per numbered section
LIVE_EXERCISES = 1  # in class: exercises done together, live; the others are homework
ROUND_TO = 5  # minutes; a stated time is "about" one of these

HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
EXERCISE = re.compile(r"^(#{2,4}\s+Exercise\s+\d|\*\*Exercise\s+\d)")  # "### Exercise 2: ..." or "**Exercise 2.**"
FENCE = re.compile(r"^\s*(```|~~~)")
WORD = re.compile(r"\S*[A-Za-z0-9]\S*")
TIME_LINE = re.compile(r"^\*\*Time:\*\*.*$", flags=re.MULTILINE)
STATED_TIME = re.compile(r"about\s+(\d+)\s+minutes\s+in\s+class,\s+about\s+(\d+)\s+minutes\s+self-paced")
TABLE_TIME = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def course() -> list[Path]:
    """The numbered notebooks, in course order (the primer, 99, last)."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _hidden(cell: dict[str, Any]) -> bool:
    return bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


def _prose_words(line: str) -> int:
    """Words of one line of prose: link targets, HTML tags, table rules and all-number table cells (the minutes
    this tool writes) are not read; inline `code` and other table cells are. The **Time:** line is not counted:
    it is what this tool writes, and counting it would make the times depend on themselves."""
    if TIME_LINE.match(line):
        return 0
    line = re.sub(r"<!--.*?-->|<[^>]+>", " ", line)
    line = re.sub(r"\]\([^)]*\)", "] ", line)
    if re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", line):
        return 0
    if line.lstrip().startswith("|"):
        line = " ".join(cell for cell in line.split("|") if not re.fullmatch(r"[\s\d/:]*", cell))
    return len(WORD.findall(line))


@dataclass
class Shape:
    """What a learner meets in one notebook, split into the main path, optional parts and exercises."""

    stem: str
    words: int = 0  # main path, prose
    code_lines: int = 0  # main path, visible code (and fenced code in markdown)
    optional_words: int = 0  # "(optional)" sections, collapsed cells, <details> blocks: self-paced only
    optional_code_lines: int = 0
    exercises: int = 0
    sections: int = 0  # numbered "## N." sections of the main path
    run_seconds: float | None = None

    @property
    def nav_target(self) -> str:
        return f"{self.stem}.ipynb"

    def _read(self, words: int, code: int) -> float:
        return words / WORDS_PER_MINUTE + code / CODE_LINES_PER_MINUTE

    @property
    def run_minutes(self) -> float:
        if self.run_seconds is None:
            raise KeyError(f"{self.stem}: no measured Run All time in {RUN_TIMES.relative_to(ROOT)}")
        return self.run_seconds / 60

    def _path(self) -> float:
        """Minutes of the main path, for everyone: reading, running, and a question per numbered section (in
        class the discussion; alone, the prediction the notebook asks for before a run)."""
        talk = self.sections * DISCUSSION_MINUTES_PER_SECTION
        return self._read(self.words, self.code_lines) + self.run_minutes + talk

    @property
    def in_class(self) -> int:
        return _about(self._path() + min(LIVE_EXERCISES, self.exercises) * MINUTES_PER_EXERCISE)

    @property
    def self_paced(self) -> int:
        optional = self._read(self.optional_words, self.optional_code_lines)
        return _about(self._path() + optional + self.exercises * MINUTES_PER_EXERCISE)

    @property
    def times(self) -> tuple[int, int]:
        return self.in_class, self.self_paced


def _about(minutes: float) -> int:
    return max(ROUND_TO, math.floor(minutes / ROUND_TO + 0.5) * ROUND_TO)


def shape(path: Path, run_times: dict[str, float] | None = None) -> Shape:
    """Count one notebook. Exercise sections (their prompts and skeletons) are inside the minutes per exercise;
    the reset cell, the nav cell and collapsed code cells (checks: their ✔ output is what is read) are not read."""
    nb = json.loads(path.read_text())
    found = Shape(path.stem)
    part, optional_level = "main", 0

    def count(words: int, code: int, hidden: bool) -> None:
        if part == "exercises":
            return
        if part == "optional" or hidden:
            found.optional_words += words
            found.optional_code_lines += code
        else:
            found.words += words
            found.code_lines += code

    for cell in nb["cells"]:
        source = _source(cell)
        if cell.get("id") == "nav":
            continue
        if cell["cell_type"] == "markdown":
            fenced = details = False
            for line in source.splitlines():
                # a <details> block ("How we measured") is folded when rendered: read only self-paced
                details = (details or "<details" in line) and "</details>" not in line
                hidden = _hidden(cell) or details or "</details>" in line
                if FENCE.match(line):
                    fenced = not fenced
                    continue
                if fenced:
                    count(0, bool(line.strip()), hidden)
                    continue
                heading = HEADING.match(line)
                if heading:
                    level, title = len(heading[1]), heading[2].strip().lower()
                    if (part == "optional" and level <= optional_level) or (part == "exercises" and level <= 2):
                        part = "main"
                    if level == 2 and title.startswith("exercise"):
                        part = "exercises"
                    elif "(optional)" in title or title.startswith("try it yourself"):
                        part, optional_level = "optional", level
                    elif part == "main" and level == 2 and re.match(r"\d+\.", title):
                        found.sections += 1
                found.exercises += bool(EXERCISE.match(line))
                count(_prose_words(line), 0, hidden)
        elif cell["cell_type"] == "code" and not _hidden(cell):
            lines = sum(1 for line in source.splitlines() if line.strip())
            if "stop_all()" in source and lines <= 3:
                continue  # the reset cell
            count(0, lines, False)
    if run_times is not None:
        found.run_seconds = run_times.get(path.stem)
    return found


def run_times() -> dict[str, float]:
    if not RUN_TIMES.exists():
        return {}
    return {k: float(v) for k, v in json.loads(RUN_TIMES.read_text())["seconds"].items()}


def shapes() -> list[Shape]:
    measured = run_times()
    return [shape(path, measured) for path in course()]


# ---- what each place states --------------------------------------------------------------------------------


def title(path: Path) -> str:
    """ "08 · Serving FastAPI today" from the notebook's first heading (the part before a colon)."""
    first = _source(json.loads(path.read_text())["cells"][0]).splitlines()[0]
    return first.lstrip("# ").split(":", 1)[0].strip()


def time_line(s: Shape) -> str:
    """The header's **Time:** line, whole: the two times and the measured Run All."""
    seconds = s.run_seconds or 0
    run = f"about {_about_seconds(seconds)} s" if seconds < 90 else f"about {round(seconds / 60)} minutes"
    return (
        f"**Time:** about {s.in_class} minutes in class, about {s.self_paced} minutes self-paced with the "
        f"exercises; Run All takes {run}."
    )


def _about_seconds(seconds: float) -> int:
    return max(10, math.floor(seconds / 10 + 0.5) * 10)


def minutes_cell(s: Shape) -> str:
    return f"{s.in_class} / {s.self_paced}"


def _table_times(text: str, stem: str) -> list[tuple[int, int] | None]:
    """The minutes cell of every row naming `stem` in a table with a "minutes" column: (in class, self-paced),
    or None where the cell does not state both."""
    lines = text.splitlines()
    found: list[tuple[int, int] | None] = []
    for start, end, column in _tables(lines):
        for line in lines[start + 2 : end]:
            if _names(line, stem):
                cells = _cells(line)
                match = TABLE_TIME.match(cells[column]) if column < len(cells) else None
                found.append((int(match[1]), int(match[2])) if match else None)
    return found


def plan(teaching: str, heading: str = PLAN_HEADINGS["en"]) -> str:
    """The "Plan at a glance" section of TEACHING.md only: other tables there name notebooks too."""
    return teaching.split(heading, 1)[-1].split("\n## ", 1)[0]


# A part-by-part heading's minutes, in each edition: "(35 minutes in class, 55 self-paced)", "(수업 35분, 혼자 55분)".
HEADING_TIMES = {
    "en": r"\((\d+) minutes in class, (\d+) self-paced\)",
    "ko": r"\(수업 (\d+)분, 혼자 (\d+)분\)",
}


def heading_times(in_class: int, self_paced: int, doc: Path) -> str:
    if edition(doc) == "ko":
        return f"(수업 {in_class}분, 혼자 {self_paced}분)"
    return f"({in_class} minutes in class, {self_paced} self-paced)"


def teaching_section_times(teaching: str, stem: str, doc: Path = TEACHING) -> list[tuple[int, int] | None]:
    found: list[tuple[int, int] | None] = []
    for line in re.findall(rf"^### {stem[:2]} · .*$", teaching, flags=re.MULTILINE):
        match = re.search(HEADING_TIMES[edition(doc)] + r"\s*$", line)
        found.append((int(match[1]), int(match[2])) if match else None)
    return found


def _map_text() -> str:
    return "\n".join(_source(c) for c in json.loads(COURSE_MAP.read_text())["cells"] if "course map" in _source(c))


def stated(path: Path) -> dict[str, list[tuple[int, int] | None]]:
    """Every place's statement of (in class, self-paced) minutes for one notebook."""
    stem = path.stem
    header = _source(json.loads(path.read_text())["cells"][0])
    teaching = TEACHING.read_text()
    ko_teaching = KO_TEACHING.read_text()
    return {
        f"{path.name}'s **Time:** line": [
            (int(m[1]), int(m[2])) if (m := STATED_TIME.search(line)) else None for line in TIME_LINE.findall(header)
        ],
        "00's course map": _table_times(_map_text(), stem),
        "README.md's course table": _table_times(README.read_text(), stem),
        "notebooks/README.md's table": _table_times(NOTEBOOKS_README.read_text(), stem),
        "TEACHING.md's plan at a glance": _table_times(plan(teaching), stem),
        "TEACHING.md's part-by-part heading": teaching_section_times(teaching, stem),
        "README.ko.md's course table": _table_times(KO_README.read_text(), stem),
        "TEACHING.ko.md's plan at a glance": _table_times(plan(ko_teaching, PLAN_HEADINGS["ko"]), stem),
        "TEACHING.ko.md's part-by-part heading": teaching_section_times(ko_teaching, stem, KO_TEACHING),
    }


def disagreements(shapes_: list[Shape]) -> list[str]:
    """One sentence per place that does not state the computed times (or states none)."""
    problems = []
    for s in shapes_:
        path = NOTEBOOKS / f"{s.stem}.ipynb"
        try:
            want = s.times
        except KeyError as missing:
            problems.append(str(missing.args[0]) + ": run `python -m tests.course_shape --measure " + s.stem + "`")
            continue
        for place, found in stated(path).items():
            if not found:
                problems.append(f"{s.stem}: {place} does not name it; computed {want} (in class, self-paced)")
            elif None in found:
                problems.append(f"{s.stem}: {place} states no 'in class / self-paced' minutes; computed {want}")
            elif any(f != want for f in found):
                problems.append(f"{s.stem}: {place} states {found}, computed {want} (in class, self-paced)")
            elif place.endswith("**Time:** line"):
                line = TIME_LINE.search(_source(json.loads(path.read_text())["cells"][0]))
                if line and line[0] != time_line(s):
                    problems.append(f"{s.stem}: its **Time:** line is {line[0]!r}; the tool writes {time_line(s)!r}")
    return problems


# ---- Previous / Next -------------------------------------------------------------------------------------


def nav_source(path: Path) -> str:
    """The last cell of a course or solutions notebook: where to go before and after it."""
    order = course()
    main = [p for p in order if not p.stem.startswith(PRIMER[:2])]
    if path.parent == SOLUTIONS:
        stem = path.stem.removesuffix("_solutions")
        parts = [f"Back to the notebook: [{title(NOTEBOOKS / f'{stem}.ipynb')}](../{stem}.ipynb)"]
        solved = [p for p in main if (SOLUTIONS / f"{p.stem}_solutions.ipynb").exists()]
        if stem not in [p.stem for p in solved]:
            return parts[0]  # the primer's solutions: reference, outside the course's order
        here = next(i for i, p in enumerate(solved) if p.stem == stem)
        if here > 0:
            before = solved[here - 1]
            parts.append(f"Previous solutions: [{title(before)}]({before.stem}_solutions.ipynb)")
        if here + 1 < len(solved):
            after = solved[here + 1]
            parts.append(f"Next solutions: [{title(after)}]({after.stem}_solutions.ipynb)")
        return " · ".join(parts)
    if path.stem == PRIMER:
        return (
            f"Reference, read in any order: go back to the notebook that sent you here, or to the "
            f"[course map]({COURSE_MAP.name})."
        )
    here = next(i for i, p in enumerate(main) if p.stem == path.stem)
    parts = []
    if here > 0:
        parts.append(f"Previous: [{title(main[here - 1])}]({main[here - 1].name})")
    if here + 1 < len(main):
        parts.append(f"Next: [{title(main[here + 1])}]({main[here + 1].name})")
    else:
        primer = NOTEBOOKS / f"{PRIMER}.ipynb"
        parts.append(
            f"End of the course. Reference: [{title(primer)}]({primer.name}); the [course map]({COURSE_MAP.name})"
        )
    return " · ".join(parts)


def nav_notebooks() -> list[Path]:
    return course() + sorted(SOLUTIONS.glob("*_solutions.ipynb"))


def nav_problems() -> list[str]:
    problems = []
    for path in nav_notebooks():
        cells = json.loads(path.read_text())["cells"]
        navs = [i for i, c in enumerate(cells) if c.get("id") == "nav"]
        want = nav_source(path)
        if navs != [len(cells) - 1]:
            problems.append(
                f"{path.relative_to(NOTEBOOKS)}: the last cell must be the one with id 'nav' (found {navs})"
            )
        elif cells[-1]["cell_type"] != "markdown" or _source(cells[-1]) != want:
            problems.append(f"{path.relative_to(NOTEBOOKS)}: nav cell says {_source(cells[-1])!r}, want {want!r}")
    return problems


# ---- --write -------------------------------------------------------------------------------------------------


def _write_notebook(path: Path, nb: dict[str, Any]) -> bool:
    """Write as tests/nbstrip.py does (nbformat, validated), only when something changed."""
    import nbformat

    node = nbformat.from_dict(nb)  # type: ignore[no-untyped-call]
    nbformat.validate(node)
    after = nbformat.writes(node) + "\n"  # type: ignore[no-untyped-call]
    if after == path.read_text():
        return False
    path.write_text(after)
    return True


def _set_source(cell: dict[str, Any], text: str) -> None:
    cell["source"] = text.splitlines(keepends=True)


def write_header(s: Shape) -> bool:
    path = NOTEBOOKS / f"{s.stem}.ipynb"
    nb = json.loads(path.read_text())
    header = _source(nb["cells"][0])
    if not TIME_LINE.search(header):
        raise SystemExit(f"{path.name}: its first cell has no line starting **Time:** to rewrite")
    _set_source(nb["cells"][0], TIME_LINE.sub(lambda _: time_line(s), header, count=1))
    return _write_notebook(path, nb)


def write_nav(path: Path) -> bool:
    nb = json.loads(path.read_text())
    cells = [c for c in nb["cells"] if c.get("id") != "nav"]
    cells.append({"cell_type": "markdown", "id": "nav", "metadata": {}, "source": []})
    _set_source(cells[-1], nav_source(path))
    nb["cells"] = cells
    return _write_notebook(path, nb)


def _tables(lines: list[str]) -> list[tuple[int, int, int]]:
    """(first line, end line, minutes column) of each Markdown table whose header has a "minutes" column."""
    found, i = [], 0
    while i < len(lines):
        if not lines[i].lstrip().startswith("|"):
            i += 1
            continue
        start = i
        while i < len(lines) and lines[i].lstrip().startswith("|"):
            i += 1
        header = [c.strip().lower() for c in lines[start].strip().strip("|").split("|")]
        column = next((k for k, name in enumerate(header) if name.startswith(("minutes", "분 ("))), None)
        if column is not None:
            found.append((start, i, column))
    return found


def _names(line: str, stem: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(stem)}(?![\w-])", line) is not None


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _row(cells: list[str], end: str) -> str:
    return "| " + " | ".join(cells) + " |" + end


def _with_minutes(text: str, s: Shape, describe: str) -> str:
    """In the tables with a "minutes" column, the rows naming the notebook get the computed minutes there. When
    none names it, a row is added after the previous notebook's row, the notebook's title in its other text cells."""
    lines = text.splitlines(keepends=True)
    tables = _tables(lines)
    rows = [(i, column) for start, end, column in tables for i in range(start + 2, end) if _names(lines[i], s.stem)]
    for i, column in rows:
        cells = _cells(lines[i])
        cells[column] = minutes_cell(s)
        lines[i] = _row(cells, "\n" if lines[i].endswith("\n") else "")
    if rows or not tables:
        return "".join(lines)
    earlier = [p.stem for p in course() if p.stem < s.stem]
    anchors = [
        (i, column, stem)
        for stem in reversed(earlier)
        for start, end, column in tables
        for i in range(start + 2, end)
        if _names(lines[i], stem)
    ]
    if not anchors:
        raise SystemExit(f"no table row for {s.stem}, and none for an earlier notebook to add one after")
    i, column, previous = anchors[0]
    cells = _cells(lines[i])
    for k, cell in enumerate(cells):
        if _names(cell, previous):
            cells[k] = cell.replace(previous, s.stem)
        elif k == column:
            cells[k] = minutes_cell(s)
        elif not re.fullmatch(r"\d+:\d\d", cell):
            cells[k] = describe
    lines.insert(i + 1, _row(cells, "\n"))
    return "".join(lines)


def _minutes_header(text: str) -> str:
    return re.sub(r"\|[ \t]*minutes[ \t]*\|", "| minutes in class / self-paced |", text)


def _reclock(section: str) -> str:
    """The plan's clock column, recomputed from each table's first start and each row's in-class minutes (each
    table is a session; its first row keeps its time)."""
    out: list[str] = []
    clock: int | None = None
    for line in section.splitlines(keepends=True):
        if not line.lstrip().startswith("|"):
            clock = None
        match = re.match(r"^\|\s*(\d+):(\d\d)\s*\|([^|]*)\|\s*(\d+)(?:\s*/\s*\d+)?\s*\|", line)
        if match:
            clock = int(match[1]) * 60 + int(match[2]) if clock is None else clock
            line = f"| {clock // 60}:{clock % 60:02d} |" + line[line.index("|", 1) + 1 :]
            clock += int(match[4])
        out.append(line)
    return "".join(out)


def write_docs(shapes_: list[Shape]) -> list[str]:
    """Rewrite the minutes of README.md, notebooks/README.md, TEACHING.md (plan, clock, headings), their Korean
    editions (README.ko.md, TEACHING.ko.md) and 00's map."""
    changed = []
    for doc in (README, NOTEBOOKS_README, KO_README):
        original = text = doc.read_text()
        for s in shapes_:
            text = _with_minutes(text, s, title(NOTEBOOKS / f"{s.stem}.ipynb"))
        text = _minutes_header(text)  # English headers only: a Korean "분 (...)" column has no "minutes"
        if text != original:
            doc.write_text(text)
            changed.append(str(doc.relative_to(ROOT)))
    for doc in (TEACHING, KO_TEACHING):
        if write_teaching(doc, shapes_):
            changed.append(str(doc.relative_to(ROOT)))
    return changed


def write_teaching(doc: Path, shapes_: list[Shape]) -> bool:
    """The plan at a glance (minutes and clock) and the part-by-part headings of one edition of TEACHING."""
    teaching = doc.read_text()
    heading = PLAN_HEADINGS[edition(doc)]
    head, rest = teaching.split(heading, 1)
    section, tail = rest.split("\n## ", 1)
    for s in shapes_:
        section = _with_minutes(section, s, title(NOTEBOOKS / f"{s.stem}.ipynb"))
        tail = re.sub(
            rf"^(### {s.stem[:2]} · .*?)[ \t]*{HEADING_TIMES[edition(doc)]}[ \t]*$",
            lambda m, s=s: f"{m[1]} {heading_times(s.in_class, s.self_paced, doc)}",  # type: ignore[misc]
            tail,
            flags=re.MULTILINE,
        )
    section = _reclock(section)
    text = head + heading + _minutes_header(section) + "\n## " + tail
    if text == teaching:
        return False
    doc.write_text(text)
    return True


def write_course_map(shapes_: list[Shape]) -> bool:
    nb = json.loads(COURSE_MAP.read_text())
    for cell in nb["cells"]:
        text = _source(cell)
        if "course map" in text and "|" in text:
            for s in shapes_:
                text = _with_minutes(text, s, title(NOTEBOOKS / f"{s.stem}.ipynb"))
            _set_source(cell, _minutes_header(text))
    return _write_notebook(COURSE_MAP, nb)


# ---- --measure -----------------------------------------------------------------------------------------------


def measure(stems: list[str], repeat: int) -> dict[str, float]:
    """Run All each notebook headless (tests/nbrun.py), `repeat` times; keep the fastest run that passed."""
    from tests.nbrun import run_notebook

    best: dict[str, float] = {}
    for stem in stems:
        path = NOTEBOOKS / f"{stem}.ipynb"
        for _ in range(repeat):
            run = run_notebook(path)
            print(f"{stem}: {run.seconds:.1f} s {'ok' if run.ok else 'FAILED: ' + str(run.error)[:200]}", flush=True)
            if run.ok:
                best[stem] = min(best.get(stem, math.inf), round(run.seconds, 1))
    return best


def from_bench(path: Path) -> dict[str, float]:
    """The course-time rows of a `make bench` report (bench-results/bench.md): one Run All per notebook."""
    found = {}
    for line in path.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        # a row is kept when its run was clean (empty detail), even over the bench's 90 s target
        if len(cells) >= 6 and cells[0] == "5 course time" and re.fullmatch(r"\d\d_\w+", cells[1]) and not cells[5]:
            found[cells[1]] = float(cells[3].split()[0])
    return found


def save_run_times(new: dict[str, float], how: str) -> None:
    """Merge newly measured seconds into notebooks/run-times.json, saying when, how and under what load."""
    old = json.loads(RUN_TIMES.read_text()) if RUN_TIMES.exists() else {}
    load = f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs" if hasattr(os, "getloadavg") else ""
    when = f"{time.strftime('%Y-%m-%d %H:%M')}, {how}, python {platform.python_version()}, {load}"
    data = {
        "about": (
            "Measured Run All seconds per notebook (headless, tests/nbrun.py), written by "
            "`python -m tests.course_shape --measure` or `--from-bench`; the computed times read them."
        ),
        "seconds": dict(sorted({**old.get("seconds", {}), **new}.items())),
        "measured": dict(sorted({**old.get("measured", {}), **dict.fromkeys(new, when)}.items())),
    }
    RUN_TIMES.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


# ---- the command -----------------------------------------------------------------------------------------------


def table(shapes_: list[Shape]) -> str:
    rows = [
        "| notebook | words | visible code lines | exercises | sections | Run All s | in class | self-paced |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in shapes_:
        words = f"{s.words} + {s.optional_words} optional" if s.optional_words else str(s.words)
        code = f"{s.code_lines} + {s.optional_code_lines} optional" if s.optional_code_lines else str(s.code_lines)
        times = (str(s.in_class), str(s.self_paced)) if s.run_seconds is not None else ("?", "?")
        rows.append(f"| {s.stem} | {words} | {code} | {s.exercises} | {s.sections} | {s.run_seconds} | "
                    f"{times[0]} | {times[1]} |")  # fmt: skip
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 naming every place that disagrees")
    mode.add_argument("--write", action="store_true", help="rewrite **Time:** lines, the maps and the nav cells")
    mode.add_argument("--write-docs", action="store_true", help="rewrite README.md, notebooks/README.md, TEACHING.md")
    mode.add_argument("--measure", nargs="*", metavar="NN", help="Run All these notebooks (all if none) and record")
    mode.add_argument("--from-bench", type=Path, metavar="BENCH_MD", help="record the course-time rows of a bench")
    parser.add_argument("--repeat", type=int, default=1, help="with --measure: runs per notebook, the fastest kept")
    args = parser.parse_args(argv)
    if args.measure is not None:
        stems = [p.stem for p in course() if not args.measure or p.stem[:2] in args.measure or p.stem in args.measure]
        save_run_times(measure(stems, args.repeat), f"best of {args.repeat} headless Run All")
    elif args.from_bench:
        save_run_times(from_bench(args.from_bench), f"make bench ({args.from_bench.name})")
    found = shapes()
    print(table(found))
    if args.write or args.write_docs:
        changed: list[str] = []
        for _ in range(3):  # what is written is read again (a header's words): repeat until nothing changes
            now = write_docs(found)
            if args.write:
                now += [s.stem for s in found if write_header(s)]
                now += ["00's course map"] if write_course_map(found) else []
                now += [str(p.relative_to(NOTEBOOKS)) + " (nav)" for p in nav_notebooks() if write_nav(p)]
            changed += [c for c in now if c not in changed]
            found = shapes()
            if not now:
                break
        print("rewritten: " + (", ".join(changed) or "nothing"))
    if args.check:
        problems = disagreements(found) + nav_problems()
        print("\n".join(problems) or "every place states the computed times; every notebook has its nav cell")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
