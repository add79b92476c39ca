"""Every path a notebook calls is one an app it starts really serves.

The notebooks write paths as a learner types them (``srv.get("/info")``), not through
``labapp.contract``; so a route renamed in the contract (and in the apps) would break a cell. This
reads each path-like string in the notebooks' code (and their mirror for mypy) and looks it up in
the lab apps' routing tables and the routes the learner-app exercises add.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import fastapi.routing
import nbformat
import pytest

from helpers import learner_app
from helpers.topics import awaiting

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "notebooks" / "solutions").glob("*.ipynb"))
APPS = ("lab", "awaits", "upstream", "seed_bare", "seed_main", "seed_async_loop", "seed_sync_loop", "deadlines")
NOT_SERVED_ON_PURPOSE = {"/nope"}  # 01 shows what a path no app serves answers (404)
PATH = re.compile(r"^/[A-Za-z][\w\-/.]*")


def served_paths() -> set[str]:
    """The paths of every lab app (included routers expanded) and of the learner-app exercises."""
    found = set(learner_app.BASE_ROUTES) | {learner_app.ROUTE, *awaiting.EXERCISE_PREAMBLE.routes}
    found.add(inspect.signature(awaiting.serve_handler).parameters["route"].default)
    for name in APPS:
        app = importlib.import_module(f"labapp.{name}").app
        found |= {route.path for route in fastapi.routing.iter_route_contexts(app.routes)}
    return found


def called_paths(source: str) -> list[str]:
    """Path-like string constants in `source` (query dropped); an f-string's head keeps its trailing slash."""
    tree = ast.parse("\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and (match := PATH.match(node.value)):
            found.append(match.group(0))
    return found


def unknown(paths: list[str], served: set[str]) -> list[str]:
    """The paths no app serves: a path ending in '/' (an f-string's head) needs some served path under it."""
    return [
        path
        for path in paths
        if path not in NOT_SERVED_ON_PURPOSE
        and not (path.endswith("/") and any(s.startswith(path) for s in served))
        and path not in served
    ]


SERVED = served_paths()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_every_path_a_notebook_calls_is_served(notebook: Path) -> None:
    nb = nbformat.read(notebook, as_version=4)
    missing = [
        f"cell {i}: {path}"
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for path in unknown(called_paths(cell.source), SERVED)
    ]
    assert not missing, f"{notebook.name} calls paths no lab app serves:\n" + "\n".join(missing)


def test_a_renamed_route_is_caught() -> None:
    cell = 'srv.get("/info")\nsrv.get("/infos?x=1")\nload.fire(srv, paths=[f"/tokens/{kind}" for kind in kinds])'
    assert unknown(called_paths(cell), SERVED) == ["/infos"]
