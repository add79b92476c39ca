"""Start real servers as subprocesses, wait until they answer, and stop every process they made.

    with servers.uvicorn("labapp.lab:app", workers=2) as srv:     # one cell
        ...
    srv = servers.gunicorn("labapp.lab:app", workers=3)           # across cells
    srv.stop()                                                    # or servers.stop_all()

Each server runs in its own session (so a kernel interrupt does not signal it), logs to a
file (a pipe could fill up and freeze it), and carries this kernel's marker in its
environment (so orphaned workers can still be found). Starting a server under a name that
is already running replaces the old one, which is what re-running a cell should do.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import psutil

from helpers import _commands, _diagnose, _watchdog, procs
from helpers._commands import Command
from helpers._kernel import install_cleanup
from helpers._marker import RUN_TOKEN, RUN_VAR, SERVER_VAR, sweep
from helpers._ports import free_port, is_listening
from helpers.errors import BadArgumentError, NotReadyError, PortInUseError, ServerNotRunningError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LOG_DIR = Path(tempfile.gettempdir()) / f"serverlab-{RUN_TOKEN}"
DEFAULT_READY_TIMEOUT_S = 20.0
_POLL_S = 0.01  # readiness is measured: a coarse poll adds its half-interval to every start
_registry: dict[str, Server] = {}
_registry_lock = threading.Lock()


class Server:
    """One server process tree: start it, ask it, signal it, read its log, stop all of it."""

    def __init__(
        self,
        build: Callable[[int], Command],
        *,
        name: str,
        port: int | None = None,
        ready_path: str = "/health",
        ready_timeout_s: float = DEFAULT_READY_TIMEOUT_S,
        env: dict[str, str] | None = None,
    ) -> None:
        if port is not None and (not isinstance(port, int) or not 1 <= port <= 65535):
            raise BadArgumentError(f"port must be a whole number from 1 to 65535 or None, got {port!r}")
        _commands.check_positive("ready_timeout_s", ready_timeout_s)
        self.name = name
        self.ready_path = ready_path
        self.ready_timeout_s = ready_timeout_s
        self._build = build
        self._fixed_port = port
        self._extra_env = {k: str(v) for k, v in (env or {}).items()}
        self.id = f"{name}-{uuid.uuid4().hex[:6]}"
        self.port = port or 0
        self.command: Command | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = LOG_DIR / f"{self.id}.log"
        self.started_at: float | None = None
        self.ready_after_s: float | None = None

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> Server:
        """Launch the process and return once it answers HTTP 200 (and its workers are up)."""
        if self.is_running():
            return self
        _watchdog.ensure_running()
        attempts = 1 if self._fixed_port else 3
        for attempt in range(attempts):
            self.port = self._fixed_port or free_port()
            if self._fixed_port and is_listening(self.port):
                raise PortInUseError(
                    f"Port {self.port} on 127.0.0.1 is already in use, so {self.name!r} cannot bind it.",
                    hint=_diagnose.hint_for(PortInUseError, self.port, self.name),
                )
            self._launch()
            try:
                self.wait_until_ready()
                return self
            except PortInUseError:
                self.kill()
                if attempt == attempts - 1:
                    raise
            except BaseException:
                self.kill()
                raise
        return self

    def _launch(self) -> None:
        self.command = self._build(self.port)
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            **self.command.env,
            **self._extra_env,
            RUN_VAR: RUN_TOKEN,
            SERVER_VAR: self.id,
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
        }
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command.argv,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=self.command.cwd or PROJECT_ROOT,
                start_new_session=True,  # own process group; a kernel interrupt does not reach it
            )
        self.started_at = time.monotonic()

    def wait_until_ready(self, timeout_s: float | None = None) -> float:
        """Poll the ready path until HTTP 200; fail fast on exit or a fatal log line."""
        assert self.process is not None and self.started_at is not None
        deadline = time.monotonic() + (timeout_s or self.ready_timeout_s)
        not_found = 0
        while True:
            returncode = self.process.poll()
            if returncode is not None:
                self._fail(
                    _diagnose.error_for_exit(self.log_text()),
                    f"exited before answering: {_diagnose.describe_exit(returncode)}.",
                )
            fatal = _diagnose.fatal_error_in(self.log_text())
            if fatal is not None:
                self._fail(fatal, "logged an error it cannot recover from.")
            status = self._probe(self.ready_path)
            if status == 200 and self._workers_up():
                self.ready_after_s = time.monotonic() - self.started_at
                return self.ready_after_s
            not_found = not_found + 1 if status in (404, 405) else 0
            if not_found >= 5:
                self._fail(
                    NotReadyError,
                    f"answers {self.ready_path} with HTTP {status}: that path is not a ready path of this app.",
                )
            if time.monotonic() >= deadline:
                self._fail(
                    NotReadyError,
                    f"was not ready within {timeout_s or self.ready_timeout_s:.0f} s "
                    f"(last answer: {status or 'none'}).",
                )
            time.sleep(_POLL_S)

    def _fail(self, error_class: type[Exception], what: str) -> None:
        from helpers.errors import ServerStartError

        target = self.command.target if self.command else self.name
        summary = f"Server {self.name!r} ({target}) on port {self.port} {what}"
        assert issubclass(error_class, ServerStartError)
        raise error_class(summary, self.log_tail(20), _diagnose.hint_for(error_class, self.port, target))

    def _probe(self, path: str) -> int | None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1.0)
        try:
            conn.request("GET", path)
            return conn.getresponse().status
        except (OSError, http.client.HTTPException):
            return None
        finally:
            conn.close()

    def _workers_up(self) -> bool:
        expected = self.command.workers if self.command else None
        if expected is None:
            return True
        return len(self.procs().workers) >= expected

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def is_ready(self) -> bool:
        """One GET of the ready path, now."""
        return self.is_running() and self._probe(self.ready_path) == 200

    def stop(self, timeout_s: float = 2.0) -> Server:
        """SIGTERM the root, give it `timeout_s` to exit, then SIGKILL the group and any marked straggler."""
        if self.process is None:
            return self
        members = self._members()
        if self.process.poll() is None:
            try:
                self.process.terminate()
                self.process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                pass
        self._kill_everything(members)
        return self

    def kill(self) -> Server:
        """SIGKILL the whole tree now, orphans included."""
        if self.process is not None:
            self._kill_everything(self._members())
        return self

    def _members(self) -> list[psutil.Process]:
        """Every live process of this server, read before killing: a dying process hides its environment."""
        assert self.process is not None
        found = {p.pid: p for p in procs.server_processes(self.id)}
        with contextlib.suppress(psutil.Error):
            leader = psutil.Process(self.process.pid)
            for proc in [leader, *leader.children(recursive=True)]:
                found.setdefault(proc.pid, proc)
        return list(found.values())

    def _kill_everything(self, members: list[psutil.Process]) -> None:
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, 9)
        for proc in members:  # orphans that left the group, if any
            with contextlib.suppress(psutil.Error):
                proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        procs.wait_gone(members, timeout_s=3.0)  # return only once they are really gone
        sweep(RUN_TOKEN, self.id, timeout_s=2.0)
        with _registry_lock:
            if _registry.get(self.name) is self:
                del _registry[self.name]

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- looking inside ------------------------------------------------------------------
    @property
    def pid(self) -> int:
        if self.process is None:
            raise ServerNotRunningError(f"server {self.name!r} was never started")
        return self.process.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url_for(self, path: str) -> str:
        return self.url + (path if path.startswith("/") else "/" + path)

    def get(self, path: str, timeout_s: float = 10.0) -> Any:
        """GET a path on a fresh connection and return the decoded JSON body."""
        return self.request("GET", path, timeout_s=timeout_s).json()

    def request(self, method: str, path: str, timeout_s: float = 10.0) -> httpx.Response:
        if not self.is_running():
            raise ServerNotRunningError(f"server {self.name!r} is not running; start it again (re-run its cell)")
        with httpx.Client(timeout=timeout_s) as client:
            return client.request(method, self.url_for(path))

    def procs(self) -> procs.ProcTree:
        """Snapshot of the tree, including workers orphaned after their master died."""
        return procs.snapshot(self.pid, extra=procs.server_processes(self.id))

    def worker_pids(self) -> list[int]:
        return [p.pid for p in self.procs().workers]

    def signal(self, name: str, pid: int | None = None) -> None:
        """Send signal `name` ('TERM', 'KILL', 'TTIN', ...) to the root or to process `pid` of this server."""
        target = self.pid if pid is None else pid
        if pid is not None and pid not in self.procs().pids:
            raise BadArgumentError(f"[{pid}] is not a process of server {self.name!r}")
        procs.send_signal(target, name)

    def wait_for_workers(self, count: int, timeout_s: float = 15.0) -> list[int]:
        """Wait until exactly `count` workers are alive; returns their PIDs."""
        procs.wait_until(
            lambda: len(self.worker_pids()) == count, timeout_s, what=f"{count} live workers of {self.name!r}"
        )
        return self.worker_pids()

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, lines: int = 20) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def __repr__(self) -> str:
        state = "running" if self.is_running() else "stopped"
        pid = f" [{self.process.pid}]" if self.process else ""
        return f"<Server {self.name!r}{pid} {self.url} {state}>"


def _register(server: Server) -> Server:
    """Replace a running server of the same name (a re-run cell), then start this one."""
    with _registry_lock:
        old = _registry.get(server.name)
    if old is not None and old.is_running():
        old.stop()
    with _registry_lock:
        _registry[server.name] = server
    return server.start()


def _start(build: Callable[[int], Command], name: str, **server_options: Any) -> Server:
    """Check every argument by building the command once, then register and start the server."""
    build(1)  # a bad argument fails here, before any process exists
    return _register(Server(build, name=name, **server_options))


def uvicorn(
    app: str = "labapp.lab:app",
    *,
    workers: int | None = None,
    reload: bool = False,
    app_dir: str | None = None,
    access_log: bool = True,
    name: str | None = None,
    port: int | None = None,
    ready_path: str = "/health",
    ready_timeout_s: float = DEFAULT_READY_TIMEOUT_S,
    env: dict[str, str] | None = None,
    extra_args: tuple[str, ...] = (),
) -> Server:
    """Start ``uvicorn APP`` (one process, ``--workers N``, or ``--reload``) and wait until ready."""
    options: dict[str, Any] = dict(
        workers=workers, reload=reload, app_dir=app_dir, access_log=access_log, extra_args=extra_args
    )
    return _start(
        lambda p: _commands.uvicorn_command(app, p, **options), name or f"uvicorn {app}",
        port=port, ready_path=ready_path, ready_timeout_s=ready_timeout_s, env=env,
    )  # fmt: skip


def gunicorn(
    app: str = "labapp.lab:app",
    *,
    workers: int = 2,
    worker_class: str = _commands.UVICORN_WORKER,
    timeout_s: int | None = None,
    graceful_timeout_s: int | None = None,
    max_requests: int | None = None,
    max_requests_jitter: int | None = None,
    threads: int | None = None,
    app_dir: str | None = None,
    access_log: bool = True,
    name: str | None = None,
    port: int | None = None,
    ready_path: str = "/health",
    ready_timeout_s: float = DEFAULT_READY_TIMEOUT_S,
    env: dict[str, str] | None = None,
    extra_args: tuple[str, ...] = (),
) -> Server:
    """Start ``gunicorn -k uvicorn_worker.UvicornWorker APP`` and wait for all its workers."""
    options: dict[str, Any] = dict(
        workers=workers, worker_class=worker_class, timeout_s=timeout_s, graceful_timeout_s=graceful_timeout_s,
        max_requests=max_requests, max_requests_jitter=max_requests_jitter, threads=threads,
        app_dir=app_dir, access_log=access_log, extra_args=extra_args,
    )  # fmt: skip
    return _start(
        lambda p: _commands.gunicorn_command(app, p, **options), name or f"gunicorn {app}",
        port=port, ready_path=ready_path, ready_timeout_s=ready_timeout_s, env=env,
    )  # fmt: skip


def module(
    module_name: str,
    *,
    args: tuple[str, ...] = (),
    name: str | None = None,
    port: int | None = None,
    ready_path: str = "/",
    ready_timeout_s: float = DEFAULT_READY_TIMEOUT_S,
    env: dict[str, str] | None = None,
) -> Server:
    """Start ``python -m MODULE`` (PORT in its environment; ``{port}`` in args is filled in)."""
    return _start(
        lambda p: _commands.module_command(module_name, p, args=args), name or f"python -m {module_name}",
        port=port, ready_path=ready_path, ready_timeout_s=ready_timeout_s, env=env,
    )  # fmt: skip


def running() -> list[Server]:
    with _registry_lock:
        return [s for s in _registry.values() if s.is_running()]


def stop_all() -> int:
    """Stop every server this kernel started and sweep anything they left; returns how many."""
    with _registry_lock:
        servers = list(_registry.values())
    for server in servers:
        server.stop(timeout_s=1.0)
    sweep(RUN_TOKEN, timeout_s=3.0)
    return len(servers)


def _at_exit() -> int:
    count = stop_all()
    shutil.rmtree(LOG_DIR, ignore_errors=True)
    _watchdog.release()
    return count


install_cleanup(_at_exit)
