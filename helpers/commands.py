"""The exact command line of every server the course starts: read this to see what really runs.

Each server kind is one frozen dataclass. Its fields are the options a notebook may pass
(checked when the object is made, so a wrong value fails in the cell with a sentence, not as
a server that exits with a usage message later), and ``command(port)`` is the command line.
``servers.uvicorn(...)``, ``servers.gunicorn(...)`` and ``servers.module(...)`` take exactly
these fields, so adding a taught uvicorn flag means one field and one ``UVICORN_FLAGS`` line (and
its release in ``UVICORN_SINCE``); a gunicorn flag, one field and its line in ``Gunicorn.command``.

    print(commands.Gunicorn("labapp.lab:app", workers=3).command(8000))
    # python -m gunicorn labapp.lab:app --worker-class uvicorn_worker.UvicornWorker --bind 127.0.0.1:8000 ...
    print(srv.command)   # the command a running server was started with
"""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass, field
from pathlib import Path
from typing import ClassVar

from helpers import i18n
from helpers.errors import BadArgumentError
from labapp import contract

# A kind's name is its class's `kind` (below), not a second list kept by hand: adding a kind is one dataclass
# here and its `factory` line in servers.py (and, to offer it in the panels, one line in panels/settings.SERVERS).
ServerKind = str
HOST = "127.0.0.1"
DEFAULT_APP = contract.LAB_APP
UVICORN_WORKER = "uvicorn_worker.UvicornWorker"
GUNICORN_ASGI = "asgi"  # gunicorn's own ASGI worker (gunicorn >= 24)
PROJECT_ROOT = Path(__file__).resolve().parent.parent
MAX_WORKERS = 16
DEFAULT_READY_TIMEOUT_S = 20.0
APP_PATTERN = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$")
MODULE_PATTERN = re.compile(r"^[A-Za-z_][\w.]*$")
_SHOWN_PORT = 65535  # stands for "a port picked at start" when a description is printed


@dataclass(frozen=True)
class Command:
    """What runs: the argv, the extra environment, and how many worker processes to expect."""

    kind: ServerKind
    target: str
    argv: tuple[str, ...]
    workers: int | None = None
    env: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        """The command line as a learner would type it (``python`` for this interpreter)."""
        return shlex.join(["python", *self.argv[1:]])


@dataclass(frozen=True, kw_only=True)
class Launch:
    """How the helpers start and watch a server; not part of its command line."""

    kind: ClassVar[ServerKind]
    # True when the server accepts port 0 and logs the port the OS gave it: the helpers then start it on
    # port 0 and read the port back, so no other process can take the port between choosing and binding.
    reports_port: ClassVar[bool] = False
    name: str | None = None
    port: int | None = None
    ready_path: str = contract.HEALTH
    ready_timeout_s: float = DEFAULT_READY_TIMEOUT_S
    env: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        if self.port is not None and (not _whole(self.port) or not 1 <= self.port <= 65535):
            raise BadArgumentError(i18n.text(f"port must be a whole number from 1 to 65535 or None, got {self.port!r}"))
        check_positive("ready_timeout_s", self.ready_timeout_s)
        self.command(1)  # every other argument is checked by building the command once

    @property
    def target(self) -> str:
        raise NotImplementedError

    def command(self, port: int) -> Command:
        raise NotImplementedError

    def display_name(self) -> str:
        return self.name or f"{self.kind} {self.target}"

    def __str__(self) -> str:
        """The command line this description starts: ``print(commands.Uvicorn(workers=2))``.

        A server that reports its own port runs with ``--port 0`` (as shown); for the others the
        helpers pick a free port at start, shown here as PORT.
        """
        if self.port or self.reports_port:
            return str(self.command(self.port or 0))
        return str(self.command(_SHOWN_PORT)).replace(str(_SHOWN_PORT), "PORT")


@dataclass(frozen=True)
class App(Launch):
    """A server that imports an ASGI app named 'module:attribute'; `extra_args` go at the end of its command."""

    app: str = DEFAULT_APP
    _: KW_ONLY
    extra_args: tuple[str, ...] = ()

    @property
    def target(self) -> str:
        return self.app


@dataclass(frozen=True, kw_only=True)
class AppServer(App):
    """uvicorn and gunicorn: both can import the app from another directory and turn their access log off.

    `app_dir` is where the app is imported from: uvicorn's ``--app-dir``, gunicorn's ``--chdir``.
    """

    app_dir: str | None = None
    access_log: bool = True


@dataclass(frozen=True, kw_only=True)
class Uvicorn(AppServer):
    """``python -m uvicorn APP``: one process, ``--workers N`` (a supervisor and N workers), or ``--reload``.

    The flags the course teaches are fields (uvicorn's CLI types them all as int; the version that
    added each is in ``UVICORN_SINCE``); `extra_args` stays for the ones it does not teach.
    `reload_dir` is what ``--reload`` watches; without it, a reloading server watches `app_dir`
    (uvicorn alone would watch the current directory, the whole project).
    """

    kind: ClassVar[ServerKind] = "uvicorn"
    reports_port: ClassVar[bool] = True
    workers: int | None = None
    reload: bool = False
    reload_dir: str | None = None
    limit_concurrency: int | None = None  # more connections or tasks at once get HTTP 503
    backlog: int | None = None  # connections the kernel queues before the server accepts them (2048)
    timeout_keep_alive_s: int | None = None  # an idle keep-alive connection is closed after this (5)
    timeout_graceful_shutdown_s: int | None = None  # on shutdown, requests still running get this long
    limit_max_requests: int | None = None  # a worker exits (and is replaced) after this many requests
    limit_max_requests_jitter: int | None = None  # plus a random 0..jitter, so workers do not exit together
    timeout_worker_healthcheck_s: int | None = None  # --workers: a worker silent this long is restarted (5)

    def command(self, port: int) -> Command:
        check_app(self.app)
        check_workers(self.workers)
        if self.reload and self.workers is not None:
            raise BadArgumentError(i18n.text("uvicorn cannot combine reload=True with workers (it ignores --workers)"))
        if self.reload_dir is not None and not self.reload:
            raise BadArgumentError(i18n.text("reload_dir only applies with reload=True"))
        argv = [sys.executable, "-m", "uvicorn", self.app, "--host", HOST, "--port", str(port)]
        if self.workers is not None:
            argv += ["--workers", str(self.workers)]
        if self.reload:
            watched = self.reload_dir or self.app_dir
            argv += ["--reload"] + (["--reload-dir", watched] if watched else [])
        if self.app_dir:
            argv += ["--app-dir", self.app_dir]
        if not self.access_log:
            argv.append("--no-access-log")
        for name, flag in UVICORN_FLAGS.items():
            value = getattr(self, name)
            check_count(name, value, allow_zero=name == "limit_max_requests_jitter")
            argv += [flag, str(value)] if value is not None else []
        argv += list(self.extra_args)
        # uvicorn runs --workers 1 as a single process (no supervisor, no worker children).
        workers = self.workers if self.workers and self.workers > 1 else None
        return Command(self.kind, self.app, tuple(argv), workers=workers)


# Each taught uvicorn flag: the field that sets it, and the uvicorn release that added it.
UVICORN_FLAGS = {
    "limit_concurrency": "--limit-concurrency",
    "backlog": "--backlog",
    "timeout_keep_alive_s": "--timeout-keep-alive",
    "timeout_graceful_shutdown_s": "--timeout-graceful-shutdown",
    "limit_max_requests": "--limit-max-requests",
    "limit_max_requests_jitter": "--limit-max-requests-jitter",
    "timeout_worker_healthcheck_s": "--timeout-worker-healthcheck",
}
UVICORN_SINCE = {  # uvicorn's release notes (docs/release-notes.md); the course requires uvicorn >= 0.41
    "--limit-concurrency": "before 0.10",
    "--timeout-keep-alive": "before 0.10",
    "--limit-max-requests": "before 0.10",
    "--backlog": "0.11.2",
    "--timeout-graceful-shutdown": "0.22.0",
    "--timeout-worker-healthcheck": "0.37.0",
    "--limit-max-requests-jitter": "0.41.0",
}


@dataclass(frozen=True, kw_only=True)
class Gunicorn(AppServer):
    """``python -m gunicorn APP --worker-class uvicorn_worker.UvicornWorker``: a master and its workers."""

    kind: ClassVar[ServerKind] = "gunicorn"
    reports_port: ClassVar[bool] = True
    workers: int = 2
    worker_class: str = UVICORN_WORKER
    timeout_s: int | None = None
    graceful_timeout_s: int | None = None
    max_requests: int | None = None
    max_requests_jitter: int | None = None
    threads: int | None = None
    keep_alive_s: int | None = None  # how long an idle keep-alive connection waits for its next request (2)

    def command(self, port: int) -> Command:
        check_app(self.app)
        check_workers(self.workers, allow_none=False)
        flags: dict[str, int | str | None] = {
            "--timeout": self.timeout_s,
            "--graceful-timeout": self.graceful_timeout_s,
            "--max-requests": self.max_requests,
            "--max-requests-jitter": self.max_requests_jitter,
            "--threads": self.threads,
            "--keep-alive": self.keep_alive_s,
            "--chdir": self.app_dir,
        }
        check_count("keep_alive_s", self.keep_alive_s)
        for name in ("timeout_s", "graceful_timeout_s", "max_requests", "threads"):
            check_positive(name, getattr(self, name))
        check_positive("max_requests_jitter", self.max_requests_jitter, allow_zero=True)
        argv = [
            sys.executable, "-m", "gunicorn", self.app,
            "--worker-class", self.worker_class,
            "--bind", f"{HOST}:{port}",
            "--workers", str(self.workers),
            "--no-control-socket",  # gunicorn 25 would otherwise open a control socket in the project
        ]  # fmt: skip
        for flag, setting in flags.items():
            if setting is not None:
                argv += [flag, str(setting)]
        if self.access_log:
            argv += ["--access-logfile", "-"]
        argv += list(self.extra_args)
        return Command(self.kind, self.app, tuple(argv), workers=self.workers)


@dataclass(frozen=True)
class GunicornAsgi(Gunicorn):
    """``python -m gunicorn APP --worker-class asgi``: gunicorn's own asyncio ASGI worker, no uvicorn inside."""

    kind: ClassVar[ServerKind] = "gunicorn -k asgi"
    worker_class: str = GUNICORN_ASGI


@dataclass(frozen=True, kw_only=True)
class FastapiRun(App):
    """``python -m fastapi run --entrypoint APP``: FastAPI's CLI, which calls ``uvicorn.run`` in its own process."""

    kind: ClassVar[ServerKind] = "fastapi run"
    reports_port: ClassVar[bool] = True
    workers: int | None = None

    def command(self, port: int) -> Command:
        check_app(self.app)
        check_workers(self.workers)
        argv = [sys.executable, "-m", "fastapi", "run", "--entrypoint", self.app, "--host", HOST, "--port", str(port)]
        argv += ["--workers", str(self.workers)] if self.workers is not None else []
        workers = self.workers if self.workers and self.workers > 1 else None  # as uvicorn: 1 means one process
        return Command(self.kind, self.app, (*argv, *self.extra_args), workers=workers)


@dataclass(frozen=True, kw_only=True)
class FastapiDev(App):
    """``python -m fastapi dev --entrypoint APP``: the CLI's development mode, ``uvicorn --reload`` underneath."""

    kind: ClassVar[ServerKind] = "fastapi dev"
    reports_port: ClassVar[bool] = True
    reload_dir: str = "labapp"  # the default (the current directory) would reload on any edit in the project

    def command(self, port: int) -> Command:
        check_app(self.app)
        argv = [sys.executable, "-m", "fastapi", "dev", "--entrypoint", self.app, "--host", HOST, "--port", str(port)]
        return Command(self.kind, self.app, (*argv, "--reload-dir", self.reload_dir, *self.extra_args))


@dataclass(frozen=True, kw_only=True)
class Granian(App):
    """``python -m granian --interface asgi APP``: a Rust HTTP server; Python runs the app in each worker process."""

    kind: ClassVar[ServerKind] = "granian"
    workers: int = 1
    respawn_failed_workers: bool = False
    respawn_interval_s: float | None = None
    access_log: bool = True

    def command(self, port: int) -> Command:
        check_app(self.app)
        check_workers(self.workers, allow_none=False)
        check_positive("respawn_interval_s", self.respawn_interval_s)
        argv = [sys.executable, "-m", "granian", "--interface", "asgi", "--host", HOST, "--port", str(port)]
        argv += ["--workers", str(self.workers)]
        argv += ["--respawn-failed-workers"] if self.respawn_failed_workers else []
        argv += ["--respawn-interval", str(self.respawn_interval_s)] if self.respawn_interval_s is not None else []
        argv += ["--access-log"] if self.access_log else []
        # Granian always runs its workers as child processes, even one.
        return Command(self.kind, self.app, (*argv, *self.extra_args, self.app), workers=self.workers)


@dataclass(frozen=True)
class Module(Launch):
    """``python -m MODULE ARGS``: a program that serves by itself; its port travels in ``PORT``."""

    kind: ClassVar[ServerKind] = "module"
    module: str
    _: KW_ONLY
    args: tuple[str, ...] = ()
    ready_path: str = "/"

    @property
    def target(self) -> str:
        return self.module

    def command(self, port: int) -> Command:
        """``{port}`` in `args` is replaced by the port."""
        check_module(self.module)
        argv = [sys.executable, "-m", self.module, *[a.format(port=port) for a in self.args]]
        return Command(self.kind, self.module, tuple(argv), env={"PORT": str(port)})

    def display_name(self) -> str:
        return self.name or f"python -m {self.module}"


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_app(app: str) -> None:
    if not isinstance(app, str) or not APP_PATTERN.match(app):
        raise BadArgumentError(
            i18n.text(f"app must look like 'module:attribute' (e.g. {contract.LAB_APP!r}), got {app!r}")
        )


def check_module(module: str) -> None:
    if not isinstance(module, str) or not MODULE_PATTERN.match(module):
        raise BadArgumentError(
            i18n.text(f"module must be a dotted module name such as 'labapp.seed_main', got {module!r}")
        )


def check_workers(workers: int | None, *, allow_none: bool = True) -> None:
    if workers is None and allow_none:
        return
    if not _whole(workers) or not 1 <= workers <= MAX_WORKERS:  # type: ignore[operator]
        raise BadArgumentError(i18n.text(f"workers must be a whole number from 1 to {MAX_WORKERS}, got {workers!r}"))


def check_count(name: str, value: int | None, *, allow_zero: bool = False) -> None:
    """A whole number (uvicorn's CLI takes these flags as int), > 0 or >= 0."""
    if value is None:
        return
    if not _whole(value) or value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise BadArgumentError(i18n.text(f"{name} must be a whole number {bound}, got {value!r}"))


def check_positive(name: str, value: float | str | None, *, allow_zero: bool = False) -> None:
    if value is None:
        return
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or value < 0 or (value == 0 and not allow_zero):  # type: ignore[operator]
        bound = ">= 0" if allow_zero else "> 0"
        raise BadArgumentError(i18n.text(f"{name} must be a number {bound}, got {value!r}"))
