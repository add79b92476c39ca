"""What one process holds right now: listening TCP ports, child processes, Python threads.

Notebook 01 calls ``uvicorn.run`` inside the kernel to show that it fails; comparing the
kernel's footprint before and after proves the failed call bound no port and started nothing.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

import psutil


@dataclass(frozen=True)
class Footprint:
    """A snapshot of one process: the ports it listens on, its live children, its Python threads."""

    pid: int
    listening_ports: tuple[int, ...]
    children: tuple[int, ...]
    thread_names: tuple[str, ...]

    def added_since(self, before: Footprint) -> dict[str, tuple[object, ...]]:
        """Ports, children and thread names present now but not in `before` (empty tuples = nothing new)."""
        return {
            "listening_ports": tuple(p for p in self.listening_ports if p not in before.listening_ports),
            "children": tuple(c for c in self.children if c not in before.children),
            "thread_names": tuple(t for t in self.thread_names if t not in before.thread_names),
        }


def listening_ports(pid: int) -> tuple[int, ...]:
    """TCP ports process `pid` itself listens on (not its children), sorted."""
    try:
        conns = psutil.Process(pid).net_connections(kind="tcp")
    except psutil.Error:
        return ()
    return tuple(sorted({c.laddr.port for c in conns if c.status == psutil.CONN_LISTEN and c.laddr}))


def of_this_process() -> Footprint:
    """The footprint of the calling process (the notebook's kernel); thread names are this interpreter's."""
    pid = os.getpid()
    try:
        kids = tuple(
            sorted(c.pid for c in psutil.Process(pid).children(recursive=True) if c.status() != psutil.STATUS_ZOMBIE)
        )
    except psutil.Error:
        kids = ()
    names = tuple(sorted(t.name for t in threading.enumerate()))
    return Footprint(pid=pid, listening_ports=listening_ports(pid), children=kids, thread_names=names)
