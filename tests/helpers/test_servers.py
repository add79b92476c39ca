"""servers: real uvicorn and gunicorn trees start, answer, fail clearly, and stop completely."""

from __future__ import annotations

import os
import re
import socket
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import psutil
import pytest

from helpers import busytime, commands, cores, errors, procs, servers
from helpers._plumbing.marker import RUN_TOKEN, marked_processes
from helpers._plumbing.private import UnsafeFolderError

QUICK_FAILURE_S = 10.0  # "within seconds": well under the 20 s ready timeout


def alive(pids: list[int]) -> list[int]:
    return procs.pids_alive(pids)


def test_uvicorn_single_process_is_ready_and_answers() -> None:
    with servers.uvicorn("labapp.lab:app") as srv:
        assert srv.is_ready()
        info = srv.get("/info")
        assert info["pid"] == srv.pid
        assert info["loop"].startswith("uvloop") and info["http"] == "httptools"
        tree = procs.of(srv)
        assert [p.role for p in tree.procs] == ["server"]
    assert not srv.is_running()


def test_uvicorn_workers_tree_has_parent_tracker_and_workers() -> None:
    with servers.uvicorn("labapp.lab:app", workers=3) as srv:
        tree = procs.of(srv)
        assert tree.procs[0].role == "parent"
        assert len(tree.workers) == 3
        assert len(tree.by_role("resource_tracker")) == 1
        assert all(p.ppid == srv.pid for p in tree.procs[1:])
        every = tree.pids
    assert alive(every) == []


def test_gunicorn_master_forks_the_requested_workers() -> None:
    with servers.gunicorn("labapp.lab:app", workers=2) as srv:
        tree = procs.of(srv)
        assert tree.procs[0].role == "master"
        assert len(tree.workers) == 2
        pids = {srv.get("/health")["pid"] for _ in range(10)}
        assert pids <= set(procs.worker_pids(srv))
        assert "--no-control-socket" in srv.command.argv  # type: ignore[union-attr]
        every = tree.pids
    assert alive(every) == []


def test_module_server_with_uvicorn_run_under_main() -> None:
    with servers.module("labapp.seed_main") as srv:
        assert srv.get("/") == {"message": "Hello World"}


def test_stop_kills_the_whole_tree_fast() -> None:
    srv = servers.uvicorn("labapp.lab:app", workers=2)
    every = procs.of(srv).pids
    began = time.monotonic()
    srv.stop()
    assert time.monotonic() - began < 3.0
    assert alive(every) == []
    srv.stop()  # idempotent


def test_rerun_with_same_name_replaces_the_old_server() -> None:
    first = servers.uvicorn("labapp.lab:app")
    old_pid = first.pid
    second = servers.uvicorn("labapp.lab:app")
    assert not first.is_running() and alive([old_pid]) == []
    assert second.is_ready()
    assert servers.running() == [second]


def test_different_names_run_side_by_side_and_stop_all_stops_both() -> None:
    a = servers.uvicorn("labapp.lab:app", name="a")
    b = servers.uvicorn("labapp.lab:app", name="b")
    assert a.port != b.port and a.is_ready() and b.is_ready()
    assert servers.stop_all() >= 2
    assert not a.is_running() and not b.is_running()


def test_killed_master_leaves_orphans_that_stop_still_kills() -> None:
    srv = servers.gunicorn("labapp.lab:app", workers=2)
    workers = procs.worker_pids(srv)
    procs.signal(srv, "KILL")
    procs.wait_until(lambda: not srv.is_running(), 5, what="master death")
    tree = procs.of(srv)  # found through their marker, though their parent is gone
    assert sorted(p.pid for p in tree.orphans) == sorted(workers)
    assert all(p.ppid != srv.pid for p in tree.orphans)
    srv.stop()
    procs.wait_until(lambda: alive(workers) == [], 2, what="orphans gone")


def test_signal_to_a_pid_outside_the_server_is_refused() -> None:
    with servers.uvicorn("labapp.lab:app") as srv, pytest.raises(errors.BadArgumentError):
        procs.signal(srv, "KILL", pid=1)


@pytest.mark.parametrize(
    "start, error, cause",
    [
        (lambda: servers.uvicorn("labapp.nope:app"), errors.AppImportError, r'Could not import module "labapp\.nope"'),
        (lambda: servers.uvicorn("labapp.lab:nope"), errors.AppImportError, r'Attribute "nope" not found'),
        (lambda: servers.uvicorn("tests.apps.broken:app"), errors.AppImportError, r"broken on purpose"),
        (lambda: servers.uvicorn("labapp.nope:app", workers=2), errors.AppImportError,
         r'Could not import module "labapp\.nope"'),
        (lambda: servers.gunicorn("labapp.nope:app"), errors.AppImportError, r"No module named 'labapp\.nope'"),
        (lambda: servers.module("labapp.seed_bare"), errors.ServerExitedError, r"exit status 0 \(it finished"),
        (lambda: servers.uvicorn("labapp.lab:app", ready_path="/no-such-path"), errors.NotReadyError,
         r"answers /no-such-path with HTTP 404"),
        (lambda: servers.module("tests.apps.sleeper", ready_timeout_s=2), errors.NotReadyError,
         r"not ready within 2 s \(last answer: none\)"),
    ],
    ids=["missing-module", "missing-attribute", "raising-module", "workers-import", "gunicorn-import",
         "exits-early", "ready-path-404", "never-listens"],
)  # fmt: skip
def test_start_failures_are_fast_and_name_the_cause(start: object, error: type[Exception], cause: str) -> None:
    """Each failure names its own cause (in the summary or the log lines it quotes), not just generic words."""
    began = time.monotonic()
    with pytest.raises(error) as caught:
        start()  # type: ignore[operator]
    assert time.monotonic() - began < QUICK_FAILURE_S
    assert re.search(cause, str(caught.value)), str(caught.value)


def test_import_error_message_carries_the_log_tail() -> None:
    with pytest.raises(errors.AppImportError) as caught:
        servers.uvicorn("labapp.nope:app")
    assert "Last lines of the server log" in str(caught.value)
    assert "labapp.nope" in caught.value.log_tail


def test_fixed_port_in_use_is_reported_with_a_hint() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        began = time.monotonic()
        with pytest.raises(errors.PortInUseError, match="stop_all"):
            servers.uvicorn("labapp.lab:app", port=port)
        assert time.monotonic() - began < QUICK_FAILURE_S


def test_port_bound_but_not_listening_is_detected_from_the_log() -> None:
    with socket.socket() as holder:  # bound, not listening: only the server's bind fails
        holder.bind(("127.0.0.1", 0))
        port = holder.getsockname()[1]
        with pytest.raises(errors.PortInUseError) as caught:
            servers.uvicorn("labapp.lab:app", port=port)
        assert "address already in use" in caught.value.log_tail.lower()


@pytest.mark.parametrize(
    "call",
    [
        lambda: servers.uvicorn("no_colon"),
        lambda: servers.uvicorn("labapp.lab:app", workers=0),
        lambda: servers.uvicorn("labapp.lab:app", workers=True),
        lambda: servers.uvicorn("labapp.lab:app", workers=2, reload=True),
        lambda: servers.uvicorn("labapp.lab:app", port=70000),
        lambda: servers.gunicorn("labapp.lab:app", timeout_s=-1),
        lambda: servers.gunicorn("labapp.lab:app", workers=99),
        lambda: servers.module("not a module"),
    ],
)
def test_bad_arguments_fail_before_anything_starts(call: object) -> None:
    me = psutil.Process()
    children_before = {p.pid for p in me.children(recursive=True)}
    with pytest.raises(errors.BadArgumentError):
        call()  # type: ignore[operator]
    assert servers.running() == []
    assert {p.pid for p in me.children(recursive=True)} <= children_before  # not one process was started
    assert marked_processes(RUN_TOKEN) == []


def test_request_to_a_stopped_server_says_so() -> None:
    srv = servers.uvicorn("labapp.lab:app")
    srv.stop()
    with pytest.raises(errors.ServerNotRunningError, match="re-run"):
        srv.get("/ping")


def test_log_is_readable_and_names_the_pid() -> None:
    with servers.uvicorn("labapp.lab:app") as srv:
        srv.get("/ping")
        assert f"[{srv.pid}]" in srv.log_text()
        assert len(srv.log_tail(3).splitlines()) <= 3


def test_workers_1_is_a_single_process_and_becomes_ready() -> None:
    with servers.uvicorn("labapp.lab:app", workers=1) as srv:
        assert [p.role for p in procs.of(srv).procs] == ["server"]


def test_stop_returns_only_once_orphans_are_gone() -> None:
    srv = servers.gunicorn("labapp.lab:app", workers=2)
    workers = procs.worker_pids(srv)
    procs.signal(srv, "KILL")
    procs.wait_until(lambda: not srv.is_running(), 5, what="master death")
    srv.stop()
    assert alive(workers) == []


def test_log_folder_and_log_are_private_to_this_user_whatever_the_umask() -> None:
    previous = os.umask(0)  # the most permissive umask: what the folder gets must not depend on it
    try:
        srv = servers.uvicorn("labapp.lab:app", name="private log")
    finally:
        os.umask(previous)
    with srv:
        folder, log = os.lstat(servers.LOG_DIR), os.lstat(servers.LOG_DIR / f"{srv.marker}.log")
        assert stat.S_ISDIR(folder.st_mode) and folder.st_uid == os.geteuid()
        assert (stat.S_IMODE(folder.st_mode), stat.S_IMODE(log.st_mode)) == (0o700, 0o600)


def test_a_log_folder_that_is_a_symlink_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "chosen-by-someone-else"
    elsewhere.mkdir()
    planted = tmp_path / "serverlab-log"
    planted.symlink_to(elsewhere)  # what another user could plant in /tmp under the name we use
    monkeypatch.setattr(servers, "LOG_DIR", planted)
    with pytest.raises(UnsafeFolderError, match="symlink"):
        servers.uvicorn("labapp.lab:app", name="planted")
    assert list(elsewhere.iterdir()) == [] and servers.running() == []


def test_uvicorn_starts_with_every_taught_flag_and_limits_concurrency() -> None:
    """The typed fields are real uvicorn flags: a server with all of them starts, and one of them is measured."""
    with servers.uvicorn(
        workers=2, limit_concurrency=3, backlog=64, timeout_keep_alive_s=2, timeout_graceful_shutdown_s=2,
        limit_max_requests=1000, limit_max_requests_jitter=10, timeout_worker_healthcheck_s=5, name="typed flags",
    ) as srv:  # fmt: skip
        assert "--limit-concurrency 3" in str(srv.command) and srv.get("/health")["status"] == "ok"
    # uvicorn answers 503 once its open connections (or tasks) reach the limit: with 2, one busy
    # connection plus one more is over it, while the readiness check alone is not.
    with servers.uvicorn(limit_concurrency=2, access_log=False, name="two at most") as srv:
        rounds = [_second_request_while_one_is_busy(srv) for _ in range(3)]
        # A round where the busy request itself met a probe still being closed proves nothing: one clean round must.
        assert any(busy == 200 and 503 in probes for busy, probes in rounds), rounds


def _second_request_while_one_is_busy(srv: servers.Server) -> tuple[int, list[int]]:
    """(status of a 1.5 s request, statuses of probes sent on new connections while it ran)."""
    answers: list[int] = []
    with httpx.Client(timeout=5.0) as busy, httpx.Client(timeout=5.0) as other:
        holder = threading.Thread(
            target=lambda: answers.append(busy.get(srv.url_for("/async/sleep?s=1.5")).status_code)
        )
        holder.start()
        time.sleep(0.4)  # the busy request is in flight, alone
        probes = []
        deadline = time.monotonic() + 0.8
        while time.monotonic() < deadline and 503 not in probes:
            probes.append(other.get(srv.url_for("/health"), headers={"Connection": "close"}).status_code)
            time.sleep(0.05)
        holder.join(5.0)
    return (answers[0] if answers else 0), probes


def test_start_together_starts_descriptions_at_once_named_by_their_labels() -> None:
    """Build, then start: descriptions of one kind side by side, each named by its label, in the given order."""
    started = servers.start_together({"one": commands.Uvicorn(), "two": commands.Uvicorn(workers=2)})
    assert list(started) == ["one", "two"]
    assert [srv.name for srv in started.values()] == ["one", "two"]
    assert all(srv.is_ready() for srv in started.values())
    assert len(procs.worker_pids(started["two"])) == 2
    assert servers.start(commands.Uvicorn(name="one")).pid != started["one"].pid  # re-running replaces by name
    assert not started["one"].is_running()


def test_start_together_refuses_two_descriptions_with_one_name_before_starting() -> None:
    with pytest.raises(errors.BadArgumentError, match="share a name"):
        servers.start_together({"a": commands.Uvicorn(name="same"), "b": commands.Gunicorn(name="same")})
    assert servers.running() == []


def _busy_machine(monkeypatch: pytest.MonkeyPatch, cores_busy: float) -> None:
    """Fake the machine's busy CPU seconds: `cores_busy` cores' worth per second of wall time."""
    began = time.monotonic()
    monkeypatch.setattr(busytime, "runnable_busy_s", lambda: cores_busy * (time.monotonic() - began))


def _flaky(failures: int) -> tuple[list[int], Callable[[], str]]:
    calls: list[int] = []

    def call() -> str:
        calls.append(1)
        time.sleep(0.02)  # a start takes a while; the load is measured over it
        if len(calls) <= failures:
            raise errors.NotReadyError("Server 'x' was not ready within 20 s (last answer: none).")
        return "up"

    return calls, call


def test_a_start_not_ready_on_a_busy_machine_is_started_again_alone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _busy_machine(monkeypatch, 0.95 * cores.detect().runnable)
    calls, call = _flaky(failures=1)
    assert servers.call_together({"ok": lambda: "up", "flaky": call}) == {"ok": "up", "flaky": "up"}
    assert len(calls) == 2 and "flaky: not ready in time while" in capsys.readouterr().out
    calls, call = _flaky(failures=5)  # at most two retries, then the error
    with pytest.raises(errors.NotReadyError):
        servers.call_together({"flaky": call})
    assert len(calls) == 3
    _busy_machine(monkeypatch, 0.1)  # a quiet machine: the failure is raised at once
    calls, call = _flaky(failures=1)
    with pytest.raises(errors.NotReadyError):
        servers.call_together({"flaky": call})
    assert len(calls) == 1
