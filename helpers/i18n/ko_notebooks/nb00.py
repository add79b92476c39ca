"""Korean entries for notebook 00's own texts (and its solutions'): the lines its cells print."""

# ruff: noqa: E501  (a catalog of sentences: one entry per line reads better than wrapped halves)
from __future__ import annotations

MESSAGES: dict[str, str] = {}
