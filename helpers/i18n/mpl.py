"""Plots in the kernel's language: the font that has the glyphs, and labels through the catalog.

Titles, axis labels, legend entries and category ticks are written in English in the notebooks'
code cells and in helpers/plots.py; in Korean every matplotlib Text is passed through
``i18n.text`` as it is set (one hook on ``Text.set_text``), so no cell and no plotting function
changes, and a label without a catalog entry stays as written (numbers, PIDs).
"""

from __future__ import annotations

import dataclasses
import glob
from typing import Any

from helpers import i18n

# NanumGothic (Debian fonts-nanum) has the Hangul; it lacks ✔ and U+2212 (the minus matplotlib puts on
# negative ticks), which DejaVu Sans, matplotlib's own font, has: matplotlib falls back glyph by glyph.
KOREAN_FAMILIES = ["NanumGothic", "DejaVu Sans"]
NANUM_FILES = "/usr/share/fonts/truetype/nanum/Nanum*.ttf"
BOLD_AT_600 = {"NanumGothic"}  # families whose Bold file declares weight 600
BOLD = 700


def use_korean_fonts() -> list[str]:
    """Put Nanum first and DejaVu Sans as the fallback; returns the families now in use.

    matplotlib caches the system's font list once per installation, so fonts installed after that
    (apt-get install fonts-nanum) are registered here from their files.
    """
    import matplotlib
    from matplotlib import font_manager

    manager = font_manager.fontManager
    known = {f.name for f in manager.ttflist}
    if "NanumGothic" not in known:
        for path in sorted(glob.glob(NANUM_FILES)):
            manager.addfont(path)
    # NanumGothicBold.ttf declares weight 600 (semibold), so matplotlib's bold (700: diagrams' box titles)
    # logs "findfont: Failed to find font weight bold for NanumGothic, now using 600" before using it anyway:
    # register the family's bold file as the bold it is.
    manager.ttflist = [
        dataclasses.replace(f, weight=BOLD) if f.name in BOLD_AT_600 and f.fname.endswith("Bold.ttf") else f
        for f in manager.ttflist
    ]
    cached: Any = getattr(manager, "_findfont_cached", None)  # matplotlib's lru_cache of findfont lookups
    if cached is not None:
        cached.cache_clear()  # a lookup cached before the change would keep 600
    matplotlib.rcParams["font.family"] = list(KOREAN_FAMILIES)
    return list(matplotlib.rcParams["font.family"])


def translate_texts() -> None:
    """Every matplotlib Text set from now on goes through the catalog (idempotent)."""
    from matplotlib.text import Text

    original: Any = Text.set_text
    if getattr(original, "serverlab_i18n", False):
        return

    def set_text(self: Text, s: Any) -> None:
        original(self, i18n.text(s) if isinstance(s, str) else s)

    set_text.serverlab_i18n = True  # type: ignore[attr-defined]
    Text.set_text = set_text  # type: ignore[method-assign]


def configure() -> None:
    """What a Korean kernel needs before drawing: the fonts and the labels. English: nothing changes."""
    if i18n.language() == "ko":
        use_korean_fonts()
        translate_texts()
