"""Read a socket option of a connection inside a server process: is TCP_NODELAY set on it?

Nagle's algorithm (TCP_NODELAY off) can delay small responses by ~40 ms on keep-alive
connections. Whether a server's accepted sockets have it off is a fact about that process, so we
read it there: Linux's ``pidfd_getfd`` (kernel 5.6+) gives us a duplicate of the worker's socket,
and ``getsockopt`` answers. It needs permission to trace the process (our own descendants, or root).

    sockopts.tcp_nodelay(worker_pid, server_port)  # -> NoDelay(value=True, how="...")
"""

from __future__ import annotations

import ctypes
import os
import socket
import sys
from dataclasses import dataclass

import psutil

from helpers import i18n

SYS_PIDFD_GETFD = 438  # the same number on every Linux architecture (unified syscall table)


@dataclass(frozen=True)
class NoDelay:
    """TCP_NODELAY of one accepted connection of `pid`: True/False, or None with the reason it could not be read."""

    pid: int
    value: bool | None
    how: str


def _duplicate_fd(pid: int, fd: int) -> int:
    pidfd = os.pidfd_open(pid)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        dup = int(libc.syscall(SYS_PIDFD_GETFD, pidfd, fd, 0))
        if dup < 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))
        return dup
    finally:
        os.close(pidfd)


def tcp_nodelay(pid: int, port: int) -> NoDelay:
    """TCP_NODELAY on an established connection that process `pid` accepted on `port` (keep one open first)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "pidfd_open"):
        return NoDelay(
            pid, None, i18n.text(f"reading another process's socket needs Linux pidfd_getfd, not {sys.platform}")
        )
    try:
        conns = [
            c
            for c in psutil.Process(pid).net_connections("tcp")
            if c.status == psutil.CONN_ESTABLISHED and c.laddr and c.laddr.port == port and c.fd >= 0
        ]
    except psutil.Error as exc:
        return NoDelay(pid, None, i18n.text(f"cannot list the connections of [{pid}] ({type(exc).__name__})"))
    if not conns:
        return NoDelay(
            pid, None, i18n.text(f"[{pid}] has no open connection on port {port} (keep a keep-alive client open)")
        )
    try:
        dup = _duplicate_fd(pid, conns[0].fd)
    except OSError as exc:
        return NoDelay(pid, None, i18n.text(f"pidfd_getfd on [{pid}] failed: {exc.strerror or exc}"))
    sock = socket.socket(fileno=dup)
    try:
        value = bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
    finally:
        sock.close()  # closes only our duplicate; the worker's socket stays open
    return NoDelay(pid, value, i18n.text(f"getsockopt(TCP_NODELAY) on a duplicate of fd {conns[0].fd} of [{pid}]"))
