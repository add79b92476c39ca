"""helpers.topics.reloading: an edit a learner saves is the code the reloaded server runs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from helpers import procs, servers
from helpers.topics import reloading


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
