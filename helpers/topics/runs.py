"""Programs expected to finish, and what a process holds: the tools of notebook 01 and its exercises.

The seed's first surprise: ``python main.py`` on a module that only builds ``app = FastAPI()``
ends at once. ``run_module`` measures exactly that: exit status, wall time, and every TCP port
the process (or a child) listened on during its life. ``run_source`` does the same for a module
the learner wrote, from a throw-away directory. ``of_this_process`` shows what the kernel itself
holds, to prove that a failed ``uvicorn.run`` inside it bound no port and started nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

from helpers import i18n, procs
from helpers._plumbing import watchdog
from helpers._plumbing.alive import alive_children
from helpers._plumbing.environment import marked_env
from helpers._plumbing.marker import RUN_TOKEN, sweep
from helpers._plumbing.ports import free_port
from helpers._plumbing.private import private_temp_folder
from helpers.commands import PROJECT_ROOT, check_module
from helpers.errors import BadArgumentError


@dataclass(frozen=True)
class ExitReport:
    command: str
    exit_code: int | None
    elapsed_s: float
    listening_ports: tuple[int, ...]
    output: str
    finished: bool

    def summary(self) -> str:
        ports = ", ".join(map(str, self.listening_ports)) or i18n.text("none")
        if self.finished:
            return i18n.text(
                f"`{self.command}` exited with status {self.exit_code} after {self.elapsed_s:.2f} s; "
                f"ports listened on: {ports}"
            )
        return i18n.text(
            f"`{self.command}` was still running and was killed after {self.elapsed_s:.2f} s; "
            f"ports listened on: {ports}"
        )


@dataclass(frozen=True)
class ProcessFootprint:
    """A snapshot of one process: the ports it listens on, its live children, its Python threads."""

    pid: int
    listening_ports: tuple[int, ...]
    children: tuple[int, ...]
    thread_names: tuple[str, ...]

    def added_since(self, before: ProcessFootprint) -> dict[str, tuple[object, ...]]:
        """Ports, children and thread names present now but not in `before` (empty tuples = nothing new)."""
        return {
            "listening_ports": tuple(p for p in self.listening_ports if p not in before.listening_ports),
            "children": tuple(c for c in self.children if c not in before.children),
            "thread_names": tuple(t for t in self.thread_names if t not in before.thread_names),
        }


def run_module(module: str, *, timeout_s: float = 10.0, env: dict[str, str] | None = None) -> ExitReport:
    """Run ``python -m MODULE`` to completion (killed after `timeout_s`), polling its sockets every 20 ms."""
    check_module(module)
    if not 0 < timeout_s <= 120:
        raise BadArgumentError(i18n.text(f"timeout_s must be between 0 and 120 s, got {timeout_s!r}"))
    watchdog.ensure_running()
    marker = f"run-{module}-{time.monotonic_ns()}"
    # A module that does serve must not fall back to a fixed default port: give it a free one.
    full_env = marked_env(marker, {"PORT": str(free_port())}, env or {})
    began = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", module], cwd=PROJECT_ROOT, env=full_env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    ports: set[int] = set()
    try:
        while proc.poll() is None and time.monotonic() - began < timeout_s:
            ports.update(procs.listening_ports(proc.pid, children=True))
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


def run_source(source: str, *, module: str = "serve", run_for_s: float = 3.0) -> tuple[ExitReport, int]:
    """Save `source` as MODULE.py in a temporary directory and run ``python -m MODULE`` for at most `run_for_s`.

    Returns the exit report and the port passed in ``PORT``; a module that still runs at the end
    is killed (with everything it started) and reported as not finished.
    """
    if not isinstance(source, str) or not source.strip():
        raise BadArgumentError(i18n.text("source must be the text of a Python module"))
    if not isinstance(module, str) or not module.isidentifier():
        raise BadArgumentError(i18n.text(f"module must be a plain module name such as 'serve', got {module!r}"))
    folder = private_temp_folder("serverlab-scratch-")  # 0700: the shared /tmp holds every learner's folders
    try:
        (folder / f"{module}.py").write_text(source)
        port = free_port()
        report = run_module(module, timeout_s=run_for_s, env={"PYTHONPATH": str(folder), "PORT": str(port)})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return report, port


def of_this_process() -> ProcessFootprint:
    """The footprint of the calling process (the notebook's kernel); thread names are this interpreter's."""
    pid = os.getpid()
    kids = tuple(sorted(c.pid for c in alive_children(pid, recursive=True)))
    names = tuple(sorted(t.name for t in threading.enumerate()))
    return ProcessFootprint(pid, procs.listening_ports(pid), kids, names)
