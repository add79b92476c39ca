"""sockopts.tcp_nodelay reads the option inside another (child) process, both ways."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from helpers import sockopts

CHILD = """
import socket, sys, time
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen()
print(listener.getsockname()[1], flush=True)
conn, _ = listener.accept()
conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, int(sys.argv[1]))
print("set", flush=True)
time.sleep(20)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pidfd_getfd exists only on Linux")
@pytest.mark.parametrize("nodelay", [True, False])
def test_reads_the_childs_option(nodelay: bool) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(int(nodelay))], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        port = int(child.stdout.readline())
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            assert child.stdout.readline().strip() == "set"
            found = sockopts.tcp_nodelay(child.pid, port)
        assert found.value is nodelay, found.how
    finally:
        child.kill()
        child.wait(5)


def test_no_connection_says_why() -> None:
    found = sockopts.tcp_nodelay(os.getpid(), 1)
    assert found.value is None and "no open connection" in found.how
