"""Watch a multi-worker server's supervisor at work: who answers, how fast a lost worker is back, how it stops.

What the worker notebooks need and ``load``/``procs`` do not give in one call:

- ``wait_until_all_answer``: right after a server is ready, some workers may not accept yet,
  so a short burst lands on one PID. A distribution experiment must first see every worker answer.
  This is the one place that waits for that (the panels and the benchmarks use it too).
- ``kill_and_replace``: signal one worker, then time two separate moments, a new PID in the
  process tree (the supervisor reacted) and that PID answering HTTP (the new worker serves).
- ``fire_in_background``: requests that are still in flight while the cell sends a signal.
- ``term_then_kill``: stop a server the way an operator would, SIGTERM first, SIGKILL if that
  was not enough, and report which one did it and whether anything was left behind.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

from helpers import cores, cputime, i18n, load, procs, scaling
from helpers._plumbing.running import RunningServer
from helpers.servers import Server
from labapp import contract

P = ParamSpec("P")
T = TypeVar("T")
_POLL_S = 0.005
_BURST = 6


@dataclass(frozen=True)
class Replacement:
    """One worker signalled, and when its successor showed up and first answered."""

    old_pid: int
    new_pid: int
    appeared_after_s: float
    serving_after_s: float
    free_cores: float | None = None  # usable cores other programs left free meanwhile (None: not measured)

    def too_busy(self, needed: float = 0.5) -> str | None:
        """Why the replacement's timing cannot be judged on this machine now (measured), or None.

        The supervisor and the new worker need CPU to react: where other programs left less than
        `needed` cores free, a slow replacement says "busy machine", not "slow supervisor".
        """
        if self.free_cores is None:
            return None
        return scaling.too_busy(self.free_cores, needed, cores.detect().runnable)


@dataclass(frozen=True)
class StopReport:
    """What happened to one server's processes when it was told to stop."""

    pid: int
    exited_on_term: bool
    waited_after_term_s: float
    returncode: int | None
    leftovers: tuple[int, ...]

    def describe(self) -> str:
        pid, code = self.pid, self.returncode
        left = ", ".join(f"[{p}]" for p in self.leftovers) or i18n.text("none")
        if self.exited_on_term:
            return i18n.text(f"server [{pid}] exited on SIGTERM after {self.waited_after_term_s:.2f} s; "
                             f"exit status {code}; processes left: {left}")  # fmt: skip
        return i18n.text(f"server [{pid}] ignored SIGTERM for {self.waited_after_term_s:.1f} s, so it was SIGKILLed; "
                         f"exit status {code}; processes left: {left}")  # fmt: skip


def answering_pids(server: RunningServer, path: str = contract.PING) -> set[int]:
    """PIDs that answered one small burst on fresh connections (a keep-alive connection stays with one worker)."""
    records = load.fire(server, path, _BURST, fresh_connections=True, timeout_s=2.0)
    return {r.pid for r in records if r.ok and r.pid is not None}


def wait_until_all_answer(
    server: RunningServer, timeout_s: float = 10.0, path: str = contract.PING, *, cancel: threading.Event | None = None
) -> float:
    """Send bursts until every serving PID has answered; returns the seconds it took.

    Raises TimeoutError naming the silent PIDs; returns early (no error) once `cancel` is set.
    """
    began = time.monotonic()
    seen: set[int] = set()

    def everyone_answered() -> bool:
        if cancel is not None and cancel.is_set():
            return True
        seen.update(answering_pids(server, path))
        return set(procs.serving_pids(server)) <= seen

    procs.wait_until(
        everyone_answered, timeout_s, poll_s=0.02, what=i18n.text(f"an answer from every worker of {server.name!r}")
    )
    return time.monotonic() - began


def info_of_every_worker(server: Server, timeout_s: float = 30.0) -> dict[int, dict[str, Any]]:
    """``/info`` from each serving PID, keyed by PID: a claim about *every* worker reads every worker.

    Bursts on fresh connections, as `wait_until_all_answer` sends: one request at a time goes to whichever
    worker is waiting in accept(), and on a busy machine that can be the same worker every time (a class of
    eight on two cores measured one worker silent for 30 s of single requests).
    """
    infos: dict[int, dict[str, Any]] = {}

    def everyone_answered() -> bool:
        for record in load.fire(server, contract.INFO, _BURST, fresh_connections=True, timeout_s=2.0):
            if record.ok and record.pid is not None:
                infos[record.pid] = record.body
        return set(procs.serving_pids(server)) <= set(infos)

    procs.wait_until(
        everyone_answered, timeout_s, poll_s=0.02, what=i18n.text(f"/info from every worker of {server.name!r}")
    )
    return {pid: infos[pid] for pid in procs.serving_pids(server)}


def kill_and_replace(
    server: RunningServer,
    pid: int,
    *,
    signal: procs.SignalName = "KILL",
    timeout_s: float = 10.0,
    path: str = contract.PING,
) -> Replacement:
    """Send `signal` to worker `pid`; time the successor's appearance in the tree and its first answer.

    The first answer is found by bursts of fresh connections, and the kernel may hand a few
    bursts to the older workers, so `serving_after_s` is an upper bound (by a few tens of ms).
    """
    tree, mark = procs.of(server), cputime.machine_mark()
    before = set(procs.worker_pids(server))
    began = time.monotonic()
    procs.signal(server, signal, pid=pid)
    new: list[int] = []

    def successor_appeared() -> bool:
        new[:] = sorted(set(procs.worker_pids(server)) - before)
        return bool(new)

    procs.wait_until(successor_appeared, timeout_s, poll_s=_POLL_S, what=f"a successor of worker [{pid}]")
    appeared = time.monotonic() - began
    new_pid = new[0]
    procs.wait_until(
        lambda: new_pid in answering_pids(server, path),
        timeout_s,
        poll_s=0.02,
        what=i18n.text(f"an HTTP answer from the new worker [{new_pid}]"),
    )
    serving = time.monotonic() - began
    others = cputime.others_cores(mark, procs.cpu_used_s(tree, procs.of(server)), serving)
    return Replacement(pid, new_pid, appeared, serving, cores.detect().free(others))


@functools.cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=4, thread_name_prefix="serverlab-background")


def in_background(fn: Callable[P, T]) -> Callable[P, Future[T]]:
    """`fn` with the same parameters, run in a background thread: returns a Future at once."""

    @functools.wraps(fn)
    def submit(*args: P.args, **kwargs: P.kwargs) -> Future[T]:
        return _pool().submit(fn, *args, **kwargs)

    return submit


fire_in_background = in_background(load.fire)
fire_in_background.__doc__ = "``load.fire`` in a background thread: returns a Future at once; ``.result()`` waits."


def term_then_kill(server: Server, grace_s: float = 1.5) -> StopReport:
    """SIGTERM the server, wait up to `grace_s` for it to exit, SIGKILL everything if it did not."""
    pid = server.pid
    pids = procs.of(server).pids
    procs.signal(server, "TERM")
    began = time.monotonic()
    try:
        procs.wait_until(lambda: not server.is_running(), grace_s, what=f"server [{pid}] exiting on SIGTERM")
        exited = True
    except TimeoutError:
        exited = False
    waited = time.monotonic() - began
    server.kill()  # SIGKILL the group and sweep marked processes (a no-op if all are gone)
    leftovers = {p.pid for p in procs.server_processes(server.marker)} | set(procs.pids_alive(pids))
    return StopReport(pid, exited, waited, server.exitcode, tuple(sorted(leftovers)))
