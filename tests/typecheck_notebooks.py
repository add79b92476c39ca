"""Type-check the calls every notebook makes against the helpers' real signatures (``make lint``).

A notebook's code cells are extracted into one module per notebook and given to mypy with the
helpers' types, so a renamed or retyped helper fails here, not in a learner's cell. The cells
themselves are teaching code, not typed code: names are re-bound from cell to cell, top-level
``await`` is IPython's, and bodies of functions a cell defines stay unchecked. What is checked is
every call into ``helpers`` and ``labapp``: names, arguments and the attributes of what comes back.

    .venv/bin/python tests/typecheck_notebooks.py [notebook ...]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
# The IPython names a cell may use without importing them.
PRELUDE = "from IPython.display import display, Markdown, HTML\n"
MYPY_OPTIONS = (
    "--python-version=3.11",
    "--follow-imports=silent",
    "--ignore-missing-imports",
    "--no-strict-optional",  # a measured value may be None; the cell's own check says so at run time
    "--disable-error-code=top-level-await",  # IPython runs `await` in a cell
    "--disable-error-code=var-annotated",
    "--allow-redefinition",  # a name re-bound by a later cell is how notebooks read
    "--disable-error-code=assignment",
    "--no-error-summary",
)


def every_notebook() -> list[Path]:
    """The course and its solutions (the Korean edition, when there is one, shares their code)."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")) + sorted((NOTEBOOKS / "solutions").glob("*.ipynb"))


def code_of(notebook: Path) -> str:
    """The notebook's code cells in order, IPython's `%magic` and `!shell` lines turned into comments."""
    cells = json.loads(notebook.read_text())["cells"]
    lines = [PRELUDE]
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        for line in source.splitlines():
            stripped = line.lstrip()
            lines.append(f"pass  # {stripped}" if stripped.startswith(("%", "!")) else line)
        lines.append("")
    return "\n".join(lines) + "\n"


def check(notebooks: list[Path]) -> subprocess.CompletedProcess[str]:
    """Run mypy over the extracted modules; its output names the notebook (module) and the line."""
    with tempfile.TemporaryDirectory(prefix="serverlab-nbtypes-") as folder:
        (Path(folder) / "none.ini").write_text("[mypy]\n")  # not the project's strict settings
        for notebook in notebooks:
            module = "nb_" + notebook.stem.replace("-", "_")
            (Path(folder) / f"{module}.py").write_text(code_of(notebook))
        return subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", str(Path(folder) / "none.ini"), *MYPY_OPTIONS, folder],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )


def main(argv: list[str]) -> int:
    notebooks = [Path(arg).resolve() for arg in argv] or every_notebook()
    result = check(notebooks)
    print(result.stdout + result.stderr, end="")
    if result.returncode == 0:
        print(f"the calls of {len(notebooks)} notebooks type-check against the helpers")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
