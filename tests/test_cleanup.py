"""Cleanup you can trust: a killed 'kernel' takes its servers along, and kernels never touch each other's."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
from collections.abc import Iterator

from helpers import procs, servers
from tests.support import read_line, run_python

START_TWO_SERVERS = """
import json, time
from helpers import procs, servers
a = servers.uvicorn("labapp.lab:app", workers=2, name="a")
b = servers.gunicorn("labapp.lab:app", workers=2, name="b")
print(json.dumps({"pids": procs.of(a).pids + procs.of(b).pids, "urls": [a.url, b.url]}), flush=True)
time.sleep(120)
"""


def wait_gone(pids: list[int], timeout_s: float) -> float:
    return procs.wait_until(lambda: procs.pids_alive(pids) == [], timeout_s, what=f"exit of {pids}")


@contextlib.contextmanager
def kernel_with_two_servers(code: str = START_TWO_SERVERS) -> Iterator[tuple[subprocess.Popen[str], list[int]]]:
    """A stand-in kernel that started a uvicorn and a gunicorn tree; yields it and their PIDs."""
    kernel = run_python(code)
    try:
        yield kernel, json.loads(read_line(kernel, timeout_s=60))["pids"]
    finally:
        kernel.kill()
        kernel.communicate(timeout=5)


def test_sigkilled_kernel_takes_every_server_along() -> None:
    with kernel_with_two_servers() as (kernel, pids):
        assert len(procs.pids_alive(pids)) == 7  # parent+tracker+2 workers, master+2 workers
        kernel.send_signal(signal.SIGKILL)
        kernel.wait(timeout=5)
        wait_gone(pids, timeout_s=5.0)


def test_exiting_kernel_stops_its_servers_through_atexit() -> None:
    with kernel_with_two_servers(START_TWO_SERVERS.replace("time.sleep(120)", "")) as (kernel, pids):
        kernel.wait(timeout=15)
        wait_gone(pids, timeout_s=3.0)


def test_two_kernels_do_not_touch_each_others_servers() -> None:
    other = run_python(START_TWO_SERVERS)
    try:
        theirs = json.loads(read_line(other, timeout_s=60))
        mine = servers.uvicorn("labapp.lab:app", workers=2, name="a")  # same name as theirs
        assert mine.port not in [int(u.rsplit(":", 1)[1]) for u in theirs["urls"]]
        my_pids = procs.of(mine).pids
        servers.stop_all()
        procs.kill_leftovers()
        wait_gone(my_pids, timeout_s=3.0)  # our SIGKILLs have landed: had any hit theirs, those would be gone too
        assert len(procs.pids_alive(theirs["pids"])) == len(theirs["pids"])
    finally:
        other.kill()
        other.communicate(timeout=5)
    wait_gone(theirs["pids"], timeout_s=5.0)


def test_twenty_start_stop_cycles_leak_nothing() -> None:
    import psutil

    me = psutil.Process()
    threads_before, fds_before = me.num_threads(), me.num_fds()
    for _ in range(20):
        srv = servers.uvicorn("labapp.lab:app")
        srv.stop()
    assert me.num_threads() <= threads_before + 1
    assert me.num_fds() <= fds_before + 2
    assert servers.running() == []
