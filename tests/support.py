"""Shared test tools: a separate Python process standing in for a kernel."""

from __future__ import annotations

import contextlib
import os
import selectors
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from helpers import servers

ROOT = Path(__file__).resolve().parent.parent
SHARED_SERVERS: set[str] = set()  # markers of servers a module-scoped fixture keeps across its tests


@contextlib.contextmanager
def shared(srv: servers.Server) -> Iterator[servers.Server]:
    """Keep `srv` alive across the tests of one fixture's scope (the per-test leak check skips it), then stop it."""
    SHARED_SERVERS.add(srv.marker)
    try:
        yield srv
    finally:
        SHARED_SERVERS.discard(srv.marker)
        srv.stop()


def run_python(code: str, **kwargs: object) -> subprocess.Popen[str]:
    """Start a separate Python process (a stand-in for a kernel) running `code`."""
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


def read_line(proc: subprocess.Popen[str], timeout_s: float = 30.0) -> str:
    """The next stdout line of `proc`, or fail with its stderr if it ends or stalls."""
    assert proc.stdout is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    if not sel.select(timeout_s):
        proc.kill()
        raise AssertionError(f"no output within {timeout_s} s; stderr: {proc.stderr.read() if proc.stderr else ''}")
    line = proc.stdout.readline()
    if not line:
        raise AssertionError(f"process ended; stderr: {proc.stderr.read() if proc.stderr else ''}")
    return line.strip()
