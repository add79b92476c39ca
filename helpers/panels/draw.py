"""Figures for the panels, drawn off the main thread and shipped to the page as PNG bytes.

Panels draw from background threads while the learner may be running cells. Drawing onto a
bare ``Figure`` (no pyplot) keeps those figures out of the inline backend, which would
otherwise show them under whatever cell happens to finish next; the one plot that needs
pyplot is drawn under a lock and closed at once.
"""

from __future__ import annotations

import html
import io
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from helpers import i18n, plots
from helpers.procs import ProcTree
from helpers.records import RequestRecord

_PYPLOT = threading.Lock()
DPI = 80


def png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def timeline(records: Sequence[RequestRecord], color_by: str, title: str) -> Figure:
    """``plots.timeline`` on a figure sized as plots sizes it."""
    fig = Figure(figsize=(9, max(2.5, min(8.0, 0.12 * len(records) + 1.5))))
    plots.timeline(records, title=title, color_by=color_by, ax=fig.subplots())
    return fig


def requests_per_pid(records: Sequence[RequestRecord]) -> Figure:
    with _PYPLOT:
        fig = plots.requests_per_pid(records)
        plt.close(fig)
    return fig


def process_tree(tree: ProcTree, title: str, highlight: Mapping[int, str]) -> Figure:
    fig = Figure(figsize=(9, 3.2))
    plots.process_tree(tree, title=title, ax=fig.subplots(), highlight=highlight)
    return fig


def history_html(history: Sequence[Mapping[str, Any]], first: int = 1) -> str:
    """The panel's history of runs as a small HTML table, numbered from `first`."""
    rows = "".join(
        f"<tr><td>{i}</td><td>{html.escape(h['label'])}</td><td>{h['span_s']:.2f} s</td>"
        f"<td>{len(h['waves'])} / {len(h['handler_waves'])}</td><td>{len(h['per_pid'])}</td>"
        f"<td>{h['ok']}/{h['n']}</td></tr>"
        for i, h in enumerate(history, first)
    )
    head = i18n.text("<th>#</th><th>run</th><th>span</th><th>waves (responses / handlers)</th><th>PIDs</th><th>ok</th>")
    return f"<table style='font-size:12px'><tr>{head}</tr>{rows}</table>"
