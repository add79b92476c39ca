"""activity.of tells a spinning process from a sleeping one by scheduler state, on real processes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from helpers import activity


@dataclass
class Child:
    """The little of a server that activity.of needs: a PID."""

    process: subprocess.Popen[bytes]
    name: str = "child"
    url: str = "http://127.0.0.1:1"
    marker: str = ""

    @property
    def pid(self) -> int:
        return self.process.pid

    def is_running(self) -> bool:
        return self.process.poll() is None


@pytest.fixture
def child(request: pytest.FixtureRequest) -> Iterator[Child]:
    # the child says "go" once its interpreter has started, so start-up work is not sampled as spinning
    proc = subprocess.Popen([sys.executable, "-c", f"print('go', flush=True)\n{request.param}"], stdout=subprocess.PIPE)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"go"
        yield Child(proc)
    finally:
        proc.kill()
        proc.wait(5)


@pytest.mark.parametrize("child", ["while True: pass"], indirect=True)
def test_a_spinning_process_is_runnable(child: Child) -> None:
    busy = activity.of(child, window_s=1.0, samples=10)
    assert busy.running_share >= 0.8, busy.describe()
    assert busy.free_cores == busy.machine.free(busy.others_cores)
    if busy.too_busy() is None:
        assert busy.free_cores >= 0.5 and busy.cores_used >= 0.2, busy.describe()
    else:
        assert f"left only {busy.free_cores:.2f}" in (busy.too_busy() or "")


@pytest.mark.parametrize("child", ["import time; time.sleep(30)"], indirect=True)
def test_a_sleeping_process_is_not(child: Child) -> None:
    busy = activity.of(child, window_s=0.6, samples=6)
    assert busy.running_share <= 0.34, busy.describe()
    assert busy.cores_used < 0.2, busy.describe()
    assert "samples" in busy.describe()
