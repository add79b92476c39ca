"""The project's own import graph (helpers/, labapp/, hub/) has no cycle and no back arrow.

A back arrow is an import against the layering helpers/README describes: a concept module (anything
in helpers/ outside ``helpers/topics/``) importing a topic module, one topic importing another, or
the lab apps importing the helpers (the apps must run without the instruments that measure them).

Every import counts: at the top, inside a function, and under ``if TYPE_CHECKING`` (a cycle a
lazy import hides is still two modules that each need the other). An edge goes to the module a
statement names: ``from helpers.panels import draw`` -> ``helpers.panels.draw``, ``from helpers.panels
import experiment_fn`` -> ``helpers.panels``. Print the numbers and the graph with
``python -m tests.test_import_graph``.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("helpers", "labapp", "hub")
TOPICS = "helpers.topics"
Graph = dict[str, set[str]]


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(module: str | None, level: int, importer: str, is_package: bool) -> str:
    if level == 0:
        return module or ""
    base = importer.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


def import_graph(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> Graph:
    """module -> the project modules it imports (anywhere in its body)."""
    files = {module_name(p, root): p for top in packages for p in sorted((root / top).rglob("*.py"))}
    graph: Graph = {}
    for name, path in files.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                source = _absolute(node.module, node.level, name, path.name == "__init__.py")
                for alias in node.names:
                    targets.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in files else source)
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def find_cycle(graph: Graph) -> list[str] | None:
    """One cycle as [a, b, ..., a], or None (iterative depth-first search, so no recursion limit)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(graph):
        if state.get(start):
            continue
        path = [start]
        stack = [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(graph[nxt])))
    return None


def topic_of(module: str) -> str | None:
    """The topic a module belongs to (``helpers.topics.awaiting.pool`` -> ``helpers.topics.awaiting``), else None."""
    parts = module.split(".")
    return ".".join(parts[:3]) if module.startswith(TOPICS + ".") and len(parts) >= 3 else None


def is_topic(module: str) -> bool:
    return module == TOPICS or topic_of(module) is not None


def back_arrows(graph: Graph) -> list[str]:
    """Every edge against the layering, as "a -> b (why)"."""
    found = []
    for module in sorted(graph):
        for target in sorted(graph[module]):
            if module.startswith("labapp") and target.startswith("helpers"):
                found.append(f"{module} -> {target} (a lab app importing the helpers)")
            elif module.startswith("helpers") and not is_topic(module) and is_topic(target):
                found.append(f"{module} -> {target} (a concept module importing a topic)")
            elif topic_of(module) and topic_of(target) and topic_of(module) != topic_of(target):
                found.append(f"{module} -> {target} (one topic importing another)")
    return found


def render(graph: Graph) -> str:
    return "\n".join(f"{module} -> {', '.join(sorted(graph[module])) or '(nothing)'}" for module in sorted(graph))


def test_the_project_import_graph_has_no_cycle() -> None:
    graph = import_graph()
    assert {"helpers.servers", "helpers.panels", "labapp.contract", "hub.spawner"} <= set(graph)
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_no_back_arrow_concepts_never_import_topics() -> None:
    graph = import_graph()
    assert {"helpers.topics.awaiting", "helpers.topics.production", "helpers.topics.compare"} <= set(graph)
    assert back_arrows(graph) == []


def test_a_back_arrow_is_found(tmp_path: Path) -> None:
    helpers = tmp_path / "helpers"
    for folder in (helpers / "topics" / "a", helpers / "topics" / "b", tmp_path / "labapp"):
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text("")
    (helpers / "__init__.py").write_text("")
    (helpers / "topics" / "__init__.py").write_text("")
    (helpers / "load.py").write_text("def f():\n    from helpers.topics.a import thing\n")
    (helpers / "topics" / "a" / "thing.py").write_text("from helpers import load\n")  # topic -> concept: fine
    (helpers / "topics" / "b" / "__init__.py").write_text("from helpers.topics.a import thing\n")
    (tmp_path / "labapp" / "app.py").write_text("import helpers.load\n")
    graph = import_graph(tmp_path, ("helpers", "labapp"))
    assert back_arrows(graph) == [
        "helpers.load -> helpers.topics.a.thing (a concept module importing a topic)",
        "helpers.topics.b -> helpers.topics.a.thing (one topic importing another)",
        "labapp.app -> helpers.load (a lab app importing the helpers)",
    ]


def test_a_cycle_through_a_lazy_or_type_checking_import_is_found(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from pkg.sub.a import thing\n")
    (pkg / "sub" / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import b\n")
    (pkg / "b.py").write_text("def f():\n    from .sub import thing\n")
    graph = import_graph(tmp_path, ("pkg",))
    assert graph["pkg.b"] == {"pkg.sub"} and graph["pkg.sub.a"] == {"pkg.b"}
    assert find_cycle(graph) == ["pkg.b", "pkg.sub", "pkg.sub.a", "pkg.b"]
    (pkg / "b.py").write_text("")
    assert find_cycle(import_graph(tmp_path, ("pkg",))) is None


def summary(graph: Graph) -> str:
    """The numbers a closing note quotes: modules, edges, the cycle if any, the back arrows."""
    cycle = find_cycle(graph)
    arrows = back_arrows(graph)
    topics = sum(1 for module in graph if is_topic(module))
    lines = [
        f"# {len(graph)} modules ({topics} in helpers/topics/), {sum(map(len, graph.values()))} edges; "
        f"cycle: {' -> '.join(cycle) if cycle else 'none'}; back arrows: {len(arrows)}",
        *(f"#   {arrow}" for arrow in arrows),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    graph = import_graph()
    sys.stdout.write(summary(graph) + "\n" + render(graph) + "\n")
