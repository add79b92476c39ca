"""A throw-away copy of an app for ``uvicorn --reload``: edit it, then wait for the reload to finish.

`--reload` runs a reloader parent that watches files and restarts a server child; the
notebook shows that by editing a file and timing how long until a new child PID answers
with the new code. The copy lives in a temporary directory, never in the course's own tree.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers import i18n, procs
from helpers._plumbing.deadline import Deadline
from helpers._plumbing.private import private_temp_folder
from helpers.errors import BadArgumentError
from helpers.procs import ProcTree
from helpers.servers import Server


@dataclass(frozen=True)
class ReloadReport:
    """One reload as measured from outside: the child PIDs and when things happened (seconds after the edit)."""

    reloader_pid: int
    old_child_pid: int
    new_child_pid: int
    new_child_after_s: float
    new_code_after_s: float
    answer: Any


def copy_app(module: str = "labapp.seed_bare", filename: str = "main.py") -> Path:
    """Copy `module`'s source into a new temporary directory as `filename`; returns the file's path."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise BadArgumentError(i18n.text(f"cannot find the source of module {module!r}"))
    folder = private_temp_folder("serverlab-reload-")  # 0700: the shared /tmp holds every learner's folders
    target = folder / filename
    shutil.copyfile(spec.origin, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` in the file (it must occur), as a learner's editor would save it.

    The file's modification time then moves to a later whole second than before. Python trusts a
    cached ``__pycache__/*.pyc`` while the source's size and mtime *in whole seconds* match what it
    recorded, so an edit of the same length ("World" -> "again") saved within the second of the last
    write reloads the server with the old code (seen on a hub, where nothing sets PYTHONDONTWRITEBYTECODE).
    """
    text = path.read_text()
    if old not in text:
        raise BadArgumentError(i18n.text(f"{old!r} does not occur in {path}"))
    before = path.stat().st_mtime
    path.write_text(text.replace(old, new))
    if int(path.stat().st_mtime) <= int(before):
        os.utime(path, (time.time(), int(before) + 1))


def server_children(tree: ProcTree) -> list[int]:
    """PIDs of the processes that actually serve (role 'server') under a reloader."""
    return [p.pid for p in tree.by_role("server") if p.pid != tree.root_pid]


def wait_for_reload(
    srv: Server, old_child_pid: int, path: str, expect: Any, *, timeout_s: float = 15.0
) -> ReloadReport:
    """After an edit: wait (bounded) until a new server child exists and `path` answers `expect`."""
    deadline = Deadline(timeout_s)
    new_child: int | None = None
    new_child_after = new_code_after = None
    answer: Any = None
    while deadline.running():
        tree = procs.of(srv)
        kids = server_children(tree)
        if new_child is None and kids and old_child_pid not in kids:
            new_child, new_child_after = kids[0], deadline.elapsed_s()
        if new_child is not None and srv.is_ready():
            answer = srv.get(path, timeout_s=2.0)
            if answer == expect:
                new_code_after = deadline.elapsed_s()
                return ReloadReport(
                    tree.root_pid, old_child_pid, new_child, new_child_after or 0.0, new_code_after, answer
                )
        time.sleep(0.05)
    if new_child is None:
        raise TimeoutError(
            i18n.text(
                f"no reload within {timeout_s:.0f} s: new child none, last answer {answer!r} (expected {expect!r})"
            )
        )
    raise TimeoutError(
        i18n.text(
            f"no reload within {timeout_s:.0f} s: new child {new_child}, last answer {answer!r} (expected {expect!r})"
        )
    )


def remove(path: Path) -> None:
    """Delete the temporary directory that `copy_app` made (only that kind of directory)."""
    folder = path.parent
    if not folder.name.startswith("serverlab-reload-"):
        raise BadArgumentError(i18n.text(f"{folder} was not made by copy_app; not removing it"))
    shutil.rmtree(folder, ignore_errors=True)
