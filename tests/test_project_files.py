"""Project files agree with each other: pyproject vs environment.yml, stripped notebooks, README commands."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("**/*.ipynb"))


def pyproject_requirements() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return set(project["dependencies"]) | set(project["optional-dependencies"]["hub"])


def environment_requirements() -> set[str]:
    lines = (ROOT / "environment.yml").read_text().splitlines()
    start = lines.index("  - pip:")
    found = {re.sub(r"^\s*-\s*", "", line) for line in lines[start + 1 :] if line.strip().startswith("- ")}
    return {line for line in found if not line.startswith(("-e ", "-c "))}


def test_environment_yml_lists_exactly_what_pyproject_requires() -> None:
    assert environment_requirements() == pyproject_requirements()
    # repo2docker reads only `python=X.Y` from environment.yml (a `>=` bound falls back to its own default
    # Python), so the file names the exact minor version that pyproject's lower bound allows.
    python_bound = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert python_bound.startswith(">="), python_bound
    pinned = re.findall(r"^\s*-\s*python([=<>!~].*)$", (ROOT / "environment.yml").read_text(), re.MULTILINE)
    assert pinned == [f"={python_bound.removeprefix('>=')}"], pinned


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_are_committed_stripped_with_a_python3_kernel(path: Path) -> None:
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


def test_notebooks_are_numbered_and_open_and_close_as_the_course_promises() -> None:
    course = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert course, "no notebooks yet"
    for path in course:
        cells = json.loads(path.read_text())["cells"]
        first = "".join(cells[0]["source"]).lower()
        assert "minute" in first and "learn" in first, f"{path.name} must open with what you learn and how long"
        text = "".join("".join(c["source"]) for c in cells).lower()
        assert "summary" in text and "exercise" in text, f"{path.name} needs a summary and exercises"
        assert "stop_all()" in "".join(cells[-1]["source"]) or "stop_all()" in "".join(cells[-2]["source"])


def test_readme_gives_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
