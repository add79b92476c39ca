"""Korean entries for the helpers' own sentences (helpers/*.py, _plumbing/, panels/): errors, summaries, status lines.

Keys are what the helpers pass to ``i18n.text(...)`` or ``print(...)``: the English text, or the f-string with
its fields numbered ``{0}``, ``{1}`` (tests/ko_sync.py --helper-texts lists a helper text with no entry). Commands,
server logs, code and process tables stay as they are: they are what the learner would type or see anyway.
"""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {}
