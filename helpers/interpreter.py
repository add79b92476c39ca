"""What this interpreter and OS can show: the GIL, and whether the platform runs the course at all.

interpreter.platform_note()   # None on Linux, macOS, WSL2; one sentence on native Windows
interpreter.gil_note()        # what notebooks 02/03's GIL claims mean on this Python
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from helpers import i18n


def platform_note() -> str | None:
    """One sentence when this platform cannot run the course, else None (Linux, macOS, WSL2 all work)."""
    if sys.platform == "win32":
        return i18n.text(
            "Native Windows is not supported: gunicorn does not run there and the helpers use POSIX signals; "
            "run the course inside WSL2 (Ubuntu) instead."
        )
    if sys.platform == "darwin":
        return None
    if not sys.platform.startswith("linux"):
        return i18n.text(f"{sys.platform} is untested: the course is tested on Linux, and used on macOS and WSL2.")
    return None


def gil_enabled() -> bool:
    """False only on a free-threaded CPython (3.13t+) running with the GIL off; True on the default build."""
    check: Callable[[], bool] | None = getattr(sys, "_is_gil_enabled", None)
    return True if check is None else bool(check())


def gil_note() -> str:
    """What the GIL claims of notebooks 02/03 mean on this interpreter."""
    if gil_enabled():
        return i18n.text(
            "this Python has the GIL (the default build): one thread of a process runs Python bytecode at a time"
        )
    return i18n.text(
        "this is a free-threaded Python with the GIL disabled: threads of one process can run Python bytecode "
        "in parallel, so the GIL claims below describe the default build and the measurements show the difference"
    )
