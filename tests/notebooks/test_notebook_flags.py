"""No notebook passes, through `extra_args`, a flag that the server's command class has a field for.

A taught flag is a typed field (``Uvicorn.limit_concurrency``, ``Gunicorn.keep_alive_s``, ...): checked
before any process starts, and visible to ``mypy`` through ``tests/typecheck_notebooks.py``.
`extra_args` stays for the flags the course does not teach (00's ``--loop``/``--http``).
"""

from __future__ import annotations

import ast
import dataclasses
import typing
from pathlib import Path

import nbformat
import pytest

from helpers import commands
from helpers.errors import BadArgumentError

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "notebooks" / "solutions").glob("*.ipynb"))
KINDS = (
    commands.Uvicorn,
    commands.Gunicorn,
    commands.GunicornAsgi,
    commands.FastapiRun,
    commands.FastapiDev,
    commands.Granian,
)
NOT_OPTIONS = {"app", "name", "port", "ready_path", "ready_timeout_s", "env", "extra_args"}


def _sample(annotation: object, default: object) -> object:
    """A value other than the default, of the field's type: what turns its flag on."""
    text = str(annotation)
    if "bool" in text:
        return not default
    if "int" in text:
        return 2
    if "float" in text:
        return 1.5
    return "labapp"


def _flags(launch: commands.Launch) -> set[str]:
    return {arg for arg in launch.command(8000).argv if arg.startswith("--")}


def typed_flags(kind: type[commands.Launch]) -> set[str]:
    """Every flag one of `kind`'s fields adds to or removes from the command (set alone, else with reload on)."""
    base = kind(app=commands.DEFAULT_APP)  # type: ignore[call-arg]
    hints = typing.get_type_hints(kind)
    found: set[str] = set()
    for field in dataclasses.fields(kind):
        if field.name in NOT_OPTIONS or not field.init:
            continue
        value = _sample(hints[field.name], field.default)
        for extra in ({}, {"reload": True}):
            try:
                launch = kind(app=commands.DEFAULT_APP, **{field.name: value, **extra})  # type: ignore[call-arg]
                found |= _flags(launch) ^ _flags(dataclasses.replace(base, **extra))
                break
            except (BadArgumentError, TypeError):
                continue
    return found


TAUGHT = set().union(*(typed_flags(kind) for kind in KINDS))


def _extra_args_strings(source: str) -> list[str]:
    """The string constants passed as `extra_args=` in `source`, following a plain name to its assignment."""
    tree = ast.parse("\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))))
    assigned = {
        target.id: node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "extra_args":
            value = assigned.get(node.value.id, node.value) if isinstance(node.value, ast.Name) else node.value
            found += [c.value for c in ast.walk(value) if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    return found


def test_the_typed_flags_are_found() -> None:
    """The derivation itself: the flags the course teaches come out, the untaught ones do not."""
    assert set(commands.UVICORN_FLAGS.values()) | {"--reload-dir", "--keep-alive", "--max-requests"} <= TAUGHT
    assert not {"--loop", "--http"} & TAUGHT


def test_the_scan_sees_extra_args_through_a_name() -> None:
    cell = (
        'flags = ("--backlog", "4")\nservers.uvicorn(extra_args=flags)\n'
        'servers.gunicorn(extra_args=("--keep-alive", "4"))'
    )
    assert set(_extra_args_strings(cell)) == {"--backlog", "4", "--keep-alive"}


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_no_notebook_passes_a_taught_flag_through_extra_args(notebook: Path) -> None:
    nb = nbformat.read(notebook, as_version=4)
    found = [
        f"cell {i}: {flag} (use the field)"
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for flag in _extra_args_strings(cell.source)
        if flag in TAUGHT
    ]
    assert not found, f"{notebook.name} passes typed flags through extra_args:\n" + "\n".join(found)
