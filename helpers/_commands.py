"""Command lines for the server kinds the course runs, with arguments checked up front.

A wrong argument fails here, in the notebook, with a sentence, instead of as a server that
exits with a usage message half a second later.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from helpers.errors import BadArgumentError

ServerKind = Literal["uvicorn", "gunicorn", "module"]
HOST = "127.0.0.1"
UVICORN_WORKER = "uvicorn_worker.UvicornWorker"
_APP_PATTERN = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$")
_MODULE_PATTERN = re.compile(r"^[A-Za-z_][\w.]*$")
MAX_WORKERS = 16


@dataclass(frozen=True)
class Command:
    """What to run and what the running server is expected to look like."""

    kind: ServerKind
    target: str
    argv: list[str]
    workers: int | None = None
    env: dict[str, str] = field(default_factory=dict)
    cwd: str | None = None


def check_app(app: str) -> None:
    if not isinstance(app, str) or not _APP_PATTERN.match(app):
        raise BadArgumentError(f"app must look like 'module:attribute' (e.g. 'labapp.lab:app'), got {app!r}")


def check_workers(workers: int | None, *, allow_none: bool = True) -> None:
    if workers is None and allow_none:
        return
    if not isinstance(workers, int) or isinstance(workers, bool) or not 1 <= workers <= MAX_WORKERS:
        raise BadArgumentError(f"workers must be a whole number from 1 to {MAX_WORKERS}, got {workers!r}")


def check_positive(name: str, value: float | None, *, allow_zero: bool = False) -> None:
    if value is None:
        return
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise BadArgumentError(f"{name} must be a number {bound}, got {value!r}")


def uvicorn_command(
    app: str,
    port: int,
    *,
    workers: int | None = None,
    reload: bool = False,
    app_dir: str | None = None,
    access_log: bool = True,
    extra_args: Sequence[str] = (),
) -> Command:
    """``python -m uvicorn APP`` on 127.0.0.1; ``--workers`` and ``--reload`` exclude each other."""
    check_app(app)
    check_workers(workers)
    if reload and workers is not None:
        raise BadArgumentError("uvicorn cannot combine reload=True with workers (it ignores --workers)")
    argv = [sys.executable, "-m", "uvicorn", app, "--host", HOST, "--port", str(port)]
    if workers is not None:
        argv += ["--workers", str(workers)]
    if reload:
        argv += ["--reload"] + (["--reload-dir", app_dir] if app_dir else [])
    if app_dir:
        argv += ["--app-dir", app_dir]
    if not access_log:
        argv.append("--no-access-log")
    argv += list(extra_args)
    # uvicorn runs --workers 1 as a single process (no supervisor, no worker children).
    return Command("uvicorn", app, argv, workers=workers if workers and workers > 1 else None)


def gunicorn_command(
    app: str,
    port: int,
    *,
    workers: int = 2,
    worker_class: str = UVICORN_WORKER,
    timeout_s: int | None = None,
    graceful_timeout_s: int | None = None,
    max_requests: int | None = None,
    max_requests_jitter: int | None = None,
    threads: int | None = None,
    app_dir: str | None = None,
    access_log: bool = True,
    extra_args: Sequence[str] = (),
) -> Command:
    """``python -m gunicorn -k UvicornWorker APP``; never opens gunicorn's control socket."""
    check_app(app)
    check_workers(workers, allow_none=False)
    for name, value in (
        ("timeout_s", timeout_s),
        ("graceful_timeout_s", graceful_timeout_s),
        ("max_requests", max_requests),
        ("threads", threads),
    ):
        check_positive(name, value)
    check_positive("max_requests_jitter", max_requests_jitter, allow_zero=True)
    argv = [
        sys.executable, "-m", "gunicorn", app,
        "--worker-class", worker_class,
        "--bind", f"{HOST}:{port}",
        "--workers", str(workers),
        "--no-control-socket",
    ]  # fmt: skip
    options: dict[str, int | str | None] = {
        "--timeout": timeout_s,
        "--graceful-timeout": graceful_timeout_s,
        "--max-requests": max_requests,
        "--max-requests-jitter": max_requests_jitter,
        "--threads": threads,
        "--chdir": app_dir,
    }
    for flag, setting in options.items():
        if setting is not None:
            argv += [flag, str(setting)]
    if access_log:
        argv += ["--access-logfile", "-"]
    argv += list(extra_args)
    return Command("gunicorn", app, argv, workers=workers)


def module_command(module: str, port: int, *, args: Sequence[str] = ()) -> Command:
    """``python -m MODULE``; the port travels in the PORT environment variable."""
    if not isinstance(module, str) or not _MODULE_PATTERN.match(module):
        raise BadArgumentError(f"module must be a dotted module name such as 'labapp.seed_main', got {module!r}")
    argv = [sys.executable, "-m", module, *[a.format(port=port) for a in args]]
    return Command("module", module, argv, env={"PORT": str(port)})
