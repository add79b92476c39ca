"""The Korean catalog's entries for each notebook's own texts, one module per notebook (``nbNN.py``).

One file per notebook, so the translators of different notebooks never edit the same file; each module
holds ``MESSAGES: dict[str, str]`` in the format of ``helpers/i18n/ko.py`` (keys: the English text, or
the f-string with its fields numbered). ``helpers/i18n/ko.py`` merges them after its shared entries.
"""

from __future__ import annotations

import importlib
import pkgutil


def modules() -> dict[str, dict[str, str]]:
    """Each notebook module's own entries by module name (``nb05``), in file-name order."""
    found: dict[str, dict[str, str]] = {}
    for module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
        found[module] = dict(importlib.import_module(f"{__name__}.{module}").MESSAGES)
    return found


def collected() -> dict[str, str]:
    """Every notebook module's entries, in file-name order (a duplicate key must agree: tested).

    A text two notebooks both need (a unit, "all exercise answers are right") belongs in helpers/i18n/ko.py's
    shared entries, which win over a module's; tests/notebooks/test_korean.py fails when two wordings disagree.
    """
    merged: dict[str, str] = {}
    for entries in modules().values():
        merged.update(entries)
    return merged
