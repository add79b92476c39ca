"""On a Korean kernel, the lines cells and helpers print() come out in Korean, through the same catalog as claims.

A notebook's code cells are byte-identical in both editions, so a cell's ``print(f"... took {t:.2f} s")``
cannot be edited into Korean. Instead, when the kernel says Korean (``SERVERLAB_LANG=ko``), importing
``helpers`` swaps ``builtins.print`` for `translated_print`: it formats the line exactly as print would,
looks the whole line up in the catalog (keys: the print call's f-string with numbered fields, derived from
the cell's syntax tree by tests/ko_sync.py), and prints the Korean template filled with the very same
formatted values. Lines without an entry, and anything printed to a file other than stdout, are printed
unchanged; on an English kernel nothing is swapped, so English output is byte for byte what print gives.
"""

from __future__ import annotations

import builtins
import sys
from typing import Any

from helpers import i18n

_PLAIN_PRINT = builtins.print


def translated(line: str) -> str:
    """A printed text in the kernel's language: the whole text first, else line by line."""
    whole = i18n.text(line)
    if whole != line or "\n" not in line:
        return whole
    return "\n".join(i18n.text(part) for part in line.split("\n"))


def translated_print(
    *values: object, sep: str | None = " ", end: str | None = "\n", file: Any = None, flush: bool = False
) -> None:
    """``print`` with the same signature; a line bound for stdout goes through the catalog first."""
    if (file is None or file is sys.stdout) and (sep is None or isinstance(sep, str)) and values:
        line = (" " if sep is None else sep).join(str(value) for value in values)
        _PLAIN_PRINT(translated(line), end=end, file=file, flush=flush)
        return
    _PLAIN_PRINT(*values, sep=sep, end=end, file=file, flush=flush)


def in_a_notebook_kernel() -> bool:
    """True inside IPython (a notebook's kernel), False in a server or tool that imports helpers."""
    ipython = sys.modules.get("IPython")
    return ipython is not None and ipython.get_ipython() is not None


def install_if_korean() -> bool:
    """Swap in `translated_print` in a Korean notebook kernel; True when it is in place.

    Only in the kernel: a server the helpers start (``python -m helpers.tiny_asgi``) inherits the kernel's
    environment, and the port line of its log is read back by the helpers, so it must stay as printed.
    """
    if i18n.language() != "ko" or not in_a_notebook_kernel():
        return False
    builtins.print = translated_print
    return True
