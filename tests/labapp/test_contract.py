"""The lab apps and the helpers agree only through ``labapp/contract.py``.

A route, an app's import string or an environment variable name written as a literal on either
side would let a rename pass the type checker and fail in a notebook cell. This scans every
string constant in ``helpers/`` and ``labapp/`` (docstrings aside: they explain, they are not used).
"""

from __future__ import annotations

import ast
from pathlib import Path

from labapp import contract

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("helpers", "labapp")
CONTRACT_FILE = ROOT / "labapp" / "contract.py"


def _contract_strings() -> dict[str, str]:
    """Every route, app path, variable and header the contract names, value -> constant name.

    ``MARKER_PREFIX`` is left out: it is a prefix of other names, not a name either side writes alone.
    """
    return {
        value: name
        for name, value in vars(contract).items()
        if name.isupper() and isinstance(value, str) and name != "MARKER_PREFIX"
    }


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _uses(text: str, value: str) -> bool:
    """`text` is `value`, or a route of the contract with its query (``/threadpool?size=1``)."""
    return text == value or (value.startswith("/") and text.startswith(value + "?"))


def literals_outside_contract(files: list[Path], known: dict[str, str]) -> list[str]:
    found = []
    for path in files:
        tree = ast.parse(path.read_text(), filename=str(path))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                for value, name in known.items():
                    if _uses(node.value, value):
                        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                        found.append(f"{where}:{node.lineno}: {node.value!r} is contract.{name}")
    return found


# The message catalogs key sentences by their English text, which may quote a path the reader saw.
CATALOGS = ROOT / "helpers" / "i18n"


def _scanned_files() -> list[Path]:
    return sorted(
        p
        for top in SCANNED
        for p in (ROOT / top).rglob("*.py")
        if p != CONTRACT_FILE and not p.is_relative_to(CATALOGS)
    )


def test_no_contract_string_is_written_outside_the_contract() -> None:
    found = literals_outside_contract(_scanned_files(), _contract_strings())
    assert not found, "use the name from labapp/contract.py instead:\n" + "\n".join(found)


def test_the_scan_finds_a_route_an_app_and_a_variable(tmp_path: Path) -> None:
    """The scan itself can fail: a literal route with a query, an app path and a variable are each caught."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""A docstring may say /ping."""\n'
        f"srv.get({contract.THREADPOOL + '?size=1'!r})\n"
        f"APP = {contract.LAB_APP!r}\n"
        f"env = {{{contract.UPSTREAM_VAR!r}: url}}\n"
        'other = "/pingpong"\n'
    )
    found = literals_outside_contract([sample], _contract_strings())
    assert sorted(line.split(": ", 1)[1] for line in found) == sorted(
        [
            f"{contract.THREADPOOL + '?size=1'!r} is contract.THREADPOOL",
            f"{contract.LAB_APP!r} is contract.LAB_APP",
            f"{contract.UPSTREAM_VAR!r} is contract.UPSTREAM_VAR",
        ]
    )


def test_every_contract_name_is_used_on_some_side() -> None:
    """A name nobody imports is a stale entry: the contract lists what the two sides really share."""
    sources = "\n".join(p.read_text() for p in _scanned_files())
    unused = [name for name in vars(contract) if name.isupper() and f"contract.{name}" not in sources]
    imported = {name for name in unused if f"import {name}" in sources or f" {name}," in sources}
    assert sorted(set(unused) - imported) == []
