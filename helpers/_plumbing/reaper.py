"""Kill a server's whole tree, orphans included, and return only once every process is gone."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess

import psutil

from helpers._plumbing.alive import alive_children, is_alive
from helpers._plumbing.deadline import poll_until
from helpers._plumbing.marker import RUN_TOKEN, marked_processes, sweep


def members(root: subprocess.Popen[bytes], marker: str) -> list[psutil.Process]:
    """Every live process of one server, read before killing: a dying process hides its environment."""
    found = {p.pid: p for p in marked_processes(RUN_TOKEN, marker)}
    for proc in alive_children(root.pid, recursive=True):
        found.setdefault(proc.pid, proc)
    with contextlib.suppress(psutil.Error):
        found.setdefault(root.pid, psutil.Process(root.pid))
    return list(found.values())


def kill_tree(root: subprocess.Popen[bytes], marker: str, known: list[psutil.Process]) -> None:
    """SIGKILL the root's process group, every `known` member and every straggler carrying `marker`."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(root.pid, signal.SIGKILL)
    for proc in known:  # orphans that left the group, if any
        with contextlib.suppress(psutil.Error):
            proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        root.wait(timeout=5)
    wait_gone(known, timeout_s=3.0)
    sweep(RUN_TOKEN, marker, timeout_s=2.0)


def wait_gone(processes: list[psutil.Process], timeout_s: float = 3.0) -> list[psutil.Process]:
    """Wait until none of `processes` is alive (a zombie counts as gone); returns those alive at the deadline."""
    return poll_until(lambda: [p for p in processes if is_alive(p)], lambda left: not left, timeout_s, 0.01)
