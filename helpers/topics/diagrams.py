"""Drawn diagrams of who talks to whom, labelled with what was measured (PIDs, ports).

The seed post draws ``client -> uvicorn -> fastapi app instance`` in text. Drawing it with the
measured PIDs shows what the text leaves out: the server and the app share one process, and
only the server ever sees bytes; the app sees dictionaries.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from helpers import i18n

_BOX = {"client": "#dbe9f6", "server": "#4c72b0", "app": "#55a868"}


def _box(ax: Axes, x: float, y: float, w: float, h: float, colour: str, title: str, detail: str) -> None:
    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.02", facecolor=colour, edgecolor="black"))
    dark = colour != _BOX["client"]
    ax.text(x + w / 2, y + h * 0.64, title, ha="center", va="center", fontsize=11, weight="bold",
            color="white" if dark else "black")  # fmt: skip
    ax.text(x + w / 2, y + h * 0.3, detail, ha="center", va="center", fontsize=8, color="white" if dark else "black")


def _arrow(ax: Axes, x0: float, x1: float, y: float, label: str, above: bool) -> None:
    ax.annotate("", xy=(x1, y), xytext=(x0, y), arrowprops={"arrowstyle": "-|>", "linewidth": 1.6})
    ax.text(
        (x0 + x1) / 2, y + (0.07 if above else -0.07), label, ha="center", va="bottom" if above else "top", fontsize=8
    )


def request_flow(
    *,
    client: str = "HTTP client",
    server: str = "uvicorn",
    app: str = "FastAPI app",
    process: str | None = None,
    title: str = "One request: client -> server -> app and back",
) -> Figure:
    """Client, server and app as boxes; bytes between client and server, ASGI messages between server and app.

    `process` (e.g. "one OS process [1234]") draws a dashed frame around server and app,
    the part of the picture the seed's text diagram does not show.
    """
    fig, ax = plt.subplots(figsize=(10.5, 3.4))
    ax.set_xlim(0, 10.6)
    ax.set_ylim(0, 3.4)
    ax.axis("off")
    # A Korean kernel translates every drawn text as it is set (helpers/i18n/mpl.py); the helper's own words are
    # keyed here too, so tests/ko_sync.py --helper-texts finds them (code, such as the ASGI call, stays as it is).
    _box(ax, 0.1, 1.0, 2.2, 1.4, _BOX["client"], i18n.text("client"), client)
    _box(ax, 4.1, 1.0, 2.2, 1.4, _BOX["server"], i18n.text("server"), server)
    _box(ax, 8.2, 1.0, 2.2, 1.4, _BOX["app"], i18n.text("app"), app)
    _arrow(ax, 2.35, 4.05, 2.0, i18n.text("HTTP request\n(bytes on a TCP socket)"), above=True)
    _arrow(ax, 4.05, 2.35, 1.4, i18n.text("HTTP response\n(bytes)"), above=False)
    _arrow(ax, 6.35, 8.15, 2.0, "await app(scope,\nreceive, send)", above=True)
    _arrow(ax, 8.15, 6.35, 1.4, i18n.text("send({...})\nresponse messages"), above=False)
    if process:
        ax.add_patch(FancyBboxPatch((3.9, 0.45), 6.6, 2.45, boxstyle="round,pad=0.03", fill=False, linestyle="--",
                                    edgecolor="#c44e52", linewidth=1.5))  # fmt: skip
        ax.text(7.2, 0.55, process, ha="center", va="bottom", fontsize=9, color="#c44e52")
    ax.set_title(i18n.text(title))
    fig.tight_layout()
    return fig
