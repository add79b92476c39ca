"""Cleanup you can trust: a killed 'kernel' takes its servers along, and kernels never touch each other's."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers import procs, servers
from helpers._plumbing.marker import RUN_VAR, SERVER_VAR
from tests.support import ROOT, read_line, run_python

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


# -- the learner's cleanup (python -m helpers.cli.cleanup, make clean): issue 19 point 8 -----------------------

CLEANUP = [sys.executable, "-m", "helpers.cli.cleanup"]
SLEEPER = ["/bin/sleep", "120"]  # a stand-in for a lab server: what matters is its marker, owner and group


def dead_kernel_token() -> str:
    """A SERVERLAB_RUN token whose kernel PID has exited (and been reaped)."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(timeout=10)
    return f"{gone.pid}-{uuid.uuid4().hex[:10]}"


def live_kernel_token() -> str:
    return f"{os.getpid()}-{uuid.uuid4().hex[:10]}"  # this test process stands in for a running kernel


@contextlib.contextmanager
def marked(token: str, argv: list[str] = SLEEPER, **kwargs: Any) -> Iterator[subprocess.Popen[str]]:
    """A process carrying `token` as its run marker, in a session of its own (as the helpers start servers)."""
    env = {**os.environ, RUN_VAR: token, SERVER_VAR: "left-behind"}
    proc = subprocess.Popen(argv, env=env, start_new_session=True, cwd="/", text=True, **kwargs)
    try:
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=10)


def cleanup(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*CLEANUP, *args], cwd="/", capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_cleanup_stops_a_dead_kernels_server_and_leaves_a_running_kernels_alone() -> None:
    dead, live = dead_kernel_token(), live_kernel_token()
    with marked(dead) as orphan, marked(live) as kept:
        time.sleep(0.2)  # both have exec'd sleep: their environment is the marked one
        first = cleanup("--run", dead)
        assert orphan.wait(timeout=10) == -signal.SIGKILL
        assert "stopped 1 leftover" in first.stdout, first.stdout
        second = cleanup("--run", live)  # run from any directory ("/"): the installed package, the course's Python
        assert kept.poll() is None and "stopped 0" in second.stdout and "left 1 of running kernels" in second.stdout
        cleanup("--all", "--run", live)
        assert kept.wait(timeout=10) == -signal.SIGKILL


def test_cleanup_never_stops_the_process_that_runs_it_nor_its_ancestors() -> None:
    # A terminal, a kernel or a single-user server that (however) carries a dead kernel's marker runs the
    # cleanup: it and its process group survive; a sibling server with the same marker does not.
    dead = dead_kernel_token()
    caller_code = (
        "import subprocess, sys\n"
        f"done = subprocess.run({[*CLEANUP, '--run', dead]!r}, capture_output=True, text=True, timeout=60)\n"
        "print(done.returncode, done.stdout.strip(), flush=True)\n"
        "import time; time.sleep(2)\n"
    )
    with marked(dead) as sibling, marked(dead, [sys.executable, "-c", caller_code], stdout=subprocess.PIPE) as caller:
        time.sleep(0.2)
        out, _ = caller.communicate(timeout=60)
        assert caller.returncode == 0 and out.startswith("0 "), out  # it lived to print, and exited by itself
        assert "stopped 1 leftover" in out, out
        assert sibling.wait(timeout=10) == -signal.SIGKILL


@pytest.mark.skipif(os.geteuid() != 0, reason="another user's process needs root to start")
def test_cleanup_run_by_root_leaves_another_users_orphan_alone() -> None:
    dead = dead_kernel_token()
    with marked(dead, user=65534, group=65534) as theirs:  # nobody: a learner on the same node
        time.sleep(0.2)
        done = cleanup("--run", dead)
        assert "stopped 0" in done.stdout, done.stdout
        time.sleep(0.3)
        assert theirs.poll() is None, "root's cleanup killed another user's process"


def test_cleanup_removes_a_dead_kernels_log_folder_and_keeps_a_live_ones() -> None:
    dead, live = dead_kernel_token(), live_kernel_token()
    folders = {token: Path(tempfile.gettempdir()) / f"serverlab-{token}" for token in (dead, live)}
    try:
        for folder in folders.values():
            folder.mkdir(mode=0o700)
            (folder / "server.log").write_text("INFO: ...")
        assert "removed 1 log folder" in cleanup("--run", dead).stdout
        cleanup("--run", live)
        assert not folders[dead].exists() and folders[live].exists()
    finally:
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)


def test_cleanup_with_a_python_that_lacks_the_course_says_so() -> None:
    bare = subprocess.run([sys.executable, "-S", "-c", "import sys; sys.argv = ['cleanup']; "
                           "from helpers.cli import cleanup; sys.exit(cleanup.main([]))"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert bare.returncode == 2 and "cannot import psutil" in bare.stderr, bare.stdout + bare.stderr


FAKE_PYTHON = """#!/bin/sh
echo "$0 $*" >> "$(dirname "$0")/calls.log"
exit ${FAKE_RC:-0}
"""


def make_clean(folder: Path, *args: str, rc: int = 0) -> subprocess.CompletedProcess[str]:
    shutil.copy(ROOT / "Makefile", folder / "Makefile")
    env = {**os.environ, "FAKE_RC": str(rc)}
    return subprocess.run(["make", "--no-print-directory", "clean", *args], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip


def fake_python(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FAKE_PYTHON)
    path.chmod(0o755)
    return path


def test_make_clean_runs_the_cleanup_with_the_venvs_python_and_stops_on_its_failure(tmp_path: Path) -> None:
    venv_python = fake_python(tmp_path / ".venv" / "bin" / "python")
    done = make_clean(tmp_path)
    assert done.returncode == 0, done.stderr
    calls = (venv_python.parent / "calls.log").read_text().splitlines()
    assert [c.split(" ", 1)[1] for c in calls] == ["-m helpers.cli.labsetup --stop-labs", "-m helpers.cli.cleanup"]
    failed = make_clean(tmp_path, rc=3)
    assert failed.returncode != 0, "make clean hid a failing cleanup"


def test_make_clean_without_a_venv_uses_python3_as_on_a_hub(tmp_path: Path) -> None:
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    planned = subprocess.run(["make", "-n", "clean"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert "python3 -m helpers.cli.cleanup" in planned.stdout, planned.stdout
    other = fake_python(tmp_path / "course-env" / "bin" / "python")
    assert make_clean(tmp_path, f"PYTHON={other}").returncode == 0
    assert "-m helpers.cli.cleanup" in (other.parent / "calls.log").read_text()


@pytest.mark.timeout(180)
def test_stop_labs_stops_this_users_jupyter_servers_but_spares_a_hub_managed_one(tmp_path: Path) -> None:
    # Isolated runtime folder: only these two servers are listed (never another JupyterLab on this machine).
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_CONFIG_DIR": str(tmp_path)}
    env.pop("JUPYTERHUB_API_TOKEN", None)
    argv = [sys.executable, "-m", "jupyter_server", "--no-browser", "--ServerApp.ip=127.0.0.1", "--ServerApp.port=0",
            "--IdentityProvider.token=t", *(["--allow-root"] if os.geteuid() == 0 else [])]  # fmt: skip
    quiet: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "start_new_session": True}
    learners_lab = subprocess.Popen(argv, env=env, cwd=tmp_path, **quiet)
    single_user = subprocess.Popen(argv, env={**env, "JUPYTERHUB_API_TOKEN": "x"}, cwd=tmp_path, **quiet)  # a hub's
    started = [learners_lab, single_user]
    try:
        infos = [tmp_path / "runtime" / f"jpserver-{p.pid}.json" for p in started]
        procs.wait_until(lambda: all(i.exists() for i in infos), 60, what="both Jupyter servers to write their info")
        done = subprocess.run([sys.executable, "-m", "helpers.cli.labsetup", "--stop-labs"], env=env, cwd="/",
                              capture_output=True, text=True, timeout=120)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        assert "stopped 1 JupyterLab server(s)" in done.stdout and "a JupyterHub started it" in done.stdout, done.stdout
        assert started[0].wait(timeout=30) is not None and started[1].poll() is None
    finally:
        for proc in started:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
