"""Strip outputs and execution counts, and set the Python 3 kernelspec, in notebooks in place.

python tests/nbstrip.py notebooks/*.ipynb notebooks/solutions/*.ipynb
python tests/nbstrip.py --check notebooks/*.ipynb     (exit 1 if any needs stripping)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
LANGUAGE_INFO = {"name": "python"}


def stripped(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    return nb


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    dirty = []
    for path in args.paths:
        before = path.read_text()
        nb = stripped(nbformat.read(path, as_version=4))
        nbformat.validate(nb)
        after = nbformat.writes(nb) + "\n"
        if after != before:
            dirty.append(path)
            if not args.check:
                path.write_text(after)
    if args.check and dirty:
        print("not stripped: " + ", ".join(map(str, dirty)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
