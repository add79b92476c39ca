"""How a notebook reads to a newcomer: the ✔ lines before the check code, links that land.

A cell whose statements are mostly ``checks.*`` calls is proof, not the idea: its source is
collapsed by default (JupyterLab's ``source_hidden``) so the measured ✔ lines show first; it still
runs with Run All. Links into the primer must name an anchor the primer has.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ALL = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")) + sorted((NOTEBOOKS / "solutions").glob("*.ipynb"))
ACTIONS = ("servers.", "load.", "fire(", "probe(", "kill", ".signal(", "import ", "verdict", "is None", "panels.")


def _is_check(statement: ast.stmt) -> bool:
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "checks"
        and (node.func.attr == "claim" or node.func.attr.startswith("expect_"))
        for node in ast.walk(statement)
    )


def _mostly_checks(source: str) -> bool:
    """At least half the statements are checks, and the cell starts, stops or fires nothing."""
    if any(word in source for word in ACTIONS) or "await " in source:
        return False
    try:
        body = ast.parse(source).body
    except SyntaxError:  # IPython syntax (!shell, %magic): not a check cell
        return False
    checks = sum(_is_check(s) for s in body)
    return bool(body) and checks > 0 and checks * 2 >= len(body)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_check_cells_are_collapsed(path: Path) -> None:
    open_checks = [
        "".join(cell["source"]).splitlines()[0]
        for cell in json.loads(path.read_text())["cells"]
        if cell["cell_type"] == "code"
        and _mostly_checks("".join(cell["source"]))
        and not cell.get("metadata", {}).get("jupyter", {}).get("source_hidden")
    ]
    assert not open_checks, f"{path.name}: set jupyter.source_hidden on check cells starting {open_checks}"


def test_links_into_the_primer_land_on_an_anchor() -> None:
    primer = NOTEBOOKS / "99_primer.ipynb"
    text = "".join("".join(c["source"]) for c in json.loads(primer.read_text())["cells"])
    anchors = set(re.findall(r'<a id="([\w-]+)"></a>', text))
    for path in ALL:
        for anchor in re.findall(r"99_primer\.ipynb#([\w-]+)", path.read_text()):
            assert anchor in anchors, f"{path.name} links to 99_primer#{anchor}; the primer has {sorted(anchors)}"
