"""_plumbing: the one liveness check (zombies count as gone), the one marker scan, one-shot port probes."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from helpers import learner_app
from helpers._plumbing import alive, marker, ports, private
from helpers._plumbing.deadline import Deadline, poll_until
from helpers._plumbing.environment import marked_env
from helpers._plumbing.sync import blocking
from helpers.topics import reloading


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


def test_private_folder_is_0700_and_refuses_what_is_not_ours_alone(tmp_path: Path) -> None:
    made = private.private_folder(tmp_path / "mine")
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    wide = tmp_path / "ours-but-wide"
    wide.mkdir(mode=0o755)
    os.chmod(wide, 0o777)  # made by an older version, or under umask 0: ours, so it is narrowed
    assert stat.S_IMODE(private.private_folder(wide).stat().st_mode) == 0o700
    (tmp_path / "target").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "target")
    with pytest.raises(private.UnsafeFolderError, match="symlink"):
        private.private_folder(tmp_path / "link")
    (tmp_path / "a-file").write_text("")
    with pytest.raises(private.UnsafeFolderError, match="not a plain folder"):
        private.private_folder(tmp_path / "a-file")


@pytest.mark.skipif(os.geteuid() != 0, reason="making a folder owned by another user needs root")
def test_private_folder_refuses_a_folder_another_user_made_first(tmp_path: Path) -> None:
    theirs = tmp_path / "serverlab-theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, 65534, 65534)  # nobody: another learner who guessed the name first
    with pytest.raises(private.UnsafeFolderError, match="belongs to another user"):
        private.private_folder(theirs)


def test_private_log_is_0600_and_never_follows_a_symlink(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        fd = private.open_private_append(tmp_path / "server.log")
    finally:
        os.umask(previous)
    os.close(fd)
    assert stat.S_IMODE((tmp_path / "server.log").stat().st_mode) == 0o600
    (tmp_path / "victim").write_text("keep")
    (tmp_path / "planted.log").symlink_to(tmp_path / "victim")
    with pytest.raises(OSError):
        private.open_private_append(tmp_path / "planted.log")
    assert (tmp_path / "victim").read_text() == "keep"


def answer() -> dict[str, bool]:
    return {"ok": True}


def test_the_helpers_temporary_folders_are_0700() -> None:
    copied = reloading.copy_app()  # notebook 01's copy of the seed app
    try:
        assert stat.S_IMODE(copied.parent.stat().st_mode) == 0o700
    finally:
        shutil.rmtree(copied.parent)
    with learner_app.serve(answer, name="private folder") as srv:
        folder = Path(srv.command.argv[srv.command.argv.index("--app-dir") + 1])
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and folder.stat().st_uid == os.geteuid()
    made = private.private_temp_folder("serverlab-test-")
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    made.rmdir()


def test_poll_until_returns_the_last_value_read_done_or_not() -> None:
    reads = iter(range(100))
    assert poll_until(lambda: next(reads), lambda v: v >= 3, timeout_s=5, poll_s=0.001) == 3
    began = time.monotonic()
    last = poll_until(lambda: next(reads), lambda v: False, timeout_s=0.1, poll_s=0.01)
    took = time.monotonic() - began
    assert 4 <= last < 100 and 0.1 <= took < 1.0  # bounded in time, and the value read at the deadline


def test_a_deadline_runs_out() -> None:
    deadline = Deadline(0.05)
    assert deadline.running() and 0 < deadline.left_s() <= 0.05
    time.sleep(0.06)
    assert not deadline.running() and deadline.left_s() == 0.0 and deadline.elapsed_s() >= 0.05
