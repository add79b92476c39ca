"""Process trees of running servers, read with psutil: who is master, who is a worker.

A snapshot is a frozen record, so two snapshots can be compared after a worker was
killed or recycled (``diff``), and plots can draw them without touching live processes.
"""

from __future__ import annotations

import os
import signal as _signal
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import psutil

from helpers._marker import RUN_TOKEN, marked_processes, sweep
from helpers.errors import BadArgumentError

# Roles: "server" (one process does everything), "parent" (uvicorn --workers supervisor),
# "master" (gunicorn arbiter), "reloader" (uvicorn --reload), "worker", "resource_tracker".
WORKER_ROLES = ("worker",)


@dataclass(frozen=True)
class ProcInfo:
    pid: int
    ppid: int
    role: str
    name: str
    cmdline: str
    num_threads: int
    cpu_s: float
    rss_mb: float
    status: str
    started_at: float


@dataclass(frozen=True)
class ProcTree:
    """Every live process of one server at one moment, root first."""

    root_pid: int
    taken_at: float
    procs: tuple[ProcInfo, ...]

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs]

    def by_role(self, role: str) -> list[ProcInfo]:
        return [p for p in self.procs if p.role == role]

    @property
    def workers(self) -> list[ProcInfo]:
        return [p for p in self.procs if p.role in WORKER_ROLES]

    @property
    def orphans(self) -> list[ProcInfo]:
        """Processes whose parent is gone, so that init (PID 1 or a subreaper) adopted them."""
        mine = set(self.pids)
        return [p for p in self.procs if p.pid != self.root_pid and p.ppid not in mine]

    def table(self) -> str:
        """A `ps -ef`-like text table, indented by depth."""
        depth = {p.pid: 0 for p in self.procs}
        for p in self.procs:
            if p.ppid in depth and p.pid != self.root_pid:
                depth[p.pid] = depth[p.ppid] + 1
        lines = [f"{'PID':>7} {'PPID':>7} {'ROLE':<17} {'THR':>3} {'CPU s':>6}  COMMAND"]
        for p in self.procs:
            role = "  " * depth[p.pid] + p.role
            lines.append(f"{p.pid:>7} {p.ppid:>7} {role:<17} {p.num_threads:>3} {p.cpu_s:>6.2f}  {p.cmdline[:70]}")
        return "\n".join(lines)


@dataclass(frozen=True)
class ProcDiff:
    """What changed between two snapshots of one server."""

    gone: tuple[ProcInfo, ...]
    new: tuple[ProcInfo, ...]
    kept: tuple[ProcInfo, ...]

    def summary(self) -> str:
        gone = ", ".join(f"{p.role} [{p.pid}]" for p in self.gone) or "none"
        new = ", ".join(f"{p.role} [{p.pid}]" for p in self.new) or "none"
        return f"gone: {gone}; new: {new}; unchanged: {len(self.kept)}"


def _cmdline(proc: psutil.Process) -> list[str]:
    try:
        return list(proc.cmdline())
    except psutil.Error:
        return []


def _role(cmd: str, is_root: bool, has_children: bool, parent_role: str | None) -> str:
    if "resource_tracker" in cmd:
        return "resource_tracker"
    if is_root:
        if "gunicorn" in cmd:
            return "master"
        if "--reload" in cmd:
            return "reloader"
        return "parent" if has_children else "server"
    if parent_role == "reloader":
        return "server"
    return "worker"


def _info(proc: psutil.Process, role: str) -> ProcInfo | None:
    try:
        with proc.oneshot():
            times = proc.cpu_times()
            return ProcInfo(
                pid=proc.pid,
                ppid=proc.ppid(),
                role=role,
                name=proc.name(),
                cmdline=" ".join(_cmdline(proc)),
                num_threads=proc.num_threads(),
                cpu_s=round(times.user + times.system, 3),
                rss_mb=round(proc.memory_info().rss / 2**20, 1),
                status=proc.status(),
                started_at=proc.create_time(),
            )
    except psutil.Error:
        return None


def snapshot(root_pid: int, extra: Iterable[psutil.Process] = ()) -> ProcTree:
    """The live tree under `root_pid`, plus `extra` processes (e.g. orphaned workers)."""
    found: dict[int, psutil.Process] = {}
    try:
        root = psutil.Process(root_pid)
        if root.status() != psutil.STATUS_ZOMBIE:
            found[root.pid] = root
        for child in root.children(recursive=True):
            found[child.pid] = child
    except psutil.Error:
        pass
    for proc in extra:
        found.setdefault(proc.pid, proc)
    ordered = sorted(found.values(), key=lambda p: (p.pid != root_pid, _safe_create_time(p), p.pid))
    roles: dict[int, str] = {}
    infos = []
    for proc in ordered:
        try:
            if proc.status() == psutil.STATUS_ZOMBIE:
                continue
            ppid = proc.ppid()
            has_children = bool(proc.children())
        except psutil.Error:
            continue
        cmd = " ".join(_cmdline(proc))
        role = _role(cmd, proc.pid == root_pid, has_children, roles.get(ppid))
        roles[proc.pid] = role
        info = _info(proc, role)
        if info is not None:
            infos.append(info)
    return ProcTree(root_pid=root_pid, taken_at=time.time(), procs=tuple(infos))


def _safe_create_time(proc: psutil.Process) -> float:
    try:
        return float(proc.create_time())
    except psutil.Error:
        return 0.0


def diff(before: ProcTree, after: ProcTree) -> ProcDiff:
    """Which processes left, which arrived, which stayed (matched by PID and start time)."""

    def key(p: ProcInfo) -> tuple[int, float]:
        return (p.pid, p.started_at)

    old = {key(p): p for p in before.procs}
    new = {key(p): p for p in after.procs}
    return ProcDiff(
        gone=tuple(p for k, p in old.items() if k not in new),
        new=tuple(p for k, p in new.items() if k not in old),
        kept=tuple(p for k, p in new.items() if k in old),
    )


def signal_by_name(name: str) -> _signal.Signals:
    """'TERM', 'SIGTERM' or 'term' -> signal.SIGTERM, with a clear error for anything else."""
    if not isinstance(name, str):
        raise BadArgumentError(f"signal name must be a string such as 'TERM', got {name!r}")
    key = name.upper()
    key = key if key.startswith("SIG") else "SIG" + key
    try:
        return _signal.Signals[key]
    except KeyError:
        raise BadArgumentError(f"unknown signal {name!r}; try TERM, INT, KILL, HUP, TTIN, TTOU or ABRT") from None


def send_signal(pid: int, name: str) -> None:
    """Send a named signal to one process (a master or one chosen worker)."""
    os.kill(pid, signal_by_name(name))


def wait_until(
    predicate: Callable[[], object], timeout_s: float, poll_s: float = 0.05, what: str = "condition"
) -> float:
    """Poll `predicate()` until it is true; returns the seconds it took, raises TimeoutError naming `what`."""
    began = time.monotonic()
    deadline = began + timeout_s
    while True:
        if predicate():
            return time.monotonic() - began
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{what} did not happen within {timeout_s:.1f} s")
        time.sleep(poll_s)


def server_processes(server_id: str) -> list[psutil.Process]:
    """Every live process carrying this server's marker, wherever it sits in the tree."""
    return marked_processes(RUN_TOKEN, server_id)


def kill_leftovers() -> int:
    """SIGKILL every process this kernel's servers left behind; returns how many there were."""
    return sweep(RUN_TOKEN)


def _is_live(proc: psutil.Process) -> bool:
    try:
        return bool(proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE)
    except psutil.Error:
        return False


def wait_gone(members: Sequence[psutil.Process], timeout_s: float = 3.0) -> list[psutil.Process]:
    """Wait until none of `members` runs; returns those still running at the deadline.

    A zombie counts as gone: it holds no port and runs no code, and an orphan's zombie is
    reaped by init whenever init gets to it (over a second later on some machines).
    """
    deadline = time.monotonic() + timeout_s
    left = [p for p in members if _is_live(p)]
    while left and time.monotonic() < deadline:
        time.sleep(0.01)
        left = [p for p in left if _is_live(p)]
    return left


def pids_alive(pids: Sequence[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            continue
    return alive
