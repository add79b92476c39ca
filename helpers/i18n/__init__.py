"""The learner's language for the lines the course prints: ✔/✘ claims, inconclusive reasons, verdicts.

The language comes from the kernel, not from the notebook: the ``serverlab-ko`` kernelspec (installed by
``python -m helpers.cli.labsetup``) sets ``SERVERLAB_LANG=ko``, so the Korean edition's code cells stay
byte-identical to the English ones and one notebook prints Korean lines on that kernel and English on
``python3``. Anything but ``ko`` is English, and English output is exactly what it was before this module.

Why the catalog is keyed by the English text, with numbered fields for f-strings:

- The text a cell passes (``checks.claim("60 sleeping requests on 40 tokens take two waves", ...)``) is
  the only key the running code has, since the cell itself may not change. Keys derived from the call
  site (file and line) would break on every edit of a notebook; a text key survives moved and re-ordered
  cells, and when the English sentence itself changes, tests/notebooks/test_korean.py names the text that lost
  its Korean entry.
- Many texts are f-strings holding measured values (``f"... backlog + 1 = {BACKLOG + 1}"``), so the
  formatted text differs from run to run. Their key is the f-string with each replacement field
  numbered in order (``"... backlog + 1 = {0}"``): exactly what the test derives from the cell's syntax
  tree, so the key is never typed by hand from a run's output. At run time a key with fields becomes a
  pattern whose fields capture the formatted values, and the Korean template puts the *same strings*
  back, in the order Korean needs (``{1} ... {0}``). Measured values are therefore never re-formatted:
  both languages show the very same numbers, which the Korean test checks on a real run.
- A text without an entry prints in English; nothing raises at run time (a class must never lose a
  claim to a missing translation): the test is where a missing entry fails.
"""

from __future__ import annotations

import os
import re
import string
from collections import deque
from collections.abc import Mapping
from functools import cache

LANG_VAR = "SERVERLAB_LANG"
LANGUAGES = ("en", "ko")
# The last translations made in this kernel, (English, translated): tests/notebooks/test_korean.py reads them after a
# Korean run to check that every measured value of the English text is in the Korean one.
TRANSLATED: deque[tuple[str, str]] = deque(maxlen=2000)


def language() -> str:
    """``ko`` when the kernel's SERVERLAB_LANG says Korean (``ko``, ``ko_KR``, ``ko-KR.UTF-8``), else ``en``."""
    value = os.environ.get(LANG_VAR, "").strip().lower()
    return "ko" if value.startswith("ko") else "en"


def _catalog(lang: str) -> tuple[Mapping[str, str], Mapping[str, str]]:
    """(frames, messages) of a language: frames are helpers' own line layouts with named fields."""
    if lang == "ko":
        from helpers.i18n import ko

        return ko.FRAMES, ko.MESSAGES
    return {}, {}


def fields_of(key: str) -> list[str]:
    """The replacement fields of a catalog key, in order (``"a {0} b {1}"`` -> ``["0", "1"]``)."""
    return [name for _, name, _, _ in string.Formatter().parse(key) if name is not None]


def pattern_of(key: str) -> re.Pattern[str]:
    """A key with numbered fields as an anchored pattern; each field captures its formatted value."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(key):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(f"(?P<f{name}>.*?)")
    return re.compile("".join(parts), re.DOTALL)


@cache
def _static(lang: str) -> dict[str, str]:
    """The keys without fields, as the text they match (a literal brace is written doubled in a key)."""
    _, messages = _catalog(lang)
    return {key.format(): value.format() for key, value in messages.items() if not fields_of(key)}


@cache
def _templates(lang: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The keys with fields, most literal text first: the most specific template wins."""
    _, messages = _catalog(lang)
    keyed = [key for key in messages if fields_of(key)]
    keyed.sort(key=lambda k: -len(re.sub(r"\{\d+\}", "", k)))
    return tuple((pattern_of(key), messages[key]) for key in keyed)


def lookup(english: str, lang: str) -> str | None:
    """The translation of one formatted English text, or None when the catalog has no entry for it."""
    static = _static(lang)
    if english in static:
        return static[english]
    for pattern, template in _templates(lang):
        found = pattern.fullmatch(english)
        if found:
            values = {name[1:]: value for name, value in found.groupdict().items()}
            return template.format(*(values[str(i)] for i in range(len(values))))
    return None


def text(english: str) -> str:
    """`english` in the kernel's language: a catalog entry's translation, else unchanged."""
    lang = language()
    if lang == "en" or not english:
        return english
    found = lookup(english, lang)
    if found is None:
        return english
    TRANSLATED.append((english, found))
    return found


def line(frame: str, **fields: str) -> str:
    """One of the helpers' own lines (e.g. ``"✔ {statement} — measured: {measured}"``) in the kernel's language.

    In English this is ``frame.format(**fields)``, byte for byte the f-string it replaces; the fields are
    passed already translated (``text(statement)``), so a value is never translated twice.
    """
    frames, _ = _catalog(language())
    return frames.get(frame, frame).format(**fields)
