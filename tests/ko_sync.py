"""Keep the Korean edition (notebooks/ko/) in step with the English notebooks.

    python tests/ko_sync.py                       # update every Korean notebook present, report what needs a translator
    python tests/ko_sync.py --new 01_server_vs_app.ipynb   # start a Korean notebook: all prose marked untranslated
    python tests/ko_sync.py --check               # change nothing; exit 1 and name every stale or untranslated cell
    python tests/ko_sync.py --texts               # the claim/verdict texts of the Korean notebooks with no Korean entry
    python tests/ko_sync.py --helper-texts        # the helpers' own reasons, statements, plot labels, no entry

A Korean notebook has the English notebook's cells, in the same order, with the same ids and types. Code
cells are copied byte for byte (the kernel's language, not the code, makes the printed lines Korean:
helpers/i18n). Each Korean markdown cell carries ``metadata["i18n"] = {"en_sha256": ..., "status": ...}``:
the hash of the English source it translates and ``translated``, ``untranslated`` (the English text,
copied by this tool) or ``stale`` (the English changed since: the old translation stays for the
translator to revise). A translator who has revised a cell runs ``--mark-translated <notebook> <cell id>``.
"""

from __future__ import annotations

import argparse
import ast
import copy
import hashlib
import json
import os
import re
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.nbstrip import stripped  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
KO = NOTEBOOKS / "ko"
KEY = "i18n"
TRANSLATED, UNTRANSLATED, STALE, GENERATED = "translated", "untranslated", "stale", "generated"


def korean_notebooks() -> list[Path]:
    """The Korean edition: the notebooks present in notebooks/ko/ (and its solutions/)."""
    return sorted(KO.glob("*.ipynb")) + sorted((KO / "solutions").glob("*.ipynb"))


def english_of(ko_path: Path) -> Path:
    return NOTEBOOKS / ko_path.relative_to(KO)


def korean_of(en_path: Path) -> Path:
    return KO / en_path.relative_to(NOTEBOOKS)


# Parts of the English prose that tests/course_shape.py --write computes (the **Time:** line, the minutes in
# the course map's tables, the nav cell): a change there is not a change a translator must read, so the hash
# leaves them out and `synced` carries them into the Korean cells itself.
TIME_LINE = re.compile(r"^\*\*Time:\*\*.*$", flags=re.MULTILINE)
TOOL_TIME = re.compile(
    r"^\*\*Time:\*\* about (\d+) minutes in class, about (\d+) minutes self-paced with the exercises; "
    r"Run All takes about (\d+) (s|minutes)\.$"
)
KO_TIME = re.compile(r"^\*\*시간:\*\*.*$", flags=re.MULTILINE)
MINUTES_HEADER = ("minutes in class / self-paced", "분 (수업 / 혼자 학습)")
NAV = "nav"


def _numeric(cell: str) -> bool:
    return any(ch.isdigit() for ch in cell) and not any(ch.isalpha() for ch in cell)


def _row_cells(line: str) -> list[str] | None:
    stripped_line = line.strip()
    if not (stripped_line.startswith("|") and stripped_line.endswith("|")):
        return None
    return [c.strip() for c in stripped_line[1:-1].split("|")]


def normalized(source: str) -> str:
    """The English prose without the parts the course-shape tool computes (times, minutes)."""
    lines = []
    for line in TIME_LINE.sub("**Time:**", source).splitlines():
        cells = _row_cells(line)
        if cells is not None:
            cells = ["#" if _numeric(c) else ("minutes" if c == MINUTES_HEADER[0] else c) for c in cells]
            line = "| " + " | ".join(cells) + " |"
        lines.append(line)
    return "\n".join(lines)


def source_hash(source: str) -> str:
    return hashlib.sha256(normalized(source).encode()).hexdigest()[:16]


def korean_time_line(english: str) -> str | None:
    """The Korean **시간:** line for the course-shape tool's English **Time:** line (None: another format)."""
    found = TOOL_TIME.match(english)
    if not found:
        return None
    in_class, self_paced, run, unit = found.groups()
    run_ko = f"{run}초" if unit == "s" else f"{run}분"
    return (
        f"**시간:** 수업에서 약 {in_class}분, 연습문제까지 혼자 하면 약 {self_paced}분. Run All은 약 {run_ko} 걸립니다."
    )


def with_computed_parts(korean: str, english: str) -> str:
    """The Korean prose with the English cell's computed parts: its time line and its tables' numbers."""
    time = TIME_LINE.search(english)
    ko_time = korean_time_line(time.group(0)) if time else None
    if ko_time is not None:
        korean = KO_TIME.sub(ko_time, korean) if KO_TIME.search(korean) else TIME_LINE.sub(ko_time, korean)
    en_rows = [cells for cells in map(_row_cells, english.splitlines()) if cells is not None]
    ko_lines = korean.splitlines(keepends=True)
    ko_rows = [i for i, line in enumerate(ko_lines) if _row_cells(line) is not None]
    if len(en_rows) == len(ko_rows):
        for en_cells, i in zip(en_rows, ko_rows, strict=True):
            ko_cells = _row_cells(ko_lines[i]) or []
            if len(ko_cells) != len(en_cells):
                continue
            for k, en_cell in enumerate(en_cells):
                if _numeric(en_cell) and _numeric(ko_cells[k]):
                    ko_cells[k] = en_cell
                elif en_cell == MINUTES_HEADER[0] and ko_cells[k] == "분":
                    ko_cells[k] = MINUTES_HEADER[1]
            end = "\n" if ko_lines[i].endswith("\n") else ""
            ko_lines[i] = "| " + " | ".join(ko_cells) + " |" + end
    return "".join(ko_lines)


NAV_WORDS = [
    ("Previous solutions:", "이전 풀이:"), ("Next solutions:", "다음 풀이:"),
    ("Back to the notebook:", "노트북으로 돌아가기:"),
    ("Previous:", "이전:"), ("Next:", "다음:"), ("End of the course. Reference:", "과정 끝. 참고 자료:"),
    ("Reference, read in any order: go back to the notebook that sent you here, or to the",
     "참고 자료이므로 순서 없이 읽습니다. 여기로 오게 한 노트북으로 돌아가거나 다음으로 가세요:"),
    ("the [course map]", "[과정 지도]"), ("[course map]", "[과정 지도]"),
]  # fmt: skip


def title_of(path: Path) -> str | None:
    """A notebook's title: its first cell's `# ` heading (the Korean one for a Korean notebook)."""
    if path.suffix != ".ipynb":
        return None
    for line in str(read(path).cells[0].source).splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None


def nav_title(path: Path) -> str | None:
    """How the nav cells label a notebook (tests/course_shape.py's title): its title up to a colon; a solutions
    notebook is labelled with the title of the notebook it solves."""
    if path.stem.endswith("_solutions"):
        path = path.parent.parent / f"{path.stem.removesuffix('_solutions')}{path.suffix}"
    title = title_of(path) if path.exists() else None
    return title.split(":", 1)[0].strip() if title else None


def korean_nav(english: str, ko_path: Path) -> str:
    """The nav cell of a Korean notebook: its words in Korean; links to Korean notebooks where they exist."""
    text = english
    for en_words, ko_words in NAV_WORDS:
        text = text.replace(en_words, ko_words)

    def relink(found: re.Match[str]) -> str:
        label, target = found.group(1), found.group(2)
        name, _, anchor = target.partition("#")
        english_target = (english_of(ko_path).parent / name).resolve()
        korean_target = korean_of(english_target) if english_target.is_relative_to(NOTEBOOKS) else None
        if korean_target is not None and korean_target.exists():
            english_title = label == nav_title(english_target)  # the tool labels a link with its notebook's title
            return f"[{(nav_title(korean_target) if english_title else None) or label}]({target})"
        relative = Path(os.path.relpath(english_target, ko_path.parent)).as_posix()
        return f"[{label}]({relative}{'#' + anchor if anchor else ''}) (영어)"

    return re.sub(r"\[([^\]]+)\]\(([^)#]+\.(?:ipynb|md)(?:#[^)]*)?)\)", relink, text)


def read(path: Path) -> nbformat.NotebookNode:
    nb: nbformat.NotebookNode = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    return nb


def write(nb: nbformat.NotebookNode, path: Path) -> None:
    nb = stripped(nb)
    nbformat.validate(nb)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(nb) + "\n")  # type: ignore[no-untyped-call]


def synced(
    en: nbformat.NotebookNode, ko: nbformat.NotebookNode | None, ko_path: Path
) -> tuple[nbformat.NotebookNode, list[str]]:
    """The Korean notebook rebuilt on the English one's cells, and what changed (one line per cell)."""
    old = {c.get("id"): c for c in (ko.cells if ko is not None else [])}
    cells, changes = [], []
    for cell in en.cells:
        mine = old.get(cell.get("id"))
        if cell.cell_type == "markdown" and cell.get("id") == NAV:  # written by tests/course_shape.py, not a translator
            new = copy.deepcopy(cell)
            new.source = korean_nav(cell.source, ko_path)
            new.metadata[KEY] = {"en_sha256": source_hash(cell.source), "status": GENERATED}
            if mine is None or mine.source != new.source:
                changes.append(f"{cell.id}: navigation generated from English")
            cells.append(new)
            continue
        if cell.cell_type != "markdown":
            if mine is None or mine.source != cell.source or mine.cell_type != cell.cell_type:
                changes.append(f"{cell.id}: code copied from English")
            cells.append(copy.deepcopy(cell))
            continue
        wanted = source_hash(cell.source)
        if mine is None or mine.cell_type != "markdown":
            new = copy.deepcopy(cell)
            new.metadata[KEY] = {"en_sha256": wanted, "status": UNTRANSLATED}
            changes.append(f"{cell.id}: new prose, marked untranslated")
            cells.append(new)
            continue
        mine = copy.deepcopy(mine)
        seen = mine.metadata.get(KEY, {})
        if seen.get("en_sha256") != wanted and seen.get("status") != UNTRANSLATED:
            mine.metadata[KEY] = {"en_sha256": seen.get("en_sha256"), "status": STALE}
            changes.append(f"{cell.id}: English changed since it was translated, marked stale")
        elif seen.get("status") == UNTRANSLATED:
            mine.source = cell.source
            mine.metadata[KEY] = {"en_sha256": wanted, "status": UNTRANSLATED}
        elif seen.get("status") == TRANSLATED:
            refreshed = with_computed_parts(mine.source, cell.source)
            if refreshed != mine.source:
                mine.source = refreshed
                changes.append(f"{cell.id}: computed parts (time line, minutes) copied from English")
        cells.append(mine)
    dropped = set(old) - {c.get("id") for c in en.cells}
    changes += [f"{cell_id}: no longer in English, dropped" for cell_id in sorted(dropped, key=str)]
    out = copy.deepcopy(en)
    out.cells = cells
    return out, changes


def problems(ko_path: Path) -> list[str]:
    """Why a Korean notebook is not a complete, current translation of its English notebook ([] if it is)."""
    en_path = english_of(ko_path)
    if not en_path.exists():
        return [f"{ko_path.relative_to(ROOT)}: no English notebook {en_path.relative_to(ROOT)}"]
    en, ko = read(en_path), read(ko_path)
    found = [
        f"cell {change}" for change in synced(en, ko, ko_path)[1] if "computed" in change or "navigation" in change
    ]
    en_shape = [(c.get("id"), c.cell_type) for c in en.cells]
    ko_shape = [(c.get("id"), c.cell_type) for c in ko.cells]
    if en_shape != ko_shape:
        found.append(f"cell ids/types differ from English: English {en_shape}, Korean {ko_shape}")
    for en_cell, ko_cell in zip(en.cells, ko.cells, strict=False):
        where = f"cell {en_cell.get('id')}"
        if en_cell.cell_type != "markdown":
            if ko_cell.source != en_cell.source or ko_cell.metadata != en_cell.metadata:
                found.append(f"{where}: code differs from English (run tests/ko_sync.py to copy it)")
            continue
        seen = ko_cell.metadata.get(KEY, {})
        if en_cell.get("id") == NAV and seen.get("status") == GENERATED:
            continue
        if seen.get("status") != TRANSLATED:
            found.append(f"{where}: {seen.get('status', 'no i18n record')}")
        elif seen.get("en_sha256") != source_hash(en_cell.source):
            found.append(f"{where}: stale, the English source changed since it was translated")
    return [f"{ko_path.relative_to(ROOT)} {p}" for p in found]


def mark_translated(ko_path: Path, cell_ids: list[str]) -> None:
    en = {c.get("id"): c for c in read(english_of(ko_path)).cells}
    ko = read(ko_path)
    for cell in ko.cells:
        if cell.get("id") in cell_ids:
            cell.metadata[KEY] = {"en_sha256": source_hash(en[cell.id].source), "status": TRANSLATED}
    write(ko, ko_path)


# ---- The texts the notebooks hand to checks: what the Korean catalog must cover ----

# call name -> positions of text arguments, and text keywords. A statement is always a text; `measured`,
# `reason` and `busy` are texts when written as literals (a bare value such as str(x) is a measurement).
TEXT_ARGS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    "claim": ((0, 2), ("busy",)),
    "expect_between": ((0, 4), ("unit", "busy")),
    "expect_at_most": ((0, 3), ("unit", "busy")),
    "expect_at_least": ((0, 3), ("unit", "busy")),
    "expect_equal": ((0,), ()),
    "inconclusive": ((0, 1), ()),
    "verdict": ((0,), ()),
    "expect_speedup": ((0,), ("unit",)),
    "expect_one_core": ((0,), ()),
}
TEXT_MODULES = {"checks", "awaiting", "cputime"}


@dataclass(frozen=True)
class Text:
    """One catalog key found in a notebook: the text, or an f-string's template with numbered fields."""

    key: str
    where: str


def key_of(node: ast.expr) -> list[str] | None:
    """Catalog keys a string expression can produce (an f-string gives its template), None if not a string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value.replace("{", "{{").replace("}", "}}")]
    if isinstance(node, ast.JoinedStr):
        parts, field = [], 0
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
            else:
                parts.append(f"{{{field}}}")
                field += 1
        return ["".join(parts)]
    if isinstance(node, ast.IfExp):
        body, orelse = key_of(node.body), key_of(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _renumbered(key: str, start: int) -> tuple[str, int]:
    """`key` with its fields renumbered from `start` (to join several arguments' keys into one line's key)."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(key):
        parts.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is not None:
            parts.append(f"{{{start}}}")
            start += 1
    return "".join(parts), start


def print_keys(node: ast.Call) -> list[str] | None:
    """The catalog keys of the line a ``print(...)`` call writes to stdout, None when it cannot be keyed.

    The arguments are joined by `sep` as print joins them: a string or f-string gives its text, any other
    value a field (``print("took", t, "s")`` -> ``"took {0} s"``); helpers/i18n/printing.py matches the
    printed line against the key and fills the Korean template with the same formatted values.
    """
    if any(isinstance(arg, ast.Starred) for arg in node.args) or not node.args:
        return None
    sep = " "
    for keyword in node.keywords:
        if keyword.arg == "file":
            return None  # not stdout: printed unchanged
        if keyword.arg == "sep":
            if not (isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str)):
                return None
            sep = keyword.value.value.replace("{", "{{").replace("}", "}}")
    lines = [("", 0)]
    for index, arg in enumerate(node.args):
        alternatives = key_of(arg) or ["{0}"]
        grown = []
        for line, used in lines:
            for alternative in alternatives[:8]:
                part, after = _renumbered(alternative, used)
                grown.append((line + (sep if index else "") + part, after))
        lines = grown[:32]
    return [line for line, _ in lines]


def worded(key: str) -> bool:
    """A key with words in it (a learner reads it); ``"{0}: {1}"`` or ``"$ {0}"`` prints values only."""
    return any(ch.isalpha() for ch in key.format(*[""] * 99))


def _returned_reasons(tree: ast.Module, name: str) -> Iterator[ast.expr]:
    """The reason element of each `return ok, reason` of the function `name` defined in `tree`."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == name:
            for ret in ast.walk(node):
                if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Tuple) and len(ret.value.elts) == 2:
                    yield ret.value.elts[1]


def python_of(source: str) -> str:
    """A code cell's source as Python: IPython's `!shell` and `%magic` lines blanked (line numbers kept)."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def helper_worded(node: ast.expr) -> bool:
    """A call of a function that words its text itself (``bounds.statement()``, ``scaling.too_busy(...)``).

    Its return values are keyed by ``helper_texts`` (``--helper-texts``), so the notebook's call is covered.
    """
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
    return name in REASON_FUNCTIONS


def notebook_texts(path: Path) -> tuple[list[Text], list[str]]:
    """Every text a notebook's code cells hand to checks (keys), and statements that are not literals."""
    nb = read(path)
    code = "\n".join(python_of(c.source) for c in nb.cells if c.cell_type == "code")
    texts, unreadable = [], []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(python_of(cell.source))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                where = f"{path.relative_to(ROOT)} cell {cell.get('id')} line {node.lineno} (print)"
                texts += [Text(k, where) for k in print_keys(node) or [] if worded(k)]
                continue
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            owner = node.func.value
            if not (isinstance(owner, ast.Name) and owner.id in TEXT_MODULES and node.func.attr in TEXT_ARGS):
                continue
            where = f"{path.relative_to(ROOT)} cell {cell.get('id')} line {node.lineno}"
            positions, keywords = TEXT_ARGS[node.func.attr]
            args: list[tuple[ast.expr, bool]] = [(node.args[i], i == 0) for i in positions if i < len(node.args)]
            args += [(kw.value, False) for kw in node.keywords if kw.arg in keywords]
            if node.func.attr == "verdict" and len(node.args) >= 3 and isinstance(node.args[2], ast.Name):
                full = ast.parse(code)
                args += [(reason, False) for reason in _returned_reasons(full, node.args[2].id)]
            for arg, required in args:
                keys = key_of(arg)
                if keys is None:
                    if required and not helper_worded(arg):
                        unreadable.append(f"{where}: {ast.unparse(arg)} (not a literal: the catalog cannot key it)")
                    continue
                texts += [Text(k, where) for k in keys if any(ch.isalpha() for ch in k.format(*[""] * 99))]
    return texts, unreadable


# Helpers that word a reason or a claim themselves (a measured "too busy", a scaling statement): their returned
# strings reach the ✔ and inconclusive lines of any notebook that passes them to checks.
REASON_FUNCTIONS = {"too_busy", "unjudgeable", "one_core_unjudgeable", "statement"}


def helper_texts() -> list[Text]:
    """Texts helpers/*.py and helpers/topics/ hand to checks, and the reasons/statements their functions return."""
    texts = []
    for path in helper_modules():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            where = f"{path.relative_to(ROOT)} line {getattr(node, 'lineno', 0)}"
            args: list[ast.expr] = []
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                texts += [Text(k, f"{where} (print)") for k in print_keys(node) or [] if worded(k)]
            elif translated_call(node):
                assert isinstance(node, ast.Call)
                # a variable (checks' i18n.text(statement)) passes on a text keyed where it was written
                texts += [Text(k, where) for k in (key_of(node.args[0]) if node.args else None) or [] if worded(k)]
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                if isinstance(owner, ast.Name) and owner.id == "checks" and node.func.attr in TEXT_ARGS:
                    positions, keywords = TEXT_ARGS[node.func.attr]
                    args = [node.args[i] for i in positions if i < len(node.args)]
                    args += [kw.value for kw in node.keywords if kw.arg in keywords]
            elif isinstance(node, ast.FunctionDef) and node.name in REASON_FUNCTIONS:
                args = [r.value for r in ast.walk(node) if isinstance(r, ast.Return) and r.value is not None]
            for arg in args:
                for key in key_of(arg) or []:
                    if any(ch.isalpha() for ch in key.format(*[""] * 99)):
                        texts.append(Text(key, where))
    return texts


def helper_modules() -> list[Path]:
    """The helpers' modules whose words reach a notebook (not the i18n catalog itself, not the terminal tools)."""
    skipped = ("i18n", "cli")
    found = (ROOT / "helpers").rglob("*.py")
    return sorted(p for p in found if p.relative_to(ROOT / "helpers").parts[0] not in skipped)


def translated_call(node: ast.AST) -> bool:
    """``i18n.text(...)``: a helper's own sentence (an error, a summary line) handed to the catalog."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "text"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "i18n"
    )


# helpers/plots.py's own words: axis labels, titles, legend titles and entries, texts drawn in the axes.
PLOT_CALLS = {"set_xlabel": 0, "set_ylabel": 0, "set_title": 0, "suptitle": 0, "text": 2}
PLOT_KEYWORDS = {"label", "title"}


def plot_texts(path: Path = ROOT / "helpers" / "plots.py") -> list[Text]:
    """The labels helpers/plots.py writes itself (a Korean kernel draws them through the catalog: i18n.mpl)."""
    texts = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        args = [kw.value for kw in node.keywords if kw.arg in PLOT_KEYWORDS]
        if name in PLOT_CALLS and len(node.args) > PLOT_CALLS[name]:
            args.append(node.args[PLOT_CALLS[name]])
        for arg in args:
            for part in arg.values if isinstance(arg, ast.BoolOp) else [arg]:  # `title or f"Process tree ..."`
                for key in key_of(part) or []:
                    if any(ch.isalpha() for ch in key.format(*[""] * 99)):
                        texts.append(Text(key, f"{path.relative_to(ROOT)} line {node.lineno}"))
    return texts


def missing_texts(paths: list[Path]) -> list[str]:
    """Texts of the given notebooks with no Korean entry, each with where it is written."""
    from helpers.i18n import ko

    found = []
    for path in paths:
        texts, unreadable = notebook_texts(path)
        found += unreadable
        found += [f"{t.where}: {t.key!r}" for t in texts if t.key not in ko.MESSAGES]
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if any notebook needs work")
    parser.add_argument("--new", nargs="*", default=[], help="English notebook file names to start in Korean")
    parser.add_argument("--texts", action="store_true", help="list the Korean notebooks' texts with no entry")
    parser.add_argument("--helper-texts", action="store_true", help="list the helpers' own texts with no entry")
    parser.add_argument("--mark-translated", nargs="+", metavar=("NOTEBOOK", "CELL_ID"))
    args = parser.parse_args()
    if args.mark_translated:
        mark_translated(Path(args.mark_translated[0]).resolve(), args.mark_translated[1:])
        return 0
    if args.helper_texts:
        from helpers.i18n import ko

        missing = [f"{t.where}: {t.key!r}" for t in helper_texts() + plot_texts() if t.key not in ko.MESSAGES]
        print("\n".join(missing) or "every helper text has a Korean entry")
        return 1 if missing else 0
    if args.texts:
        missing = missing_texts([english_of(p) for p in korean_notebooks()])
        print("\n".join(missing) or "every text has a Korean entry")
        return 1 if missing else 0
    for name in args.new:
        en_path = next(p for p in (NOTEBOOKS / name, NOTEBOOKS / "solutions" / name) if p.exists())
        write(synced(read(en_path), None, korean_of(en_path))[0], korean_of(en_path))
    found = []
    for ko_path in korean_notebooks():
        if not args.check:
            nb, changes = synced(read(english_of(ko_path)), read(ko_path), ko_path)
            for change in changes:
                print(f"{ko_path.relative_to(ROOT)} {change}")
            write(nb, ko_path)
        found += problems(ko_path)
    print("\n".join(found) or json.dumps({"korean_notebooks": len(korean_notebooks()), "all_current": True}))
    return 1 if found and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
