"""Turn a server's exit status and log into the sentence a learner needs to read."""

from __future__ import annotations

import re
import signal

from helpers import i18n
from helpers.errors import AppImportError, PortInUseError, ServerExitedError, ServerStartError

# Lines that mean "this server will never become ready", even while its process still runs.
_FATAL_WHILE_RUNNING: list[tuple[type[ServerStartError], re.Pattern[str]]] = [
    (PortInUseError, re.compile(r"address already in use|\[Errno 98\]", re.I)),
    (
        AppImportError,
        re.compile(
            r"Error loading ASGI app|Could not import module|Failed to find attribute|"
            r"App failed to load|Worker failed to boot|Attribute \".+\" not found|Could not import '",
        ),
    ),
]
_IMPORT_TRACEBACK = re.compile(
    r"ModuleNotFoundError|ImportError|SyntaxError|import_from_string|load_app|load_wsgiapp|import_app|load_target"
)

# "Uvicorn running on http://127.0.0.1:PORT" (uvicorn, fastapi run/dev); "Listening at: http://..." (gunicorn)
_REPORTED_PORT = re.compile(r"(?:Uvicorn running on|Listening at:) https?://127\.0\.0\.1:(\d+)")


def describe_exit(returncode: int | None) -> str:
    """'killed by SIGKILL', 'exit status 3 (startup failure ...)', or 'still running' (in the kernel's language)."""
    if returncode is None:
        return i18n.text("still running")
    if returncode < 0:
        try:
            return i18n.text(f"killed by {signal.Signals(-returncode).name}")
        except ValueError:
            return i18n.text(f"killed by signal {-returncode}")
    if returncode == 0:
        return i18n.text("exit status 0 (it finished normally)")
    if returncode == 1:
        return i18n.text("exit status 1 (an unhandled error)")
    if returncode == 2:
        return i18n.text("exit status 2 (bad command-line arguments)")
    if returncode == 3:
        return i18n.text("exit status 3 (startup failure: uvicorn's STARTUP_FAILURE / gunicorn's WORKER_BOOT_ERROR)")
    if returncode == 4:
        return i18n.text("exit status 4 (gunicorn's APP_LOAD_ERROR: the app could not be loaded)")
    return i18n.text(f"exit status {returncode}")


def fatal_error_in(log_text: str) -> type[ServerStartError] | None:
    """The error class a log line proves, or None if the log shows nothing fatal yet."""
    for error_class, pattern in _FATAL_WHILE_RUNNING:
        if pattern.search(log_text):
            return error_class
    return None


_IMPORT_CAUSE = re.compile(
    r"^\w*(?:Error|Exception): |Error loading ASGI app|Could not import|Attribute \".+\" not found"
)


def cause_line(log_text: str, error_class: type[ServerStartError]) -> str | None:
    """The line that names why an app failed to import (a master's own traceback can push it out of the tail)."""
    if error_class is not AppImportError:
        return None
    found = [line for line in log_text.splitlines() if _IMPORT_CAUSE.search(line) and "HaltServer" not in line]
    return found[0] if found else None


def reported_port(log_text: str) -> int:
    """The port a server started on port 0 says it bound, or 0 while it has not said so yet."""
    ports = [int(m.group(1)) for m in _REPORTED_PORT.finditer(log_text)]
    return next((p for p in ports if p), 0)


def error_for_exit(log_text: str) -> type[ServerStartError]:
    """Classify an early exit: port taken, app import failure, or a plain exit."""
    fatal = fatal_error_in(log_text)
    if fatal is not None:
        return fatal
    if "Traceback (most recent call last)" in log_text and _IMPORT_TRACEBACK.search(log_text):
        return AppImportError
    return ServerExitedError


def hint_for(error_class: type[ServerStartError], port: int, target: str) -> str:
    """The next step a learner can take, in the kernel's language."""
    if error_class is PortInUseError:
        return i18n.text(
            f"port {port} is held by another process (a server from an earlier cell?): "
            "run servers.stop_all(), or leave port=None so the helper picks a free one"
        )
    if error_class is AppImportError:
        return i18n.text(
            f"check that {target!r} names an importable module and attribute, and that the module imports cleanly"
        )
    return i18n.text("read the log lines below for the cause")
