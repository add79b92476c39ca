"""Environment markers that tie every server process to the Python process that started it.

Process groups catch most children, but a worker orphaned by a SIGKILLed master, or one
that started its own session, can escape the group. The environment is inherited by every
descendant, so we find them by it (the idea mirakuru uses) and kill nothing unmarked.
"""

from __future__ import annotations

import os
import signal
import uuid
from collections.abc import Callable, Iterable

import psutil

from helpers._plumbing.alive import is_alive, pid_alive
from helpers._plumbing.deadline import Deadline

RUN_VAR = "SERVERLAB_RUN"
SERVER_VAR = "SERVERLAB_SERVER"

# One token per Python process (kernel): two kernels on one machine never share it.
RUN_TOKEN = f"{os.getpid()}-{uuid.uuid4().hex[:10]}"


def scan(match: Callable[[str, str | None], bool]) -> list[psutil.Process]:
    """Live processes (not this one) whose run marker and server marker satisfy `match(run, server)`."""
    found = []
    me = os.getpid()
    for proc in psutil.process_iter(["pid"]):
        if proc.pid == me:
            continue
        try:
            env = proc.environ()
        except (psutil.Error, OSError):
            continue
        run = env.get(RUN_VAR)
        if run and match(run, env.get(SERVER_VAR)) and is_alive(proc):
            found.append(proc)
    return found


def marked_processes(run_token: str, server_id: str | None = None) -> list[psutil.Process]:
    """Live processes carrying this run's marker (and this server's, when given)."""
    return scan(lambda run, server: run == run_token and (server_id is None or server == server_id))


def kernel_pid(run_token: str) -> int | None:
    """The PID of the kernel that made `run_token` (its first part), or None if the token is malformed."""
    head = run_token.split("-", 1)[0]
    return int(head) if head.isdigit() else None


def orphaned_processes(include_live_kernels: bool = False) -> list[psutil.Process]:
    """Marked processes whose kernel is gone (or every marked process, with `include_live_kernels`)."""

    def kernel_gone(run: str, _server: str | None) -> bool:
        pid = kernel_pid(run)
        return include_live_kernels or pid is None or not pid_alive(pid)

    return scan(kernel_gone)


def kill_processes(
    procs: Iterable[psutil.Process], sig: int = signal.SIGKILL, spare_groups: Iterable[int] = ()
) -> None:
    """Signal each process and its whole group, except groups we (or `spare_groups`) belong to."""
    spared = {os.getpgid(0), *spare_groups}
    for proc in procs:
        try:
            pgid = os.getpgid(proc.pid)
            if pgid not in spared:
                os.killpg(pgid, sig)
            os.kill(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            continue


def sweep(run_token: str, server_id: str | None = None, timeout_s: float = 3.0) -> int:
    """SIGKILL every marked process until none is left or the deadline passes; returns the count."""
    killed: set[int] = set()
    deadline = Deadline(timeout_s)
    while deadline.running():
        procs = marked_processes(run_token, server_id)
        if not procs:
            break
        killed.update(p.pid for p in procs)
        kill_processes(procs)
        psutil.wait_procs(procs, timeout=0.3)
    return len(killed)
