"""Process trees of running servers, read with psutil: who is master, who is a worker.

    tree = procs.of(srv)              # a frozen snapshot: roles, PIDs, threads, CPU seconds, memory
    procs.signal(srv, "TTIN")         # one more worker, please (to the master)
    procs.wait_for_workers(srv, 3)

A snapshot is a frozen record, so two snapshots can be compared after a worker was
killed or recycled (``diff``, ``cpu_used_s``), and plots can draw them without touching
live processes. This module is the one place that decides which process is a worker.
"""

from __future__ import annotations

import os
import re
import signal as _signal
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import psutil

from helpers import i18n
from helpers._plumbing.alive import alive_children, is_alive, pid_alive
from helpers._plumbing.deadline import poll_until
from helpers._plumbing.marker import RUN_TOKEN, marked_processes, sweep
from helpers._plumbing.running import RunningServer
from helpers.errors import BadArgumentError, ServerNotRunningError

# "server": one process does everything (also the child a reloader restarts); "parent": the
# uvicorn --workers supervisor; "master": the gunicorn arbiter; "reloader": uvicorn --reload;
# "pool": a child the app itself started (a ProcessPoolExecutor made in the lifespan: notebook 04).
Role = Literal["server", "parent", "master", "reloader", "worker", "pool", "resource_tracker"]
SignalName = Literal["TERM", "INT", "KILL", "HUP", "TTIN", "TTOU", "ABRT", "QUIT", "USR1", "USR2"]


@dataclass(frozen=True)
class ProcInfo:
    pid: int
    ppid: int
    role: Role
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

    def by_role(self, role: Role) -> list[ProcInfo]:
        return [p for p in self.procs if p.role == role]

    @property
    def workers(self) -> list[ProcInfo]:
        return self.by_role("worker")

    @property
    def pool(self) -> list[ProcInfo]:
        """Processes the app itself started to run work (a process pool), not serving requests."""
        return self.by_role("pool")

    @property
    def serving(self) -> list[ProcInfo]:
        """The processes that run the app: the workers, or else the one process that serves."""
        return self.workers or self.by_role("server")

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
        gone = ", ".join(f"{p.role} [{p.pid}]" for p in self.gone) or i18n.text("none")
        new = ", ".join(f"{p.role} [{p.pid}]" for p in self.new) or i18n.text("none")
        return i18n.text(f"gone: {gone}; new: {new}; unchanged: {len(self.kept)}")


def _cmdline(proc: psutil.Process) -> list[str]:
    try:
        return list(proc.cmdline())
    except psutil.Error:
        return []


def _role(cmd: str, is_root: bool, has_children: bool, parent_role: Role | None) -> Role:
    if "resource_tracker" in cmd:
        return "resource_tracker"
    if is_root:
        if "gunicorn" in cmd:
            return "master"
        if "--reload" in cmd:
            return "reloader"
        return "parent" if has_children and _supervises(cmd) else "server"
    if parent_role == "reloader":
        return "server"
    if parent_role in ("server", "worker"):
        return "pool"  # started by the app itself (a ProcessPoolExecutor in its lifespan), not by the server
    return "worker"


def _supervises(cmd: str) -> bool:
    """Does the root's command run its app in worker processes? Granian always does; uvicorn and
    ``fastapi run`` only with ``--workers`` above 1 (one worker is one process). Anything else whose
    root has children (a ``module`` kind) counts as a parent, as before."""
    if "granian" in cmd:
        return True
    if not any(name in cmd for name in ("uvicorn", "fastapi")):
        return True
    found = re.search(r"--workers[ =](\d+)", cmd)
    return found is not None and int(found.group(1)) > 1


def _info(proc: psutil.Process, role: Role) -> ProcInfo | None:
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
    found: dict[int, psutil.Process] = {p.pid: p for p in alive_children(root_pid, recursive=True)}
    if pid_alive(root_pid):
        found[root_pid] = psutil.Process(root_pid)
    for proc in extra:
        found.setdefault(proc.pid, proc)
    ordered = sorted(found.values(), key=lambda p: (p.pid != root_pid, _safe_create_time(p), p.pid))
    roles: dict[int, Role] = {}
    infos = []
    for proc in ordered:
        if not is_alive(proc):
            continue
        try:
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


def of(server: RunningServer, *, orphans: bool = True) -> ProcTree:
    """Snapshot of `server`'s tree; with `orphans`, also workers that outlived their master (a marker scan)."""
    return snapshot(server.pid, extra=server_processes(server.marker) if orphans else ())


def worker_pids(server: RunningServer) -> list[int]:
    return [p.pid for p in of(server).workers]


def serving_pids(server: RunningServer) -> list[int]:
    """PIDs that run the app (workers, or the single process); cheap enough to poll every 50 ms."""
    return [p.pid for p in of(server, orphans=False).serving]


def wait_for_workers(server: RunningServer, count: int, timeout_s: float = 15.0) -> list[int]:
    """Wait until exactly `count` workers are alive; returns their PIDs."""
    wait_until(
        lambda: len(worker_pids(server)) == count, timeout_s, what=i18n.text(f"{count} live workers of {server.name!r}")
    )
    return worker_pids(server)


def signal_by_name(name: str) -> _signal.Signals:
    """'TERM', 'SIGTERM' or 'term' -> signal.SIGTERM, with a clear error for anything else."""
    if not isinstance(name, str):
        raise BadArgumentError(i18n.text(f"signal name must be a string such as 'TERM', got {name!r}"))
    key = name.upper()
    key = key if key.startswith("SIG") else "SIG" + key
    try:
        return _signal.Signals[key]
    except KeyError:
        raise BadArgumentError(
            i18n.text(f"unknown signal {name!r}; try TERM, INT, KILL, HUP, TTIN, TTOU or ABRT")
        ) from None


def send_signal(pid: int, name: SignalName | str) -> None:
    """Send a named signal to one process (a master or one chosen worker)."""
    os.kill(pid, signal_by_name(name))


def signal(server: RunningServer, name: SignalName | str, pid: int | None = None) -> None:
    """Send signal `name` ('TERM', 'KILL', 'TTIN', ...) to `server`'s root, or to its process `pid`."""
    if not server.is_running() and pid is None:
        raise ServerNotRunningError(i18n.text(f"server {server.name!r} is not running"))
    if pid is not None and pid not in of(server).pids:
        raise BadArgumentError(i18n.text(f"[{pid}] is not a process of server {server.name!r}"))
    send_signal(server.pid if pid is None else pid, name)


def wait_until(
    predicate: Callable[[], object], timeout_s: float, poll_s: float = 0.05, what: str = "condition"
) -> float:
    """Poll `predicate()` until it is true; returns the seconds it took, raises TimeoutError naming `what`."""
    began = time.monotonic()
    if not poll_until(predicate, bool, timeout_s, poll_s):
        raise TimeoutError(i18n.text(f"{what} did not happen within {timeout_s:.1f} s"))
    return time.monotonic() - began


def server_processes(server_id: str) -> list[psutil.Process]:
    """Every live process carrying this server's marker, wherever it sits in the tree."""
    return marked_processes(RUN_TOKEN, server_id)


def kill_leftovers() -> int:
    """SIGKILL every process this kernel's servers left behind; returns how many there were."""
    return sweep(RUN_TOKEN)


def pids_alive(pids: Sequence[int]) -> list[int]:
    return [pid for pid in pids if pid_alive(pid)]


def listening_ports(pid: int, *, children: bool = False) -> tuple[int, ...]:
    """TCP ports process `pid` listens on (and its descendants', with `children`), sorted."""
    family = [pid, *(c.pid for c in alive_children(pid, recursive=True))] if children else [pid]
    ports: set[int] = set()
    for member in family:
        try:
            conns = psutil.Process(member).net_connections(kind="tcp")
        except psutil.Error:
            continue
        ports.update(c.laddr.port for c in conns if c.status == psutil.CONN_LISTEN and c.laddr)
    return tuple(sorted(ports))


def cpu_used_s(before: ProcTree, after: ProcTree) -> float:
    """CPU seconds (user + system) the processes of `after` used since `before` (new PIDs count fully)."""
    return sum(cpu_by_role(before, after).values())


def cpu_by_role(before: ProcTree, after: ProcTree) -> dict[Role, float]:
    """CPU seconds used between two snapshots, per role (e.g. how little the master did while workers served)."""
    start = {(p.pid, p.started_at): p.cpu_s for p in before.procs}
    used: dict[Role, float] = defaultdict(float)
    for p in after.procs:
        used[p.role] += p.cpu_s - start.get((p.pid, p.started_at), 0.0)
    return dict(used)
