"""Environment markers that tie every server process to the Python process that started it.

Process groups catch most children, but a worker orphaned by a SIGKILLed master, or one
that started its own session, can escape the group. The environment is inherited by every
descendant, so we find them by it (the idea mirakuru uses) and kill nothing unmarked.
"""

from __future__ import annotations

import os
import signal
import time
import uuid
from collections.abc import Iterable

import psutil

RUN_VAR = "SERVERLAB_RUN"
SERVER_VAR = "SERVERLAB_SERVER"

# One token per Python process (kernel): two kernels on one machine never share it.
RUN_TOKEN = f"{os.getpid()}-{uuid.uuid4().hex[:10]}"


def marked_processes(run_token: str, server_id: str | None = None) -> list[psutil.Process]:
    """Live processes carrying this run's marker (and this server's, when given)."""
    found = []
    me = os.getpid()
    for proc in psutil.process_iter(["pid"]):
        if proc.pid == me:
            continue
        try:
            env = proc.environ()
        except (psutil.Error, OSError):
            continue
        if env.get(RUN_VAR) != run_token:
            continue
        if server_id is not None and env.get(SERVER_VAR) != server_id:
            continue
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                continue
        except psutil.Error:
            continue
        found.append(proc)
    return found


def kill_processes(procs: Iterable[psutil.Process], sig: int = signal.SIGKILL) -> None:
    """Signal each process and its whole group, except groups we belong to ourselves."""
    own_group = os.getpgid(0)
    for proc in procs:
        try:
            pgid = os.getpgid(proc.pid)
            if pgid != own_group:
                os.killpg(pgid, sig)
            os.kill(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            continue


def sweep(run_token: str, server_id: str | None = None, timeout_s: float = 3.0) -> int:
    """SIGKILL every marked process until none is left or the deadline passes; returns the count."""
    killed: set[int] = set()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        procs = marked_processes(run_token, server_id)
        if not procs:
            break
        killed.update(p.pid for p in procs)
        kill_processes(procs)
        psutil.wait_procs(procs, timeout=0.3)
    return len(killed)
