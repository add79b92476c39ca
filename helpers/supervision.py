"""Watch a multi-worker server's supervisor at work: who answers, and how fast a lost worker is back.

Three things the worker notebooks need and ``load``/``procs`` do not give in one call:

- ``wait_until_all_answer``: right after a server is ready, some workers may not accept yet,
  so a short burst lands on one PID. A distribution experiment must first see every worker answer.
- ``kill_and_replace``: signal one worker, then time two separate moments, a new PID in the
  process tree (the supervisor reacted) and that PID answering HTTP (the new worker serves).
- ``fire_in_background``: requests that are still in flight while the cell sends a signal.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from helpers import load, procs
from helpers.records import RequestRecord

_POLL_S = 0.005
_BURST = 6
_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="serverlab-background")


class WorkerServer(Protocol):
    """What these functions need from a ``servers.Server``."""

    url: str

    def worker_pids(self) -> list[int]: ...

    def signal(self, name: str, pid: int | None = None) -> None: ...


@dataclass(frozen=True)
class Replacement:
    """One worker signalled, and when its successor showed up and first answered."""

    old_pid: int
    new_pid: int
    appeared_after_s: float
    serving_after_s: float


def _answering_pids(server: WorkerServer, path: str) -> set[int]:
    # Fresh connections: a keep-alive connection stays with the worker that accepted it.
    records = load.fire(server.url, path, _BURST, fresh_connections=True, timeout_s=2.0)
    return {r.pid for r in records if r.ok and r.pid is not None}


def wait_until_all_answer(server: WorkerServer, timeout_s: float = 10.0, path: str = "/ping") -> float:
    """Send small bursts on fresh connections until every live worker PID has answered; returns seconds."""
    began = time.monotonic()
    seen: set[int] = set()

    def everyone_answered() -> bool:
        seen.update(_answering_pids(server, path))
        return set(server.worker_pids()) <= seen

    procs.wait_until(everyone_answered, timeout_s, poll_s=0.02, what="an answer from every worker")
    return time.monotonic() - began


def kill_and_replace(
    server: WorkerServer, pid: int, *, signal: str = "KILL", timeout_s: float = 10.0, path: str = "/ping"
) -> Replacement:
    """Send `signal` to worker `pid`; time the successor's appearance in the tree and its first answer.

    The first answer is found by bursts of fresh connections, and the kernel may hand a few
    bursts to the older workers, so `serving_after_s` is an upper bound (by a few tens of ms).
    """
    before = set(server.worker_pids())
    began = time.monotonic()
    server.signal(signal, pid=pid)
    new: list[int] = []

    def successor_appeared() -> bool:
        new[:] = sorted(set(server.worker_pids()) - before)
        return bool(new)

    procs.wait_until(successor_appeared, timeout_s, poll_s=_POLL_S, what=f"a successor of worker [{pid}]")
    appeared = time.monotonic() - began
    new_pid = new[0]
    procs.wait_until(
        lambda: new_pid in _answering_pids(server, path),
        timeout_s,
        poll_s=0.02,
        what=f"an HTTP answer from the new worker [{new_pid}]",
    )
    return Replacement(pid, new_pid, appeared, time.monotonic() - began)


def fire_in_background(target: Any, path: str = "/ping", n: int = 1, **options: Any) -> Future[list[RequestRecord]]:
    """Start ``load.fire(target, path, n, **options)`` in a thread and return at once; ``.result()`` waits."""
    return _pool.submit(load.fire, target, path, n, **options)
