"""The Korean catalog's entries for each notebook's own texts, one module per notebook (``nbNN.py``).

One file per notebook, so the translators of different notebooks never edit the same file; each module
holds ``MESSAGES: dict[str, str]`` in the format of ``helpers/i18n/ko.py`` (keys: the English text, or
the f-string with its fields numbered). ``helpers/i18n/ko.py`` merges them after its shared entries.
"""

from __future__ import annotations

import importlib
import pkgutil


def collected() -> dict[str, str]:
    """Every notebook module's entries, in file-name order (a later duplicate key must agree: tested)."""
    merged: dict[str, str] = {}
    for module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
        merged.update(importlib.import_module(f"{__name__}.{module}").MESSAGES)
    return merged
