"""procs: roles in real trees, diffs after a kill, respawn by both supervisors, signals by name."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from helpers import errors, procs, servers


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
            roles = [p.role for p in procs.of(srv).procs]
            assert roles[0] == "reloader" and "server" in roles[1:]


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


def replaced(workers: list[int], victim: int) -> bool:
    return len(workers) == 2 and victim not in workers
