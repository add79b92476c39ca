"""Free ports on 127.0.0.1, chosen by the OS so that concurrent kernels do not collide; one-shot probes."""

from __future__ import annotations

import http.client
import socket


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it from its ephemeral range)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def is_listening(port: int) -> bool:
    """True when something accepts TCP connections on 127.0.0.1:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def http_status(port: int, path: str, timeout_s: float = 1.0) -> int | None:
    """The status of one GET on 127.0.0.1:port (a fresh connection), or None if nothing answered."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout_s)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        conn.close()
