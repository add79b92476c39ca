"""List the output lines of executed Korean notebooks that are still English sentences.

    SERVERLAB_LANG=ko python tests/nbrun.py notebooks/ko/02_event_loop.ipynb --save /tmp/ko-run
    python tests/ko_english_lines.py /tmp/ko-run/02_event_loop.ipynb

A line is listed when it has no Hangul and four or more English words of three letters or more; server
logs (INFO:, [INFO]), tracebacks, process tables and commands (``$ ...``) are left out, as they stay
English in the Korean edition. What remains is a sentence a helper or a cell printed without a catalog
entry: give it one (helpers/i18n) or leave it, knowingly.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

HANGUL = re.compile("[\uac00-\ud7a3]")
WORD = re.compile(r"\b[A-Za-z]{3,}\b")
KEPT = re.compile(
    r"^\s*(INFO|WARNING|ERROR|DEBUG|CRITICAL):|^\s*\[\d{4}-|^\s*\[(INFO|ERROR|WARNING)\]"  # server logs
    r"|^\s*\$ |^\s*\d+\s+\d+\s|PID\s+PPID"  # commands and process tables
)


def english_lines(path: Path) -> list[str]:
    """The stream and plain-text lines of one executed notebook file that read as English sentences."""
    return english_lines_of(nbformat.read(path, as_version=4))  # type: ignore[no-untyped-call]


def english_lines_of(nb: nbformat.NotebookNode) -> list[str]:
    """The stream and plain-text lines of an executed notebook that read as English sentences."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("text") or out.get("data", {}).get("text/plain", "") or "\n".join(out.get("traceback", []))
            for line in str(text).splitlines():
                line = re.sub(r"\x1b\[[0-9;]*m", "", line)
                if HANGUL.search(line) or KEPT.search(line) or len(WORD.findall(line)) < 4:
                    continue
                found.append(f"{cell.get('id')}: {line.strip()[:200]}")
    return found


def main() -> int:
    total = 0
    for name in sys.argv[1:]:
        lines = english_lines(Path(name))
        total += len(lines)
        print(f"## {name}: {len(lines)} English line(s)")
        print("\n".join(lines))
    return 0 if total == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
