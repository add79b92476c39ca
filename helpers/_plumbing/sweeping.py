"""Find and stop one Unix user's leftover lab servers, sparing whoever asks and everything above it.

The scan is ``marker.scan``; what this adds is who may be touched. A learner runs the cleanup
from a terminal or a notebook cell inside their own JupyterLab (or a hub's single-user server):
those processes, the kernel and the shell must survive it, and so must every other user's
processes (root sees them all) and, unless asked, the servers of kernels that still run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import psutil

from helpers._plumbing.alive import pid_alive
from helpers._plumbing.marker import RUN_VAR, kernel_pid, kill_processes, scan
from helpers._plumbing.reaper import wait_gone


@dataclass(frozen=True)
class SweepReport:
    """What one cleanup did: how many processes it stopped, left to running kernels, or could not stop."""

    stopped: int
    left_to_live_kernels: int
    survivors: tuple[int, ...]
    user: str

    def summary(self) -> str:
        text = f"serverlab cleanup: stopped {self.stopped} leftover lab-server process(es) of {self.user}"
        if self.left_to_live_kernels:
            text += (f"; left {self.left_to_live_kernels} of running kernels alone (they stop their own; "
                     "--all stops them too)")  # fmt: skip
        if self.survivors:
            text += f"; still alive after SIGKILL: {list(self.survivors)}"
        return text


def spared_pids() -> set[int]:
    """This process and its ancestors: the shell, the kernel, JupyterLab or the hub's single-user server."""
    me = psutil.Process()
    return {me.pid, *(p.pid for p in me.parents())}


def _groups_of(pids: set[int]) -> set[int]:
    groups = set()
    for pid in pids:
        try:
            groups.add(os.getpgid(pid))
        except (ProcessLookupError, PermissionError):
            continue
    return groups


def _is_mine(proc: psutil.Process, uid: int) -> bool:
    try:
        return bool(proc.uids().real == uid)
    except psutil.Error:
        return False


def stop_leftovers(include_live_kernels: bool = False, run: str | None = None) -> SweepReport:
    """SIGKILL this user's marked processes whose kernel is gone (any kernel with `include_live_kernels`).

    `run` limits the sweep to one kernel run's token (tests use it so as to touch nothing else).
    """
    uid, spared = os.getuid(), spared_pids()

    def wanted(token: str, _server: str | None) -> bool:
        return run is None or token == run

    marked = [p for p in scan(wanted) if p.pid not in spared and _is_mine(p, uid)]
    orphans, live = [], 0
    for proc in marked:
        try:
            token = proc.environ().get(RUN_VAR, "")
        except psutil.Error:
            continue
        kernel = kernel_pid(token)
        if include_live_kernels or kernel is None or not pid_alive(kernel):
            orphans.append(proc)
        else:
            live += 1
    # A server is its own process group (its session), so the group goes too: workers a killed master
    # left behind, a process pool's children. Never the group of a spared process, nor one whose
    # leader is alive and not being stopped (somebody else's process, possibly root's to reach).
    targets = {p.pid for p in orphans}
    leaders = _groups_of(targets)
    spare = _groups_of(spared) | {g for g in leaders if g not in targets and pid_alive(g)}
    kill_processes(orphans, spare_groups=spare)
    survivors = wait_gone(orphans, timeout_s=5.0)
    user = psutil.Process().username()
    return SweepReport(len(orphans) - len(survivors), live, tuple(p.pid for p in survivors), user)
