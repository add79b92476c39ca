"""Notebook 04's panel: pick a library and how its handler is declared, press Run, see what /ping suffers.

Each run starts its own ``labapp.awaits`` (told the upstream's URL, no process pool), sends the
calls at once with a ``/ping`` every 0.1 s, draws the timeline and stops that server. The run
happens in the background (``background.BackgroundRun``, as in the experiment panels), so Stop
kills the run's server at once; the upstream of section 1 is left running.

    panel = awaiting.panel(up)                  # up = awaiting.upstream()
    panel.configure(library="requests", declared="async def", requests=6, seconds=0.5)
    panel.run()                                 # Run, and wait; panel.stop() is Stop
"""

from __future__ import annotations

import asyncio
import html
import threading
from typing import Any

import ipywidgets as widgets

from helpers import i18n, load
from helpers.errors import BadArgumentError, ServerlabError
from helpers.panels import draw
from helpers.panels.background import BackgroundRun
from helpers.records import RequestRecord
from helpers.servers import Server
from helpers.topics.awaiting.apps import lab
from helpers.topics.awaiting.pings import PingedRun, ping_plan
from labapp import contract

PATHS: dict[tuple[str, str], str] = {
    ("requests", "async def"): contract.CALL_REQUESTS_IN_ASYNC + "?delay_s={s}",
    ("requests", "def"): contract.CALL_REQUESTS_IN_DEF + "?delay_s={s}",
    ("httpx.AsyncClient, shared", "async def"): contract.CALL_HTTPX_ASYNC + "?delay_s={s}",
    ("httpx.AsyncClient per request", "async def"): contract.CALL_HTTPX_PER_REQUEST + "?delay_s={s}",
    ("sqlite3", "async def"): contract.DB_ASYNC + "?s={s}",
    ("sqlite3", "def"): contract.DB_SYNC + "?s={s}",
    ("sqlite3", "async def + run_in_threadpool"): contract.DB_OFFLOAD + "?s={s}",
}
PING_INTERVAL_S = 0.1
TIMEOUT_S = 30.0  # per request; the slowest choice (10 blocking calls of 1 s) takes about 10 s


class AwaitsPanel(widgets.VBox):  # type: ignore[misc]
    """Library, declaration, requests and seconds; Run / Stop; the status line and the timeline."""

    def __init__(self, up: Server, title: str = "04 what really awaits") -> None:
        self.up = up
        self.message = ""
        self._state = ""  # "running" or "stopped" once said: what Stop and the progress tick go by, in any language
        self.result: PingedRun | None = None
        self._run = BackgroundRun(title)
        self._controls: dict[str, widgets.ValueWidget] = {
            "library": widgets.Dropdown(options=list(dict.fromkeys(k[0] for k in PATHS)), description="library"),
            "declared": widgets.Dropdown(options=list(dict.fromkeys(k[1] for k in PATHS)), description="declared as"),
            "requests": widgets.IntSlider(value=4, min=1, max=10, description="requests"),
            "seconds": widgets.FloatSlider(value=0.5, min=0.1, max=1.0, step=0.1, description="seconds"),
        }
        run_button = widgets.Button(description="Run", button_style="success", icon="play")
        stop_button = widgets.Button(description="Stop", button_style="danger", icon="stop")
        run_button.on_click(lambda _b: self.start())
        stop_button.on_click(lambda _b: self.stop())
        self._status = widgets.HTML()
        self._image = widgets.Image(format="png", layout=widgets.Layout(display="none", max_width="100%"))
        c = self._controls
        super().__init__([
            widgets.HBox([c["library"], c["declared"]]),
            widgets.HBox([c["requests"], c["seconds"], run_button, stop_button]),
            self._status, self._image,
        ])  # fmt: skip

    def configure(self, **values: Any) -> None:
        """Set controls from code, as a learner would: library=, declared=, requests=, seconds=."""
        for name, value in values.items():
            if name not in self._controls:
                raise BadArgumentError(i18n.text(f"unknown setting {name!r}: choose from {', '.join(self._controls)}"))
            self._controls[name].value = value

    @property
    def running(self) -> bool:
        return self._run.running

    def start(self) -> bool:
        """What Run does: check the choice, then run in a background thread. False if refused."""
        if self.running:
            self._say(i18n.text("a run is in progress: wait for it, or press Stop"))
            return False
        c = self._controls
        library, declared = str(c["library"].value), str(c["declared"].value)
        path = PATHS.get((library, declared))
        if path is None:
            self._say(i18n.text(f"this lab has no {declared} handler calling {library}: pick another pair"))
            return False
        if not self.up.is_running():
            self._say(i18n.text("the upstream is not running: re-run the cell that starts it (section 1)"))
            return False
        n, seconds = int(c["requests"].value), float(c["seconds"].value)
        title = i18n.text(f"{n} × {library} in {declared}, /ping meanwhile")
        if not self._run.start(lambda stop: self._work(path.format(s=seconds), n, seconds, title, stop)):
            self._say(i18n.text("a run is in progress: wait for it, or press Stop"))
            return False
        return True

    def run(self) -> PingedRun | None:
        """Run and wait (for code and tests): the measured run, None if refused, stopped or failed."""
        self.result = None
        if self.start():
            self._run.wait(TIMEOUT_S + 30.0)
        return self.result

    def stop(self, timeout_s: float = 3.0) -> str:
        """What Stop does: kill the run's lab server now, cancel its requests, wait briefly for the thread."""
        if not self._run.stop(timeout_s):
            self._say(i18n.text("stopped: no run was in progress"), "stopped")
        elif self._state != "stopped":
            self._say(i18n.text("stopped"), "stopped")
        return self.message

    def _work(self, path: str, n: int, seconds: float, title: str, stop: threading.Event) -> None:
        pings = max(5, min(100, int(n * seconds / PING_INTERVAL_S)))
        plan, delays = ping_plan(path, n, pings=pings, interval_s=PING_INTERVAL_S)
        done: list[RequestRecord] = []
        records: list[RequestRecord] = []
        self._say(i18n.text("starting a lab server of its own…"))
        srv: Server | None = None
        try:
            srv = lab(self.up, process_workers=0, name=self._run.server_name)
            if not stop.is_set():
                self._say(i18n.text(f"running: {html.escape(title)}"), "running")
                sending = load.fire_async(srv, paths=plan, delays_s=delays, timeout_s=TIMEOUT_S, on_record=done.append)
                records = self._run.fire(sending, lambda: self._tick(done, len(plan)))
        except asyncio.CancelledError:
            pass  # Stop: said below
        except ServerlabError as exc:
            if not stop.is_set():
                self._say(i18n.text(f"the lab server did not run: {html.escape(str(exc).splitlines()[0])}"))
                return
        except Exception as exc:  # shown in the panel, not lost in the widget log
            self._say(html.escape(i18n.text(f"the run failed: {type(exc).__name__}: {exc}")))
            return
        finally:
            if srv is not None:
                srv.stop(timeout_s=1.0)
        if stop.is_set():  # the kill may end every request before the cancel arrives
            answered = sum(1 for r in done if r.ok)
            self._say(
                i18n.text(f"stopped: the lab server was killed; {answered} of {len(plan)} requests had been answered"),
                "stopped",
            )
            return
        got = PingedRun.split(records, n)
        self._image.value = draw.png(draw.timeline(got.records, color_by="path", title=title))
        self._image.layout.display = ""
        self.result = got
        lag_ms = got.max_lag_s * 1000
        self._say(
            i18n.text(f"{n} calls took {got.span_s:.2f} s; slowest /ping {lag_ms:.0f} ms; the lab server is stopped")
        )

    def _tick(self, done: list[RequestRecord], total: int) -> None:
        if self._state == "running":
            self._status.value = self.message + i18n.text(f" · {len(done)}/{total} answered")

    def _say(self, text: str, state: str = "") -> None:
        self.message, self._state = text, state
        self._status.value = text


def panel(up: Server) -> AwaitsPanel:
    """Pick a library and a declaration, press Run: a fresh lab calls `up` `n` times, /ping meanwhile, drawn.

    Stop kills the run's lab server at once. It is built from the general panels' parts (``panels.draw``,
    ``panels.background``) and notebook 04's instruments (``apps``, ``pings``); none of those imports it."""
    return AwaitsPanel(up)
