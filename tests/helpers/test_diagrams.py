"""helpers.topics.diagrams: notebook 01's request-flow picture says what was measured, and only that."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch

from helpers.topics import diagrams


def _texts(fig: plt.Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [ax.get_title() for ax in fig.axes]


def test_the_flow_has_three_labelled_boxes_and_both_directions() -> None:
    fig = diagrams.request_flow(client="curl", server="uvicorn [41]", app="labapp.lab:app")
    try:
        texts = _texts(fig)
        assert {"client", "server", "app", "curl", "uvicorn [41]", "labapp.lab:app"} <= set(texts)
        assert any("bytes" in t for t in texts) and any("scope" in t for t in texts)  # HTTP one side, ASGI the other
        boxes = [p for p in fig.axes[0].patches if isinstance(p, FancyBboxPatch)]
        assert len(boxes) == 3  # no process frame unless one was measured
    finally:
        plt.close(fig)


def test_a_measured_process_draws_the_frame_around_server_and_app() -> None:
    fig = diagrams.request_flow(process="one OS process [1234]", title="measured")
    try:
        frames = [p for p in fig.axes[0].patches if isinstance(p, FancyBboxPatch) and p.get_linestyle() == "--"]
        assert len(frames) == 1 and "one OS process [1234]" in _texts(fig) and "measured" in _texts(fig)
    finally:
        plt.close(fig)
