"""Learner accounts for a rehearsal: real Unix users as root, created and removed by the command.

Only accounts this command created are ever removed (they are recorded in the settings file
before anything else happens), so a rehearsal never deletes a real user of the machine.
"""

from __future__ import annotations

import os
import pwd
import signal
import subprocess
from collections.abc import Iterable

import psutil

from helpers._plumbing.deadline import poll_until
from hub.settings import HUB_RUN_VAR


def exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def create(name: str) -> None:
    """`useradd` a locked learner account with a home folder (no password: they log in through the hub)."""
    done = subprocess.run(
        ["useradd", "--create-home", "--shell", "/bin/bash", "--comment", "serverlab rehearsal learner", name],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"useradd {name} failed: {done.stderr.strip()}")
    os.chmod(pwd.getpwnam(name).pw_dir, 0o700)  # useradd's mode depends on login.defs (HOME_MODE / UMASK)


def remove(name: str) -> None:
    """Kill what the account still runs, then `userdel --remove` it with its home folder."""
    if not exists(name):
        return
    uid = pwd.getpwnam(name).pw_uid
    kill_and_wait([p for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real == uid])
    done = subprocess.run(["userdel", "--remove", name], capture_output=True, text=True, timeout=30)
    if done.returncode != 0 and exists(name):
        raise RuntimeError(f"userdel {name} failed: {done.stderr.strip()}")


def processes_of_run(run_id: str) -> list[psutil.Process]:
    """Every live process that inherited this rehearsal's marker: hub, proxy, servers, kernels, lab servers."""
    found = []
    for proc in psutil.process_iter(["pid"]):
        if proc.pid == os.getpid():
            continue
        try:
            if proc.environ().get(HUB_RUN_VAR) == run_id and proc.status() != psutil.STATUS_ZOMBIE:
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    return found


def kill_and_wait(procs: Iterable[psutil.Process], timeout_s: float = 10.0) -> list[psutil.Process]:
    """SIGTERM, then SIGKILL what is left after a grace period; returns what is still alive (should be none)."""
    procs = [p for p in procs if p.pid != os.getpid()]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for proc in procs:
            try:
                proc.send_signal(sig)
            except psutil.Error:
                continue
        _, procs = psutil.wait_procs(procs, timeout=timeout_s / 2)
        procs = [p for p in procs if _alive(p)]
        if not procs:
            break
    return procs


def _alive(proc: psutil.Process) -> bool:
    try:
        return bool(proc.status() != psutil.STATUS_ZOMBIE)
    except psutil.Error:
        return False


def wait_gone(run_id: str, timeout_s: float = 10.0) -> list[psutil.Process]:
    return poll_until(lambda: processes_of_run(run_id), lambda left: not left, timeout_s, 0.2)
