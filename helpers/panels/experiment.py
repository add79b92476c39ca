"""Experiment panels: the learner picks the knobs, presses Run, and sees the measured timeline.

    panels.experiment(endpoint="sync sleep", requests=60)      # one cell, one panel
    panels.live_tree(srv)                                      # a running server's processes, live

A run happens in a background thread (start a server, fire the requests, draw, stop the
server), so the kernel stays free to handle the Stop button, which kills the run's server
and cancels its requests (``background.BackgroundRun``, shared with notebook 04's panel).
Every method a button calls can also be called from code (``panel.run()``, ``panel.stop()``,
``tree.kill_worker()``), which is how the tests drive them.
"""

from __future__ import annotations

import asyncio
import html
import threading
import time
from typing import Any

import ipywidgets as widgets
from matplotlib.figure import Figure

from helpers import i18n, servers
from helpers.errors import BadArgumentError, ServerlabError
from helpers.panels import draw, runner
from helpers.panels.background import BackgroundRun
from helpers.panels.settings import (
    COLOR_BY,
    ENDPOINTS,
    MAX_STAGGER_MS,
    MAX_TOKENS,
    PANEL_MAX_REQUESTS,
    PANEL_MAX_WORKERS,
    SERVER_KINDS,
    Settings,
    estimate_s,
    field_problems,
    problems,
)
from helpers.panels.tree import TreePanel
from helpers.records import RequestRecord

__all__ = ["ExperimentPanel", "Settings", "TreePanel", "experiment", "live_tree"]

_COLOURS = {"info": "#333333", "ok": "#2a7a2a", "warn": "#9a6700", "error": "#b00020"}
_HISTORY_ROWS = 8  # the last runs shown in the history table


class _Stopped(Exception):
    """The learner pressed Stop."""


class ExperimentPanel(widgets.VBox):  # type: ignore[misc]
    """Knobs, Run/Stop, progress, the measured figures and a history of runs, in one widget."""

    def __init__(self, settings: Settings, title: str = "Experiment") -> None:
        self.title = title
        self.records: list[RequestRecord] = []
        self.figures: list[Figure] = []
        self.history: list[dict[str, Any]] = []
        self.message = ""
        self.summary = ""
        self._run = BackgroundRun(title)
        self._last: Settings | None = None
        wide = {"style": {"description_width": "110px"}, "layout": widgets.Layout(width="340px")}
        self._controls: dict[str, widgets.ValueWidget] = {
            "server": widgets.Dropdown(options=SERVER_KINDS, description=i18n.text("server"), **wide),
            "workers": widgets.IntSlider(min=1, max=PANEL_MAX_WORKERS, description=i18n.text("workers"), **wide),
            "endpoint": widgets.Dropdown(options=list(ENDPOINTS), description=i18n.text("handler"), **wide),
            "seconds": widgets.FloatText(description=i18n.text("work (s)"), step=0.1, **wide),
            "requests": widgets.IntSlider(min=1, max=PANEL_MAX_REQUESTS, description=i18n.text("requests"), **wide),
            "thread_tokens": widgets.IntSlider(min=1, max=MAX_TOKENS, description=i18n.text("thread tokens"), **wide),
            "stagger_ms": widgets.IntSlider(
                min=0, max=MAX_STAGGER_MS, step=10, description=i18n.text("one every (ms)"), **wide
            ),
            "fresh_connections": widgets.Checkbox(description=i18n.text("fresh connection per request"), indent=False),
            "color_by": widgets.ToggleButtons(
                options=COLOR_BY, description=i18n.text("colour by"), style={"button_width": "70px"}
            ),
        }
        self._set(settings)
        # Run and Stop keep their names in every language: the messages tell the learner to press "Stop".
        self._run_button = widgets.Button(description="Run", button_style="success", icon="play")
        self._stop_button = widgets.Button(description="Stop", button_style="danger", icon="stop")
        self._run_button.on_click(lambda _b: self.start())
        self._stop_button.on_click(lambda _b: self.stop())
        self._controls["color_by"].observe(lambda _c: self._redraw(), names="value")
        self._progress = widgets.IntProgress(min=0, max=1, value=0, layout=widgets.Layout(width="340px"))
        self._progress_text = widgets.Label()
        self._status = widgets.HTML()
        self._summary = widgets.HTML()
        self._figures = widgets.VBox()
        self._history = widgets.HTML()
        c = self._controls
        left = widgets.VBox([c["server"], c["workers"], c["endpoint"], c["seconds"]])
        right = widgets.VBox(
            [c["requests"], c["stagger_ms"], c["thread_tokens"], c["fresh_connections"], c["color_by"]]
        )
        super().__init__([
            widgets.HTML(f"<b>{html.escape(title)}</b>"),
            widgets.HBox([left, right]),
            widgets.HBox([self._run_button, self._stop_button, self._progress, self._progress_text]),
            self._status, self._summary, self._figures, self._history,
        ])  # fmt: skip

    # -- settings ---------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        """What the controls show now."""
        return Settings(**{name: w.value for name, w in self._controls.items()})

    def configure(self, **values: Any) -> list[str]:
        """Set controls from code; a value no control can hold is reported in the panel, not raised."""
        found = field_problems(values)
        if found:
            self._say(" · ".join(found), "error")  # each problem already in the kernel's language
            return found
        self._set(Settings(**{**self.settings.__dict__, **values}))
        return []

    def _set(self, s: Settings) -> None:
        for name, control in self._controls.items():
            control.value = getattr(s, name)

    # -- running ----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._run.running

    def start(self) -> bool:
        """What Run does: check the settings, then run in a background thread. False if refused."""
        if self.running:
            self._say(i18n.text("a run is in progress: wait for it, or press Stop"), "warn")
            return False
        s = self.settings
        found = problems(s)
        if found:
            self._say(" · ".join(found), "error")
            return False
        if not self._run.start(lambda stop: self._work(s, stop)):  # another click started one meanwhile
            self._say(i18n.text("a run is in progress: wait for it, or press Stop"), "warn")
            return False
        return True

    def run(self) -> list[RequestRecord]:
        """Run and wait (for code and tests); returns the records, empty if the settings were refused."""
        _, worst = estimate_s(self.settings)
        if not self.start():
            return []
        self._run.wait(worst + 90.0)
        return list(self.records)

    def stop(self, timeout_s: float = 3.0) -> str:
        """What Stop does: kill the run's server now, cancel its requests, wait briefly for the thread."""
        if not self._run.stop(timeout_s):
            self._say(i18n.text("stopped: no run was in progress"), "warn")
        elif not self.message.startswith(("stopped", i18n.text("stopped"))):  # each stop message starts so
            self._say(i18n.text("stopped"), "warn")
        return self.message

    def _work(self, s: Settings, stop: threading.Event) -> None:
        began = time.monotonic()
        expected, worst = estimate_s(s)
        done: list[RequestRecord] = []
        self._progress.max, self._progress.value, self._progress.bar_style = s.requests, 0, ""
        self._progress_text.value, self._summary.value, self._figures.children = "", "", ()
        self.records, self.figures, self.summary = [], [], ""
        self._say(i18n.text(f"starting {html.escape(s.server)}…"), "info")
        srv: servers.Server | None = None
        try:
            srv = runner.start_server(s, self._run.server_name)
            warm = runner.warm_up(srv, stop)
            if stop.is_set():
                raise _Stopped
            n, path = s.requests, html.escape(s.path)
            self._say(
                i18n.text(f"{n} requests to {path}, expect about {expected:.1f} s")
                if warm
                else i18n.text(f"{n} requests to {path}, expect about {expected:.1f} s (not every worker answered a "
                               "ping within 3 s)"),
                "info",
            )  # fmt: skip
            records = self._fire(srv.url, s, min(600.0, worst + 15.0), done)
            if stop.is_set():  # the kill may end every request before the cancel arrives
                raise _Stopped
        except (_Stopped, asyncio.CancelledError):
            self._stopped(done, s)
            return
        except ServerlabError as exc:
            if stop.is_set():
                self._stopped(done, s)
            else:
                self._say(i18n.text(f"the server did not run: {html.escape(str(exc).splitlines()[0])}"), "error")
            return
        except Exception as exc:
            self._say(i18n.text(f"the run failed: {type(exc).__name__}: {html.escape(str(exc))}"), "error")
            return
        finally:
            if srv is not None:
                srv.stop(timeout_s=1.0)
        self.records, self._last = records, s
        info = runner.summary(records, s)
        self.history.append(info)
        self.summary = runner.summary_line(info)
        self._summary.value = html.escape(self.summary)
        self._redraw()
        self._history_table()
        self._progress.bar_style = "success" if info["ok"] == info["n"] else "warning"
        took = time.monotonic() - began
        self._say(i18n.text(f"done in {took:.1f} s (server start included); the server is stopped"), "ok")

    def _fire(self, url: str, s: Settings, timeout_s: float, done: list[RequestRecord]) -> list[RequestRecord]:
        """The requests, with a ticker that moves the progress bar; Stop can cancel them meanwhile."""
        began = time.monotonic()
        expected, _ = estimate_s(s)

        def tick() -> None:
            finished = len(done)
            failed = sum(1 for r in done[:finished] if not r.ok)
            self._progress.value = finished
            took, answered, n = time.monotonic() - began, finished - failed, s.requests
            self._progress_text.value = (
                i18n.text(f"{answered}/{n} answered, {failed} failed · {took:.1f} s (expect ≈ {expected:.1f} s)")
                if failed
                else i18n.text(f"{answered}/{n} answered · {took:.1f} s (expect ≈ {expected:.1f} s)")
            )

        return self._run.fire(runner.fire_tracked(url, s, timeout_s, done.append), tick)

    def _stopped(self, done: list[RequestRecord], s: Settings) -> None:
        self.records = list(done)
        self._progress.bar_style = "danger"
        answered = sum(1 for r in done if r.ok)
        self._say(
            i18n.text(f"stopped: the server was killed; {answered} of {s.requests} requests had been answered"), "warn"
        )

    # -- showing ------------------------------------------------------------------------------
    def _redraw(self) -> None:
        """Timeline (in the chosen colouring) and requests per PID of the last completed run."""
        if not self.records or self._last is None:
            return
        color_by = str(self._controls["color_by"].value)
        figures = [draw.timeline(self.records, color_by, self._last.label())]
        if any(r.ok and r.pid is not None for r in self.records):
            figures.append(draw.requests_per_pid(self.records))
        self.figures = figures
        self._figures.children = [
            widgets.Image(value=draw.png(f), format="png", layout=widgets.Layout(max_width="100%")) for f in figures
        ]

    def _history_table(self) -> None:
        self._history.value = draw.history_html(
            self.history[-_HISTORY_ROWS:], first=max(1, len(self.history) - _HISTORY_ROWS + 1)
        )

    def _say(self, text: str, level: str) -> None:
        self.message = text
        self._status.value = f"<span style='color:{_COLOURS[level]}'>{text}</span>"


def experiment(title: str = "Experiment", **defaults: Any) -> ExperimentPanel:
    """A panel with these starting knobs, e.g. ``experiment(server="gunicorn", workers=2, endpoint="sync cpu")``.

    Settings: server, workers, endpoint, seconds, requests, stagger_ms (0 = all at once),
    thread_tokens, fresh_connections, color_by (see ``panels.Settings``). A wrong name or value
    raises here, where the notebook's author sees it; what a learner changes later is checked
    when Run is pressed.

    server: "uvicorn", "uvicorn --workers", "gunicorn", "uvicorn --reload", "tiny ASGI", "fastapi run",
    "gunicorn -k asgi", "granian".
    endpoint: "async sleep", "async block", "sync sleep", "async spin", "sync spin", "async cpu",
    "sync cpu", "offload sleep", "to-thread sleep", "offload cpu", "to-thread cpu", "ping".
    """
    found = field_problems(defaults)
    if found:
        raise BadArgumentError("; ".join(found))
    return ExperimentPanel(Settings(**defaults), title=title)


def live_tree(
    server: servers.Server, *, refresh_s: float = 1.0, watch_s: float = 180.0, watch: bool = True
) -> TreePanel:
    """A live view of `server`'s processes with Kill / Add / Remove worker buttons, refreshed for `watch_s`."""
    return TreePanel(server, refresh_s=refresh_s, watch_s=watch_s, watch=watch)
