"""Ties to the Jupyter kernel: stop servers when a cell is interrupted, at exit, and on death."""

from __future__ import annotations

import atexit
from collections.abc import Callable
from typing import Any

_installed = False


def in_ipython() -> Any | None:
    """The running IPython shell, or None in plain Python."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def install_cleanup(stop_all: Callable[[], object]) -> None:
    """Run `stop_all` at interpreter exit and after any cell that ends in KeyboardInterrupt.

    An interrupt usually means "this is hanging": stopping every server gives the learner a
    clean slate, and a cell that is re-run starts its servers again.
    """
    global _installed
    if _installed:
        return
    _installed = True
    atexit.register(stop_all)
    shell = in_ipython()
    if shell is None:
        return

    def after_cell(result: Any) -> None:
        if isinstance(getattr(result, "error_in_exec", None), KeyboardInterrupt):
            stopped = stop_all()
            print(f"Interrupted: stopped every server this kernel started ({stopped}).")

    shell.events.register("post_run_cell", after_cell)
