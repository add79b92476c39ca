"""Start real servers as subprocesses, wait until they answer, and stop every process they made.

    with servers.uvicorn("labapp.lab:app", workers=2) as srv:     # one cell
        print(srv.command)                                        # the exact command line
    srv = servers.gunicorn("labapp.lab:app", workers=3)           # across cells
    srv.stop()                                                    # or servers.stop_all()

Build, then start: a ``commands`` object describes a server (``print(desc)`` shows its command
line), ``start(desc)`` starts one, ``start_together({label: desc})`` several at once;
``servers.uvicorn(...)`` is ``start(commands.Uvicorn(...))`` in one call.

A ``Server`` does one job, its lifecycle: start, wait until ready, stop, kill; it shows its
``pid``, ``exitcode``, ``command`` and log. Its processes are ``procs.of(srv)``; each kind's
options are the fields of its class in ``commands``. Each server runs in its own session (a
kernel interrupt does not signal it), logs to a file (a full pipe would freeze it), and
carries this kernel's marker (orphaned workers can still be found). Starting a server under
a running one's name replaces it, which is what re-running a cell should do.

The one import side effect, on purpose: ``install_cleanup`` (at the bottom) stops every
server at kernel exit and after an interrupted cell.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import httpx
import psutil

from helpers import busytime, commands, cores, i18n, links, procs
from helpers._plumbing import diagnose, reaper, watchdog
from helpers._plumbing.environment import RUN_SECRET, SECRET_HEADER, marked_env
from helpers._plumbing.kernel import install_cleanup
from helpers._plumbing.marker import RUN_TOKEN, sweep
from helpers._plumbing.ports import free_port, http_status, is_listening
from helpers._plumbing.private import open_private_append, private_folder
from helpers.commands import PROJECT_ROOT, Command
from helpers.errors import BadArgumentError, NotReadyError, PortInUseError, ServerNotRunningError, ServerStartError

# One folder per kernel run in the shared temporary directory, made 0700 (its logs 0600) and used only
# if this user owns it: another learner on the node cannot read the logs or plant a symlink there.
LOG_DIR = Path(tempfile.gettempdir()) / f"serverlab-{RUN_TOKEN}"
_ATTEMPTS = 5  # pick-then-bind kinds (granian, module): a lost bind race restarts on a new port
_POLL_S = 0.01  # readiness is measured: a coarse poll adds its half-interval to every start
_registry: dict[str, Server] = {}
_registry_lock = threading.Lock()
P = ParamSpec("P")
T = TypeVar("T")


class Server:
    """One server process tree: start it, wait until it answers, read its log, stop all of it."""

    def __init__(self, launch: commands.Launch) -> None:
        self._launch = launch
        self._name = launch.display_name()
        self._marker = f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', self._name)[:40]}-{uuid.uuid4().hex[:6]}"
        self._port = launch.port or 0
        self._command: Command | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._log_path = LOG_DIR / f"{self._marker}.log"
        self._started_at: float | None = None
        self._ready_after_s: float | None = None
        self._log_offset = 0

    # -- what a learner may read (all read-only) -----------------------------------------
    @property
    def name(self) -> str:
        """The name a re-run cell replaces."""
        return self._name

    @property
    def marker(self) -> str:
        """SERVERLAB_SERVER in every process of this server."""
        return self._marker

    @property
    def port(self) -> int:
        """The port on 127.0.0.1 (chosen free by the OS unless given)."""
        return self._port

    @property
    def ready_after_s(self) -> float | None:
        """Seconds from launch to the first HTTP 200."""
        return self._ready_after_s

    @property
    def command(self) -> Command:
        """The command line this server runs (``print(srv.command)`` shows it as you would type it)."""
        return self._command or self._launch.command(self._port or 0)

    @property
    def pid(self) -> int:
        if self._process is None:
            raise ServerNotRunningError(i18n.text(f"server {self._name!r} was never started"))
        return self._process.pid

    @property
    def exitcode(self) -> int | None:
        """None while running (or never started); else the exit status, negative for a signal (-9: SIGKILL)."""
        return None if self._process is None else self._process.poll()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    def url_for(self, path: str) -> str:
        return self.url + (path if path.startswith("/") else "/" + path)

    def link(self, path: str = "/") -> links.Link:
        """A link to `path` your browser can open, also through a JupyterHub (``helpers.links``)."""
        if not self.is_running():
            raise ServerNotRunningError(i18n.text(f"server {self._name!r} is not running, so a link to it would lead "
                                                  "nowhere; start it again (re-run its cell)"))  # fmt: skip
        return links.to(self._port, path, label=f"{self._name} [{self.pid}]")

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> Server:
        """Launch the process and return once it answers HTTP 200 (and its workers are up)."""
        if self.is_running():
            return self
        watchdog.ensure_running()
        fixed = self._launch.port
        attempts = 1 if fixed else _ATTEMPTS
        for attempt in range(attempts):
            if fixed and is_listening(fixed):
                self._port, name, target = fixed, self._name, self._launch.target
                self._fail(PortInUseError, i18n.text(f"Server {name!r} ({target}) on port {fixed} cannot be bound: "
                                                     "it is already in use."))  # fmt: skip
            # Port 0: the server binds and reports the port (no window); else pick-then-bind, retried below.
            self._port = fixed or (0 if self._launch.reports_port else free_port())
            self._spawn()
            try:
                self.wait_until_ready()
                return self
            except PortInUseError:
                self.kill()  # another process took the port between free_port() and the bind: a new port, silently
                if attempt == attempts - 1:
                    raise
            except BaseException:
                self.kill()
                raise
        return self

    def _spawn(self) -> None:
        self._command = self._launch.command(self._port)
        private_folder(LOG_DIR)
        self._log_offset = self._log_path.stat().st_size if self._log_path.exists() else 0
        env = marked_env(self._marker, self._command.env, self._launch.env or {})
        log = open_private_append(self._log_path)
        try:
            self._process = subprocess.Popen(
                self._command.argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
                cwd=PROJECT_ROOT, start_new_session=True,  # own process group: a kernel interrupt does not reach it
            )  # fmt: skip
        finally:
            os.close(log)
        self._started_at = time.monotonic()

    def wait_until_ready(self, timeout_s: float | None = None) -> float:
        """Poll the ready path until HTTP 200; fail fast on exit or a fatal log line."""
        assert self._process is not None and self._started_at is not None
        limit_s = timeout_s or self._launch.ready_timeout_s
        deadline = time.monotonic() + limit_s
        path, name, target = self._launch.ready_path, self._name, self._launch.target
        not_found = 0
        while True:
            if (code := self._process.poll()) is not None:
                self._fail(diagnose.error_for_exit(self._log_since_spawn()), i18n.text(
                    f"Server {name!r} ({target}) on port {self._port} exited before answering: "
                    f"{diagnose.describe_exit(code)}."))  # fmt: skip
            if (fatal := diagnose.fatal_error_in(self._log_since_spawn())) is not None:
                self._fail(fatal, i18n.text(f"Server {name!r} ({target}) on port {self._port} logged an error it "
                                            "cannot recover from."))  # fmt: skip
            if self._port == 0:
                self._port = diagnose.reported_port(self._log_since_spawn())
            status = http_status(self._port, path) if self._port else None
            if status == 200 and self._workers_up():
                self._ready_after_s = time.monotonic() - self._started_at
                return self._ready_after_s
            not_found = not_found + 1 if status in (404, 405) else 0
            if not_found >= 5:
                self._fail(NotReadyError, i18n.text(f"Server {name!r} ({target}) on port {self._port} answers "
                                                    f"{path} with HTTP {status}: that is not a ready path of this "
                                                    "app."))  # fmt: skip
            if time.monotonic() >= deadline:
                port = self._port
                self._fail(NotReadyError, i18n.text(f"Server {name!r} ({target}) on port {port} was not ready "
                                                    f"within {limit_s:.0f} s (last answer: {status}).") if status
                           else i18n.text(f"Server {name!r} ({target}) on port {port} was not ready within "
                                          f"{limit_s:.0f} s (last answer: none)."))  # fmt: skip
            time.sleep(_POLL_S)

    def _fail(self, error_class: type[ServerStartError], summary: str) -> None:
        """Raise `error_class` with `summary` (a whole sentence in the kernel's language), a hint, the log's end."""
        target = self._launch.target
        tail = self.log_tail(20)
        if (cause := diagnose.cause_line(self._log_since_spawn(), error_class)) and cause not in tail:
            tail = f"{cause}\n...\n{tail}"
        raise error_class(summary, tail, diagnose.hint_for(error_class, self._port, target))

    def _workers_up(self) -> bool:
        expected = self._command.workers if self._command else None
        return expected is None or len(procs.of(self).workers) >= expected

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def is_ready(self) -> bool:
        """One GET of the ready path, now."""
        return self.is_running() and http_status(self._port, self._launch.ready_path) == 200

    def stop(self, timeout_s: float = 2.0) -> Server:
        """SIGTERM the root, give it `timeout_s` to exit, then SIGKILL the group and any marked straggler."""
        if self._process is None:
            return self
        members = reaper.members(self._process, self._marker)
        if self._process.poll() is None:
            self._process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=timeout_s)
        self._kill_everything(members)
        return self

    def kill(self) -> Server:
        """SIGKILL the whole tree now, orphans included."""
        if self._process is not None:
            self._kill_everything(reaper.members(self._process, self._marker))
        return self

    def _kill_everything(self, members: list[psutil.Process]) -> None:
        assert self._process is not None
        reaper.kill_tree(self._process, self._marker, members)
        with _registry_lock:
            if _registry.get(self._name) is self:
                del _registry[self._name]

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- its log, and two thin HTTP conveniences -------------------------------------------
    def log_text(self) -> str:
        try:
            return self._log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def _log_since_spawn(self) -> str:
        """The log of the current attempt only: an earlier attempt's 'address in use' must not fail a retry."""
        return self.log_text()[self._log_offset :]

    def log_tail(self, lines: int = 20) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def log_lines(self, matching: str | Iterable[str] = (), last: int | None = None) -> list[str]:
        """Log lines containing any of the words in `matching` (all lines if none), the `last` few if given."""
        words = [matching] if isinstance(matching, str) else list(matching)
        found = [line for line in self.log_text().splitlines() if not words or any(w in line for w in words)]
        return found[-last:] if last else found

    def request(self, method: str, path: str, timeout_s: float = 10.0) -> httpx.Response:
        """One request on a fresh connection (for many requests, use ``load.fire``).

        It carries this run's secret header, which the lab app's destructive endpoints require."""
        if not self.is_running():
            raise ServerNotRunningError(i18n.text(f"server {self._name!r} is not running; start it again "
                                                  "(re-run its cell)"))  # fmt: skip
        with httpx.Client(timeout=timeout_s, headers={SECRET_HEADER: RUN_SECRET}) as client:
            return client.request(method, self.url_for(path))

    def get(self, path: str, timeout_s: float = 10.0) -> Any:
        """GET a path and return the decoded JSON body."""
        return self.request("GET", path, timeout_s=timeout_s).json()

    def __repr__(self) -> str:
        state = "running" if self.is_running() else "stopped"
        pid = f" [{self._process.pid}]" if self._process else ""
        return f"<Server {self._name!r}{pid} {self.url} {state}>"


def start(description: commands.Launch) -> Server:
    """Start the server `description` describes (a ``commands`` object: ``commands.Uvicorn(workers=2)``),
    replacing a running one of the same name; return once it answers HTTP 200 and its workers run."""
    server = Server(description)
    with _registry_lock:
        old = _registry.get(server.name)
    if old is not None and old.is_running():
        old.stop()
    with _registry_lock:
        _registry[server.name] = server
    return server.start()


def start_together(descriptions: Mapping[str, commands.Launch], *, retries_when_busy: int = 2) -> dict[str, Server]:
    """Start every described server at once, each in its own thread; returns {label: Server} in the same order.

    ``servers.start_together({"one": commands.Uvicorn(), "two": commands.Uvicorn(workers=2)})``. Starting is
    mostly waiting (imports, readiness polls), so N servers take about as long as the slowest one. A
    description without a `name` gets its label as its name, so two servers of one kind do not replace
    each other (and re-running the cell replaces them all). The first failure is raised once all have finished.

    In a class, every learner starts the same servers in the same second: a server that was not ready
    in time while this machine's cores were measured busy is started again, alone, up to
    `retries_when_busy` times, and the cell says so. On a quiet machine the failure is raised.
    """
    named = {label: d if d.name else dataclasses.replace(d, name=label) for label, d in descriptions.items()}
    names = [d.display_name() for d in named.values()]
    if len(set(names)) < len(names):
        raise BadArgumentError(i18n.text(f"two descriptions share a name, so one would replace the other: {names}"))
    return call_together({label: functools.partial(start, d) for label, d in named.items()}, retries_when_busy)


def call_together(calls: Mapping[str, Callable[[], T]], retries_when_busy: int = 2) -> dict[str, T]:
    """``start_together`` for any calls that start something: `calls` run at once, then the busy-machine retry."""
    mark, began = busytime.runnable_busy_s(), time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, len(calls)), thread_name_prefix="serverlab-start") as pool:
        futures = {label: pool.submit(call) for label, call in calls.items()}
    busy = (busytime.runnable_busy_s() - mark) / max(time.monotonic() - began, 1e-3)
    done: dict[str, T] = {}
    for label, future in futures.items():
        error = future.exception()
        done[label] = future.result() if error is None else _again(label, calls[label], error, busy, retries_when_busy)
    return done


def _again(label: str, call: Callable[[], T], error: BaseException, busy: float, retries: int) -> T:
    """Call `call` again, alone, while the machine was busy when it was not ready in time; else raise `error`."""
    runnable = cores.detect().runnable
    for _ in range(retries):
        if not isinstance(error, NotReadyError) or busy < BUSY_SHARE * runnable:
            raise error
        print(
            f"… {label}: not ready in time while the machine's {runnable} cores were {busy:.2f} busy "
            "(other learners' servers starting too?): starting it again, alone"
        )
        mark, began = busytime.runnable_busy_s(), time.monotonic()
        try:
            return call()
        except NotReadyError as again:
            error = again
            busy = (busytime.runnable_busy_s() - mark) / max(time.monotonic() - began, 1e-3)
    raise error


BUSY_SHARE = 0.75  # cores busy, as a share of those we may run on, for a start that timed out to be retried


def factory(kind: Callable[P, commands.Launch]) -> Callable[P, Server]:
    """The one-call form: ``factory(commands.Uvicorn)(workers=2)`` is ``start(commands.Uvicorn(workers=2))``.

    It takes exactly `kind`'s fields, so mypy checks a call against the dataclass, and ``help()`` and
    ``inspect.signature`` show them (through ``__wrapped__``, the standard way). A bad argument fails
    in ``kind(...)``, before any process exists.
    """

    def start_kind(*args: P.args, **kwargs: P.kwargs) -> Server:
        return start(kind(*args, **kwargs))

    start_kind.__doc__ = (
        f"``servers.start(commands.{getattr(kind, '__name__', kind)}(...))``: start "
        f"{(kind.__doc__ or '').split(chr(10))[0].rstrip('.')}; wait until it answers HTTP 200."
    )
    return functools.update_wrapper(start_kind, kind, assigned=(), updated=())


uvicorn = factory(commands.Uvicorn)
gunicorn = factory(commands.Gunicorn)
module = factory(commands.Module)
fastapi_run = factory(commands.FastapiRun)
fastapi_dev = factory(commands.FastapiDev)
gunicorn_asgi = factory(commands.GunicornAsgi)
granian = factory(commands.Granian)


def running() -> list[Server]:
    with _registry_lock:
        return [s for s in _registry.values() if s.is_running()]


def stop_all() -> int:
    """Stop every server this kernel started and sweep anything they left; returns how many."""
    with _registry_lock:
        started = list(_registry.values())
    for server in started:
        server.stop(timeout_s=1.0)
    sweep(RUN_TOKEN, timeout_s=3.0)
    return len(started)


def _at_exit() -> int:
    count = stop_all()
    shutil.rmtree(LOG_DIR, ignore_errors=True)
    watchdog.release()
    return count


install_cleanup(_at_exit)  # the import side effect named in the docstring
