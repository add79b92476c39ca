"""The live process-tree panel: a server's processes, redrawn while the learner kills or adds workers.

A background thread takes a snapshot about once a second for a bounded time and logs every
change (which PID left, which arrived, how long after the learner's action), so the
supervisor's reaction is visible without re-running a cell.
"""

from __future__ import annotations

import html
import signal
import threading
import time

import ipywidgets as widgets
from matplotlib.figure import Figure

from helpers import i18n, procs
from helpers._plumbing.deadline import Deadline
from helpers.errors import BadArgumentError, ServerlabError
from helpers.panels import draw
from helpers.servers import Server

MAX_WATCH_S = 600.0
_LOG_LINES = 14
_RESIZABLE = ("master", "parent")  # gunicorn arbiter, uvicorn --workers supervisor


class TreePanel(widgets.VBox):  # type: ignore[misc]
    """Widget around one running server: tree picture, ps-like table, signal buttons, action log."""

    def __init__(self, server: Server, *, refresh_s: float = 1.0, watch_s: float = 180.0, watch: bool = True) -> None:
        if not isinstance(server, Server):
            raise BadArgumentError(i18n.text(f"live_tree needs a server from helpers.servers, got {server!r}"))
        if not 0.2 <= refresh_s <= 10:
            raise BadArgumentError(i18n.text(f"refresh_s must be from 0.2 to 10 s, got {refresh_s!r}"))
        if not 0 < watch_s <= MAX_WATCH_S:
            raise BadArgumentError(
                i18n.text(f"watch_s must be more than 0 and at most {MAX_WATCH_S:.0f} s, got {watch_s!r}")
            )
        self.server = server
        self.refresh_s = refresh_s
        self.watch_s = watch_s
        self.log_lines: list[str] = []
        self.last_tree: procs.ProcTree | None = None
        self._shape: tuple[tuple[int, int, str], ...] | None = None
        self._last_action: tuple[str, float] | None = None
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._header = widgets.HTML()
        self._image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self._table = widgets.HTML()
        self._log = widgets.HTML()
        self._watch_button = widgets.Button(description=i18n.text("Stop watching"), icon="pause")
        self._gone = False
        buttons = [
            (widgets.Button(description=i18n.text("Kill a worker (SIGKILL)"), button_style="danger"), self.kill_worker),
            (widgets.Button(description=i18n.text("Add worker (TTIN)"), button_style="success"), self.add_worker),
            (widgets.Button(description=i18n.text("Remove worker (TTOU)"), button_style="warning"), self.remove_worker),
            (self._watch_button, self._toggle_watch),
        ]
        for button, action in buttons:
            button.layout.width = "auto"
            button.on_click(lambda _b, act=action: self._safely(act))
        self._buttons = [b for b, _ in buttons]
        row = widgets.HBox(self._buttons)
        super().__init__([self._header, row, self._image, self._table, self._log])
        self.refresh()
        if watch:
            self.start_watching()

    # -- what the buttons do ---------------------------------------------------------------
    def refresh(self) -> procs.ProcTree | None:
        """Take a snapshot, log what changed since the last one, redraw if the tree's shape changed."""
        with self._lock:
            if not self.server.is_running():
                self._show_gone()
                return None
            tree = procs.of(self.server)
            new: dict[int, str] = {}
            if self.last_tree is not None:
                change = procs.diff(self.last_tree, tree)
                if change.gone or change.new:
                    new = {p.pid: "#2ca02c" for p in change.new}
                    self._note(self._describe(change))
            shape = tuple((p.pid, p.ppid, p.role) for p in tree.procs)
            if shape != self._shape:
                title = i18n.text(f"{self.server.name}: {len(tree.workers)} worker(s)")
                self._image.value = draw.png(draw.process_tree(tree, title, new))
                self._shape = shape
            self._table.value = f"<pre style='font-size:11px;line-height:1.25'>{html.escape(tree.table())}</pre>"
            name, root, workers, now = (
                html.escape(self.server.name),
                tree.root_pid,
                len(tree.workers),
                time.strftime("%H:%M:%S"),
            )
            self._header.value = (
                i18n.text(f"<b>{name}</b> [{root}] · {workers} worker(s) · watching · snapshot {now}")
                if self.is_watching
                else i18n.text(f"<b>{name}</b> [{root}] · {workers} worker(s) · not watching · snapshot {now}")
            )
            self.last_tree = tree
            return tree

    def kill_worker(self, pid: int | None = None) -> int | None:
        """SIGKILL one worker (the oldest unless `pid` is given); returns its PID, or None if refused."""
        tree = self.refresh()
        if tree is None:
            self._refuse(i18n.text("the server is not running"))
            return None
        if not tree.workers:
            self._refuse(i18n.text("this server has no worker processes (one process does everything): "
                                   "killing it would end the server; try 'uvicorn --workers' or gunicorn"))  # fmt: skip
            return None
        target = tree.workers[0].pid if pid is None else pid
        try:
            procs.signal(self.server, "KILL", pid=target)
        except (ServerlabError, OSError) as exc:
            self._refuse(i18n.text(f"could not kill [{target}]: {exc}"))
            return None
        self._act(f"SIGKILL → worker [{target}]")
        return target

    def add_worker(self) -> bool:
        """SIGTTIN to the master or supervisor: one more worker."""
        return self._resize("TTIN")

    def remove_worker(self) -> bool:
        """SIGTTOU to the master or supervisor: one worker fewer."""
        return self._resize("TTOU")

    def _resize(self, signal: str) -> bool:
        tree = self.refresh()
        if tree is None:
            self._refuse(i18n.text("the server is not running"))
            return False
        root = next((p for p in tree.procs if p.pid == tree.root_pid), None)
        if root is None or root.role not in _RESIZABLE:
            role = root.role if root else "gone"
            self._refuse(
                i18n.text(
                    "the root process is a server, not a master that manages workers (a single-process uvicorn is "
                    "*stopped* by SIGTTIN: job control)"
                )
                if role == "server"
                else i18n.text(f"the root process is a {role}, not a master that manages workers")
            )
            return False
        if signal == "TTOU" and len(tree.workers) <= 1:
            self._refuse(i18n.text("only one worker is left: keep it"))
            return False
        try:
            procs.signal(self.server, signal)
        except (ServerlabError, OSError) as exc:
            self._refuse(i18n.text(f"could not send SIG{signal}: {exc}"))
            return False
        self._act(
            i18n.text(f"SIG{signal} → {root.role} [{root.pid}] (asks for one more worker)")
            if signal == "TTIN"
            else i18n.text(f"SIG{signal} → {root.role} [{root.pid}] (asks for one worker fewer)")
        )
        return True

    # -- watching ---------------------------------------------------------------------------
    @property
    def is_watching(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._stop.is_set()

    def start_watching(self) -> None:
        """Refresh every `refresh_s` in a background thread for at most `watch_s`."""
        if self.is_watching:
            return
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(self._stop,), name="serverlab-tree", daemon=True)
        self._thread.start()
        self._watch_button.description, self._watch_button.icon = i18n.text("Stop watching"), "pause"

    def stop_watching(self, timeout_s: float = 2.0) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout_s)

    def _toggle_watch(self) -> None:
        if self.is_watching:
            self.stop_watching()
        else:
            self.start_watching()

    def _watch(self, stop: threading.Event) -> None:
        deadline = Deadline(self.watch_s)
        reason = i18n.text("stopped watching")
        while not stop.is_set():
            if not deadline.running():
                reason = i18n.text(f"stopped watching after {self.watch_s:.0f} s (press Watch to go on)")
                break
            if not self.server.is_running():
                reason = i18n.text("stopped watching: the server is not running")
                self._show_gone()
                break
            try:
                self.refresh()
            except Exception as exc:  # a process vanishing mid-snapshot must not end the panel
                self._note(i18n.text(f"snapshot failed: {type(exc).__name__}: {exc}"))
            stop.wait(self.refresh_s)
        self._watch_button.description, self._watch_button.icon = i18n.text("Watch"), "play"
        self._note(reason)

    # -- a server that is gone ---------------------------------------------------------------
    def _show_gone(self) -> None:
        """Grey the last picture, disable the buttons, and say why the server is gone and how to bring it back."""
        with self._lock:
            if self._gone:
                return
            name, why = html.escape(self.server.name), html.escape(gone_reason(self.server.exitcode))
            self._header.value = (
                "<div style='background:#f3f3f3;color:#555;border-left:4px solid #c44e52;padding:4px 8px'>"
                + i18n.text(
                    f"<b>{name}</b>: <b>server gone</b> ({why}). The picture below is its last tree, not a live one. "
                    "To bring it back, re-run the cell above this panel, then this one."
                )
                + "</div>"
            )
            if self.last_tree is not None:
                self._image.value = draw.png(_gone_tree(self.last_tree, i18n.text(f"{self.server.name}: gone")))
                self._table.value = (
                    "<pre style='font-size:11px;line-height:1.25;color:#999;text-decoration:line-through'>"
                    f"{html.escape(self.last_tree.table())}</pre>"
                )
            for button in self._buttons:
                if button is not self._watch_button:
                    button.disabled = True
            self._gone = True  # last: whoever sees it set sees the whole gone view

    @property
    def is_gone(self) -> bool:
        return self._gone

    # -- the log ------------------------------------------------------------------------------
    def _describe(self, change: procs.ProcDiff) -> str:
        parts = []
        if change.gone:
            parts.append(i18n.text(f"gone: {', '.join(f'{p.role} [{p.pid}]' for p in change.gone)}"))
        if change.new:
            parts.append(i18n.text(f"new: {', '.join(f'{p.role} [{p.pid}]' for p in change.new)}"))
        text = " · ".join(parts)
        if self._last_action is not None:
            what, when = self._last_action
            text += " " + i18n.text(f"(seen {time.monotonic() - when:.1f} s after {what.split(' ')[0]})")
        return text

    def _act(self, what: str) -> None:
        self._last_action = (what, time.monotonic())
        self._note(what)

    def _refuse(self, why: str) -> None:
        self._note(i18n.text(f"refused: {why}"))

    def _note(self, line: str) -> None:
        with self._lock:
            self.log_lines.append(f"{time.strftime('%H:%M:%S')}  {line}")
            shown = "\n".join(html.escape(x) for x in self.log_lines[-_LOG_LINES:])
            self._log.value = f"<pre style='font-size:11px;margin:0'>{shown}</pre>"

    def _safely(self, action: object) -> None:
        """Run a button's action; an error becomes a log line, never a traceback lost in the browser console."""
        try:
            action()  # type: ignore[operator]
        except Exception as exc:
            self._note(f"{type(exc).__name__}: {exc}")


def gone_reason(exitcode: int | None) -> str:
    """One line on how the server ended, from its exit status."""
    stoppers = i18n.text("srv.stop(), servers.stop_all(), the reset cell, or an interrupted cell")
    if exitcode is None:
        return i18n.text("its process is no longer running")
    if exitcode == 0:
        return i18n.text(f"it exited cleanly, as a server does when it is stopped: {stoppers}")
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            return i18n.text(f"ended by signal {-exitcode}")
        return i18n.text(f"ended by {name}: {stoppers}") if name == "SIGTERM" else i18n.text(f"ended by {name}")
    return i18n.text(f"it exited with status {exitcode}: srv.log_tail() shows why")


def _gone_tree(tree: procs.ProcTree, title: str) -> Figure:
    """The last tree of a server that is gone: the same layout, greyed, marked "gone"."""
    fig = draw.process_tree(tree, title, {})
    ax = fig.axes[0]
    for text in ax.texts:
        text.set_color("#a0a0a0")
        box = text.get_bbox_patch()
        if box is not None:
            box.set_facecolor("#eeeeee")
            box.set_edgecolor("#cccccc")
    for line in ax.lines:
        line.set_color("#dddddd")
    ax.title.set_color("#a0a0a0")
    ax.text(0.5, 0.5, i18n.text("gone"), transform=ax.transAxes, ha="center", va="center", fontsize=42,
            color="#c44e52", alpha=0.35, rotation=12)  # fmt: skip
    return fig
