"""_plumbing: the one liveness check (zombies count as gone), the one marker scan, one-shot port probes."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psutil

from helpers._plumbing import alive, marker, ports
from helpers._plumbing.environment import marked_env
from helpers._plumbing.sync import blocking


def test_a_zombie_is_not_alive() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    proc = psutil.Process(child.pid)
    deadline = time.monotonic() + 10
    while proc.status() != psutil.STATUS_ZOMBIE and time.monotonic() < deadline:  # exited, not yet reaped
        time.sleep(0.01)
    assert proc.status() == psutil.STATUS_ZOMBIE
    assert not alive.is_alive(proc) and not alive.pid_alive(child.pid)
    assert child.pid not in [p.pid for p in alive.alive_children(os.getpid())]
    child.wait()
    assert not alive.pid_alive(child.pid)
    assert alive.pid_alive(os.getpid())


def test_marker_scan_finds_this_runs_processes_and_orphans_of_dead_kernels() -> None:
    dead_kernel = subprocess.Popen([sys.executable, "-c", "pass"])
    dead_kernel.wait()
    dead_token = f"{dead_kernel.pid}-deadbeef00"
    env = {**marked_env("scan-test"), marker.RUN_VAR: dead_token}
    orphan = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], env=env)
    mine = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"], env=marked_env("scan-test"))
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and orphan.pid not in [p.pid for p in marker.orphaned_processes()]:
            time.sleep(0.05)
        assert orphan.pid in [p.pid for p in marker.orphaned_processes()]
        assert mine.pid not in [p.pid for p in marker.orphaned_processes()]  # our kernel (this process) is alive
        assert mine.pid in [p.pid for p in marker.orphaned_processes(include_live_kernels=True)]
        assert [p.pid for p in marker.marked_processes(marker.RUN_TOKEN, "scan-test")] == [mine.pid]
        assert marker.kernel_pid(dead_token) == dead_kernel.pid and marker.kernel_pid("junk") is None
        assert marker.sweep(marker.RUN_TOKEN, "scan-test", timeout_s=3.0) == 1
        assert not alive.pid_alive(mine.pid)  # sweep SIGKILLed it and reaped it
    finally:
        for proc in (orphan, mine):
            proc.kill()
            proc.wait()


def test_http_status_is_none_when_nothing_listens() -> None:
    port = ports.free_port()
    assert not ports.is_listening(port)
    assert ports.http_status(port, "/") is None


def test_blocking_twin_keeps_the_signature_and_runs_in_a_running_loop() -> None:
    async def add_async(a: int, b: int = 2) -> int:
        """Add."""
        return a + b

    add = blocking(add_async)
    assert add(1) == 3 and add.__name__ == "add" and add.__doc__ == "Add."
    assert str(__import__("inspect").signature(add)) == "(a: 'int', b: 'int' = 2) -> 'int'"
