"""Is a process still there? One answer, used by every module that waits for or counts processes.

A zombie has exited: it holds no port and runs no code, and it stays in the process table
only until its parent (or init, for an orphan, possibly a second later) reaps it. So every
count of "live" processes in the helpers treats a zombie as gone.
"""

from __future__ import annotations

import psutil


def is_alive(proc: psutil.Process) -> bool:
    """True while `proc` runs (a zombie or a vanished process is not alive)."""
    try:
        return bool(proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE)
    except psutil.Error:
        return False


def pid_alive(pid: int) -> bool:
    """`is_alive` by PID."""
    try:
        return is_alive(psutil.Process(pid))
    except psutil.Error:
        return False


def alive_children(pid: int, *, recursive: bool = False) -> list[psutil.Process]:
    """Live children of `pid` (all descendants with `recursive`); none if `pid` is gone."""
    try:
        kids = psutil.Process(pid).children(recursive=recursive)
    except psutil.Error:
        return []
    return [k for k in kids if is_alive(k)]
