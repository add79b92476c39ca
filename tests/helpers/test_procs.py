"""procs: roles in real trees, diffs after a kill, respawn by both supervisors, signals by name."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from helpers import errors, load, procs, servers


@pytest.mark.parametrize("kind", ["uvicorn", "gunicorn"])
def test_sigkilled_worker_is_replaced_by_a_new_pid(kind: str) -> None:
    start = servers.uvicorn if kind == "uvicorn" else servers.gunicorn
    with start("labapp.lab:app", workers=2) as srv:
        before = procs.of(srv)
        victim = before.workers[0].pid
        procs.signal(srv, "KILL", pid=victim)
        # One snapshot per check: two separate reads can race with the victim turning zombie.
        procs.wait_until(lambda: replaced(procs.worker_pids(srv), victim), 15, what="respawn")
        change = procs.diff(before, procs.of(srv))
        assert [p.pid for p in change.gone] == [victim]
        assert len(change.new) == 1 and change.new[0].role == "worker"
        assert "gone: worker" in change.summary()


def test_ttin_and_ttou_change_the_worker_count() -> None:
    with servers.uvicorn("labapp.lab:app", workers=2) as srv:
        procs.signal(srv, "TTIN")
        assert len(procs.wait_for_workers(srv, 3)) == 3
        procs.signal(srv, "TTOU")
        assert len(procs.wait_for_workers(srv, 2)) == 2


def test_reload_tree_is_a_reloader_with_a_server_child() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "main.py").write_text("from labapp.seed_bare import app\n")
        with servers.uvicorn("main:app", reload=True, app_dir=tmp, ready_path="/") as srv:
            tree = procs.of(srv)
            roles = [p.role for p in tree.procs]
            assert roles[0] == "reloader" and "server" in roles[1:]
            child = [p.pid for p in tree.by_role("server")]
            assert procs.serving_pids(srv) == child and srv.pid not in child  # the child serves, not the reloader


def test_table_lists_every_process_with_its_role() -> None:
    with servers.gunicorn("labapp.lab:app", workers=2) as srv:
        table = procs.of(srv).table()
        roles = [line.split()[2] for line in table.splitlines()[1:]]
        assert roles == ["master", "worker", "worker"]
        for pid in procs.of(srv).pids:
            assert str(pid) in table


def test_signal_names_are_checked() -> None:
    assert procs.signal_by_name("ttin").name == "SIGTTIN"
    assert procs.signal_by_name("SIGKILL").name == "SIGKILL"
    with pytest.raises(errors.BadArgumentError):
        procs.signal_by_name("NOPE")


def test_wait_until_names_what_did_not_happen() -> None:
    with pytest.raises(TimeoutError, match="the sky falling"):
        procs.wait_until(lambda: False, 0.1, what="the sky falling")


def test_snapshot_of_a_dead_pid_is_empty() -> None:
    srv = servers.uvicorn("labapp.lab:app")
    pid = srv.pid
    srv.stop()
    assert procs.snapshot(pid).procs == ()


@pytest.mark.parametrize(("workers", "serving"), [(None, "root"), (2, "workers")])
def test_serving_pids_are_the_workers_or_the_one_process(workers: int | None, serving: str) -> None:
    with servers.uvicorn("labapp.lab:app", workers=workers) as srv:
        tree = procs.of(srv)
        expected = [srv.pid] if serving == "root" else [p.pid for p in tree.workers]
        assert procs.serving_pids(srv) == expected == [p.pid for p in tree.serving]
        answered = {r.pid for r in load.fire(srv, "/ping", 12, fresh_connections=True) if r.ok}
        assert answered <= set(expected)  # whoever answers a request is a serving process
        assert tree.by_role("resource_tracker") == [] or serving == "workers"


def test_listening_ports_of_a_process_and_of_its_children() -> None:
    with servers.uvicorn("labapp.lab:app", workers=2) as srv:
        assert procs.listening_ports(srv.pid) == (srv.port,)  # the supervisor binds; workers inherit the socket
        assert procs.listening_ports(srv.pid, children=True) == (srv.port,)
    assert procs.listening_ports(srv.pid) == ()  # gone: nothing, no error


def test_cpu_by_role_charges_the_workers_not_the_master() -> None:
    with servers.gunicorn("labapp.lab:app", workers=2) as srv:
        before = procs.of(srv)
        load.fire(srv, "/sync/cpu?ms=100", 6, fresh_connections=True)
        used = procs.cpu_by_role(before, procs.of(srv))
    # The workers did the CPU work (sized by a calibration that a busy machine shrinks, hence the low floor);
    # the master, not in the request path, used a small fraction of it.
    assert used["worker"] >= 0.05
    assert used.get("master", 0.0) < 0.2 * used["worker"] + 0.02
    assert procs.cpu_used_s(before, before) == 0.0


def test_of_finds_orphaned_workers_only_with_the_marker_scan() -> None:
    srv = servers.gunicorn("labapp.lab:app", workers=2)
    workers = procs.worker_pids(srv)
    procs.signal(srv, "KILL")
    procs.wait_until(lambda: not srv.is_running(), 5, what="the master to die")
    assert sorted(p.pid for p in procs.of(srv).orphans) == sorted(workers)
    assert procs.of(srv, orphans=False).procs == ()
    srv.stop()


def replaced(workers: list[int], victim: int) -> bool:
    return len(workers) == 2 and victim not in workers


@pytest.mark.parametrize(
    ("cmd", "is_root", "has_children", "parent", "role"),
    [
        ("python -m uvicorn app --port 0", True, True, None, "server"),  # its children are the app's pool
        ("python -m uvicorn app --port 0 --workers 3", True, True, None, "parent"),
        ("python -m uvicorn app --workers 1", True, True, None, "server"),  # uvicorn: one worker, one process
        ("fastapi run app.py --workers 2", True, True, None, "parent"),
        ("granian --interface asgi app:app --workers 1", True, True, None, "parent"),  # granian always supervises
        ("python -m gunicorn app -k uvicorn_worker.UvicornWorker", True, True, None, "master"),
        ("python -m uvicorn app --reload", True, True, None, "reloader"),
        ("python -c from multiprocessing.spawn import spawn_main; spawn_main()", False, False, "parent", "worker"),
        ("python -c from multiprocessing.spawn import spawn_main; spawn_main()", False, False, "server", "pool"),
        ("python -c from multiprocessing.spawn import spawn_main; spawn_main()", False, False, "worker", "pool"),
        (
            "python -c from multiprocessing.resource_tracker import main;main(5)",
            False,
            False,
            "server",
            "resource_tracker",
        ),
        ("python -m uvicorn app --reload", False, False, "reloader", "server"),
    ],
)
def test_roles_come_from_the_command_line_and_the_parent(
    cmd: str, is_root: bool, has_children: bool, parent: procs.Role | None, role: str
) -> None:
    assert procs._role(cmd, is_root, has_children, parent) == role
