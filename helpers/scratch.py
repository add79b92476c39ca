"""Run a module whose source the learner wrote, from a throw-away directory, and watch it.

Exercise self-checks need "write a module, then run ``python -m`` on it" without the learner
touching the course's own files or picking a port: the source goes to a temporary directory,
the port travels in ``PORT``, and `runs.run_module` reports exit status and listening ports.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from helpers._commands import _MODULE_PATTERN
from helpers._ports import free_port
from helpers.errors import BadArgumentError
from helpers.runs import ExitReport, run_module


def run_source(source: str, *, module: str = "serve", run_for_s: float = 3.0) -> tuple[ExitReport, int]:
    """Save `source` as MODULE.py in a temporary directory and run ``python -m MODULE`` for at most `run_for_s`.

    Returns the exit report and the port passed in ``PORT``; a module that still runs at the end
    is killed (with everything it started) and reported as not finished.
    """
    if not isinstance(source, str) or not source.strip():
        raise BadArgumentError("source must be the text of a Python module")
    if not _MODULE_PATTERN.match(module) or "." in module:
        raise BadArgumentError(f"module must be a plain module name such as 'serve', got {module!r}")
    folder = Path(tempfile.mkdtemp(prefix="serverlab-scratch-"))
    try:
        (folder / f"{module}.py").write_text(source)
        port = free_port()
        report = run_module(module, timeout_s=run_for_s, env={"PYTHONPATH": str(folder), "PORT": str(port)})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return report, port
