"""helpers.topics.reloading: an edit a learner saves is the code the reloaded server runs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from helpers import errors, procs, servers
from helpers.topics import reloading
from labapp import seed_bare


def test_an_edit_moves_the_mtime_to_a_later_whole_second(tmp_path: Path) -> None:
    source = tmp_path / "main.py"
    source.write_text('MESSAGE = "Hello World"\n')
    now = time.time()
    os.utime(source, (now, now))
    reloading.edit(source, "World", "again")  # same length, same second: what a stale .pyc cannot tell apart
    assert source.read_text() == 'MESSAGE = "Hello again"\n'
    assert int(source.stat().st_mtime) > int(now)


def test_an_edit_that_is_not_in_the_file_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "main.py"
    source.write_text("x = 1\n")
    with pytest.raises(Exception, match="does not occur"):
        reloading.edit(source, "y = 2", "y = 3")


@pytest.mark.slow
def test_a_same_length_edit_within_the_second_reloads_the_new_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """With bytecode caching on (as on a hub), the reloaded child answers with the edited code."""
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    for _ in range(3):  # each round: a fresh copy, its .pyc written by the first child, an edit in the same second
        main_py = reloading.copy_app("labapp.seed_bare", "main.py")
        folder = str(main_py.parent)
        try:
            with servers.uvicorn("main:app", reload=True, reload_dir=folder, app_dir=folder, ready_path="/") as dev:
                assert list(main_py.parent.glob("__pycache__/main.*.pyc")), "the first child cached no bytecode"
                old_child = reloading.server_children(procs.of(dev))[0]
                now = time.time()
                os.utime(main_py, (now, now))
                reloading.edit(main_py, "Hello World", "Hello again")
                report = reloading.wait_for_reload(dev, old_child, "/", {"message": "Hello again"}, timeout_s=15)
                assert report.new_child_pid != old_child
        finally:
            reloading.remove(main_py)


def test_copy_app_copies_the_module_source_into_a_private_folder_that_remove_deletes() -> None:
    main_py = reloading.copy_app("labapp.seed_bare", "main.py")
    try:
        folder = main_py.parent
        assert main_py.name == "main.py" and folder.name.startswith("serverlab-reload-")
        assert main_py.read_text() == Path(seed_bare.__file__).read_text()
        assert folder.stat().st_mode & 0o077 == 0  # 0700: the shared /tmp holds every learner's folders
    finally:
        reloading.remove(main_py)
    assert not folder.exists()


def test_copy_app_of_a_module_that_does_not_exist_names_it() -> None:
    with pytest.raises(errors.BadArgumentError, match="no_such_module"):
        reloading.copy_app("labapp.no_such_module")


def test_remove_refuses_a_folder_copy_app_did_not_make(tmp_path: Path) -> None:
    mine = tmp_path / "main.py"
    mine.write_text("x = 1\n")
    with pytest.raises(errors.BadArgumentError, match="not made by copy_app"):
        reloading.remove(mine)
    assert mine.exists()


def _info(pid: int, ppid: int, role: procs.Role) -> procs.ProcInfo:
    return procs.ProcInfo(pid, ppid, role, "python", "python -m uvicorn", 1, 0.0, 1.0, "sleeping", 0.0)


def test_server_children_are_the_serving_processes_under_the_reloader() -> None:
    family = (
        _info(10, 1, "reloader"),
        _info(11, 10, "server"),
        _info(12, 11, "pool"),
        _info(13, 10, "resource_tracker"),
    )
    tree = procs.ProcTree(root_pid=10, taken_at=0.0, procs=family)
    assert reloading.server_children(tree) == [11]
    assert reloading.server_children(procs.ProcTree(root_pid=20, taken_at=0.0, procs=(_info(20, 1, "server"),))) == []


def test_wait_for_reload_names_what_it_last_saw_when_no_reload_came() -> None:
    no_reload = pytest.raises(TimeoutError, match=r"no reload within 1 s: new child none, last answer None")
    with servers.uvicorn("labapp.seed_bare:app", ready_path="/") as srv, no_reload:  # no --reload: nothing reloads
        reloading.wait_for_reload(srv, srv.pid, "/", {"message": "never"}, timeout_s=1.0)
