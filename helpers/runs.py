"""Run a program that is expected to finish, watching it for listening sockets while it lives.

The seed's first surprise: ``python main.py`` on a module that only builds ``app = FastAPI()``
ends at once. `run_module` measures exactly that: exit status, wall time, and every TCP port
the process (or a child) listened on during its life.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass

import psutil

from helpers import _watchdog
from helpers._commands import _MODULE_PATTERN
from helpers._marker import RUN_TOKEN, RUN_VAR, SERVER_VAR, sweep
from helpers._ports import free_port
from helpers.errors import BadArgumentError
from helpers.servers import PROJECT_ROOT


@dataclass(frozen=True)
class ExitReport:
    command: str
    exit_code: int | None
    elapsed_s: float
    listening_ports: tuple[int, ...]
    output: str
    finished: bool

    def summary(self) -> str:
        ports = ", ".join(map(str, self.listening_ports)) or "none"
        state = f"exited with status {self.exit_code}" if self.finished else "was still running and was killed"
        return f"`{self.command}` {state} after {self.elapsed_s:.2f} s; ports listened on: {ports}"


def _listening_ports(pid: int) -> set[int]:
    ports: set[int] = set()
    try:
        family = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
    except psutil.Error:
        return ports
    for proc in family:
        try:
            for conn in proc.net_connections(kind="tcp"):
                if conn.status == psutil.CONN_LISTEN and conn.laddr:
                    ports.add(conn.laddr.port)
        except psutil.Error:
            continue
    return ports


def run_module(module: str, *, timeout_s: float = 10.0, env: dict[str, str] | None = None) -> ExitReport:
    """Run ``python -m MODULE`` to completion (killed after `timeout_s`), polling its sockets every 20 ms."""
    if not isinstance(module, str) or not _MODULE_PATTERN.match(module):
        raise BadArgumentError(f"module must be a dotted module name such as 'labapp.seed_bare', got {module!r}")
    if not 0 < timeout_s <= 120:
        raise BadArgumentError(f"timeout_s must be between 0 and 120 s, got {timeout_s!r}")
    _watchdog.ensure_running()
    marker = f"run-{module}-{time.monotonic_ns()}"
    # A module that does serve must not fall back to a fixed default port: give it a free one.
    full_env = {**os.environ, "PORT": str(free_port()), **(env or {})}
    full_env.update({RUN_VAR: RUN_TOKEN, SERVER_VAR: marker, "PYTHONUNBUFFERED": "1"})
    argv = [sys.executable, "-m", module]
    began = time.monotonic()
    proc = subprocess.Popen(
        argv, cwd=PROJECT_ROOT, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    ports: set[int] = set()
    try:
        while proc.poll() is None and time.monotonic() - began < timeout_s:
            ports |= _listening_ports(proc.pid)
            time.sleep(0.02)
    finally:
        finished = proc.poll() is not None
        elapsed = time.monotonic() - began
        if not finished:
            proc.kill()
        output, _ = proc.communicate(timeout=5)
        sweep(RUN_TOKEN, marker, timeout_s=2.0)
    return ExitReport(
        command=f"python -m {module}", exit_code=proc.returncode if finished else None, elapsed_s=elapsed,
        listening_ports=tuple(sorted(ports)), output=output.decode(errors="replace"), finished=finished,
    )  # fmt: skip
