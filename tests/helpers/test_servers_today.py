"""servers: the kinds of notebook 08 (`fastapi run`/`dev`, gunicorn `-k asgi`, Granian) keep every guarantee.

Start, ready, the tree each one really has, stop leaving nothing, orphans of a killed root swept,
and a bad app or argument failing fast with the cause. Then notebook 08's experiments
(``helpers.serving_today``): a signal to the master or to the whole group, Granian's start method
and crash loop.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable

import pytest

from helpers import commands, errors, procs, servers
from helpers.servers import Server
from helpers.topics import serving_today

QUICK_FAILURE_S = 10.0

KINDS: dict[str, tuple[Callable[..., Server], dict[str, object], list[str]]] = {
    "fastapi run": (servers.fastapi_run, {}, ["server"]),
    "fastapi run --workers 2": (
        servers.fastapi_run,
        {"workers": 2},
        ["parent", "resource_tracker", "worker", "worker"],
    ),
    "fastapi dev": (servers.fastapi_dev, {}, ["reloader", "resource_tracker", "server"]),
    "gunicorn -k asgi": (servers.gunicorn_asgi, {"workers": 2}, ["master", "worker", "worker"]),
    "granian": (servers.granian, {}, ["parent", "worker"]),
    "granian --workers 2": (servers.granian, {"workers": 2}, ["parent", "worker", "worker"]),
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_starts_answers_from_its_tree_and_stops_completely(kind: str) -> None:
    start, options, roles = KINDS[kind]
    with start("labapp.lab:app", **options) as srv:
        assert srv.is_ready()
        assert "127.0.0.1" in str(srv.command)  # loopback only; the port is 0 when the server reports its own
        tree = procs.of(srv)
        assert sorted(p.role for p in tree.procs) == sorted(roles)
        assert tree.procs[0].pid == srv.pid
        answered = {srv.get("/info")["pid"] for _ in range(6)}
        assert answered <= set(procs.serving_pids(srv))
        marked = {p.pid for p in procs.server_processes(srv.marker)}
        assert set(tree.pids) <= marked  # every process carries this server's marker
        every = tree.pids
    assert procs.pids_alive(every) == []


@pytest.mark.parametrize(
    ("start", "options"),
    [(servers.fastapi_run, {"workers": 2}), (servers.gunicorn_asgi, {"workers": 2}), (servers.granian, {"workers": 2})],
    ids=["fastapi-run-workers", "gunicorn-asgi", "granian"],
)
def test_workers_orphaned_by_a_killed_root_are_still_stopped(
    start: Callable[..., Server], options: dict[str, object]
) -> None:
    srv = start("labapp.lab:app", **options)
    workers = procs.worker_pids(srv)
    assert len(workers) == 2
    procs.signal(srv, "KILL")
    procs.wait_until(lambda: not srv.is_running(), 5, what="the root to die")
    srv.stop()
    procs.wait_until(lambda: procs.pids_alive(workers) == [], 3, what="the orphaned workers to be gone")


def test_granian_crash_stops_the_whole_server_unless_respawn_is_on() -> None:
    strict = servers.granian("labapp.lab:app", workers=2, name="granian strict")
    strict.request("POST", "/crash")
    procs.wait_until(lambda: not strict.is_running(), 5, what="granian to shut down after a worker crash")
    assert strict.exitcode == 1
    forgiving = servers.granian("labapp.lab:app", workers=2, respawn_failed_workers=True, name="granian respawn")
    before = set(procs.worker_pids(forgiving))
    forgiving.request("POST", "/crash")
    procs.wait_until(lambda: len(set(procs.worker_pids(forgiving)) - before) == 1, 5, what="a respawned worker")
    assert forgiving.is_running()


@pytest.mark.parametrize(
    "start",
    [
        lambda: servers.fastapi_run("labapp.nope:app"),
        lambda: servers.fastapi_run("labapp.lab:nope"),
        lambda: servers.fastapi_dev("labapp.nope:app"),
        lambda: servers.gunicorn_asgi("labapp.nope:app"),
        lambda: servers.granian("labapp.nope:app"),
        lambda: servers.granian("labapp.lab:nope"),
    ],
    ids=["run-module", "run-attribute", "dev-module", "asgi-module", "granian-module", "granian-attribute"],
)
def test_a_bad_app_fails_fast_naming_the_cause_with_the_log(start: Callable[[], Server]) -> None:
    began = time.monotonic()
    with pytest.raises(errors.AppImportError) as caught:
        start()
    assert time.monotonic() - began < QUICK_FAILURE_S
    assert "nope" in caught.value.log_tail
    assert "Next step:" in str(caught.value)
    assert servers.running() == []


@pytest.mark.parametrize(
    "call",
    [
        lambda: servers.fastapi_run("no_colon"),
        lambda: servers.fastapi_run(workers=99),
        lambda: servers.fastapi_dev("labapp.lab"),
        lambda: servers.gunicorn_asgi(workers=0),
        lambda: servers.granian(workers=0),
        lambda: servers.granian(respawn_interval_s=-1),
    ],
)
def test_bad_arguments_fail_before_any_process_exists(call: Callable[[], Server]) -> None:
    with pytest.raises(errors.BadArgumentError):
        call()
    assert servers.running() == []


def test_same_app_on_two_kinds_runs_side_by_side() -> None:
    """Default names differ by kind, so starting one kind never replaces a server of another."""
    classic = servers.gunicorn()
    own = servers.gunicorn_asgi()
    assert classic.is_running() and own.is_running() and classic.name != own.name


def test_sigint_to_the_master_ends_in_sigkill_while_ctrl_c_lets_uvicorn_worker_drain() -> None:
    uvicorn_worker = commands.Gunicorn(workers=1, graceful_timeout_s=3)
    runs = serving_today.signal_in_flight(
        {"master": (uvicorn_worker, "INT", "master"), "group": (uvicorn_worker, "INT", "group")}, sleep_s=1.5
    )
    master, group = runs["master"], runs["group"]
    assert master.command.startswith("kill -INT ") and "-- -" in group.command
    assert master.completed == 2 and master.after.ok and master.killed  # ignored, kept serving, then SIGKILL
    assert master.exited_after_s is not None and master.exited_after_s >= 2.5
    assert group.completed == 2 and not group.after.ok and not group.killed  # each worker drained by itself
    assert group.exited_after_s is not None and group.exited_after_s < 2.5
    assert servers.running() == []  # the experiment stops the servers it started


def _proc(cmdline: str) -> procs.ProcInfo:
    return procs.ProcInfo(1, 0, "worker", "python", cmdline, 1, 0.0, 0.0, "sleeping", 0.0)


def test_started_by_reads_fork_or_spawn_from_the_command_line() -> None:
    parent = _proc("python -m granian --interface asgi labapp.lab:app")
    assert serving_today.started_by(_proc(parent.cmdline), parent) == "fork"
    spawned = _proc(
        "python -c from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5) --multiprocessing-fork"
    )
    assert serving_today.started_by(spawned, parent) == "spawn"


@pytest.mark.parametrize(("default", "granian"), [("fork", "fork"), ("spawn", "spawn"), ("forkserver", "spawn")])
def test_granian_start_method_follows_granians_own_rule(
    monkeypatch: pytest.MonkeyPatch, default: str, granian: str
) -> None:
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda *args, **kwargs: default)
    assert serving_today.granian_start_method() == (default, granian)


def test_a_second_crash_within_granians_window_stops_it_even_with_respawn() -> None:
    assert 0 < serving_today.crash_loop_window_s() < 60
    with servers.start(commands.Granian(workers=1, respawn_failed_workers=True, name="crash loop")) as srv:
        twice = serving_today.crash_twice(srv)
        assert twice.first.new_pid is not None and twice.first.refused_meanwhile
        if twice.between_s <= twice.window_s:
            assert twice.second.exitcode is not None and any("crash loop" in line for line in twice.second.log)


def test_code_lines_leave_comments_out() -> None:
    lines = serving_today.code_lines(serving_today.signal_in_flight, "os.kill")
    assert lines and all(not line.startswith("#") for line in lines)
