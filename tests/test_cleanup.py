"""Cleanup you can trust: a killed 'kernel' takes its servers along, and kernels never touch each other's."""

from __future__ import annotations

import json
import signal
import time

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


def test_sigkilled_kernel_takes_every_server_along() -> None:
    kernel = run_python(START_TWO_SERVERS)
    try:
        started = json.loads(read_line(kernel, timeout_s=60))
        assert len(procs.pids_alive(started["pids"])) == 7  # parent+tracker+2 workers, master+2 workers
        kernel.send_signal(signal.SIGKILL)
        kernel.wait(timeout=5)
        wait_gone(started["pids"], timeout_s=5.0)
    finally:
        kernel.kill()
        kernel.communicate(timeout=5)


def test_exiting_kernel_stops_its_servers_through_atexit() -> None:
    code = START_TWO_SERVERS.replace("time.sleep(120)", "")
    kernel = run_python(code)
    try:
        started = json.loads(read_line(kernel, timeout_s=60))
        kernel.wait(timeout=15)
        wait_gone(started["pids"], timeout_s=3.0)
    finally:
        kernel.kill()
        kernel.communicate(timeout=5)


def test_two_kernels_do_not_touch_each_others_servers() -> None:
    other = run_python(START_TWO_SERVERS)
    try:
        theirs = json.loads(read_line(other, timeout_s=60))
        mine = servers.uvicorn("labapp.lab:app", workers=2, name="a")  # same name as theirs
        assert mine.port not in [int(u.rsplit(":", 1)[1]) for u in theirs["urls"]]
        servers.stop_all()
        procs.kill_leftovers()
        time.sleep(0.5)
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
