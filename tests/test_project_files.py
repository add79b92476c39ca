"""Project files agree with each other: pyproject vs environment.yml, stripped notebooks, README commands."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import Any

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


CLASS_CONFIG = ROOT / "deploy" / "jupyterhub_config.d" / "serverlab.py"


def load_class_config(monkeypatch: pytest.MonkeyPatch, preset: str = "", exec_: bool = False, **env: str) -> Any:
    """The class config as a hub loads it, after `preset` config lines: with load_subconfig as TLJH (and the
    rehearsal) do, where `c` starts empty and is merged in, or exec'd in the same `c` as Z2JH's extraConfig."""
    from traitlets.config.loader import PyFileConfigLoader

    for name in [n for n in os.environ if n.startswith("SERVERLAB_") and n != "SERVERLAB_SECRET"]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(f"SERVERLAB_{name.upper().rstrip('_')}", value)
    folder = Path(tempfile.mkdtemp())
    load = f"exec(open({str(CLASS_CONFIG)!r}).read())" if exec_ else f"load_subconfig({str(CLASS_CONFIG)!r})"
    (folder / "jupyterhub_config.py").write_text(f"{preset}\n{load}\n")
    try:
        return PyFileConfigLoader("jupyterhub_config.py", path=str(folder)).load_config()
    finally:
        shutil.rmtree(folder)


def test_class_config_lets_in_the_class_list_and_lands_in_notebook_00_of_the_pulled_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from urllib.parse import parse_qs, urlsplit

    from jupyterhub.auth import Authenticator

    config = load_class_config(monkeypatch, class_="ann, bob\ncyd", course_repo="https://example.org/c.git")
    resolved = Authenticator(config=config)  # the values JupyterHub's objects get, lazy config applied
    assert resolved.allowed_users == {"ann", "bob", "cyd"} and resolved.admin_users == {"teacher"}
    assert config.JupyterHub.authenticator_class.__mro__[1].__name__ == "NativeAuthenticator"
    assert config.Spawner.notebook_dir == "~"  # the home (persistent), whatever the image's working directory
    url = urlsplit(config.Spawner.default_url)
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    assert url.path == "/git-pull" and query["repo"] == "https://example.org/c.git", url
    assert query["targetpath"] == "serverlab" and query["urlpath"].startswith("lab/tree/serverlab/notebooks/00_")
    assert (ROOT / query["urlpath"].removeprefix("lab/tree/serverlab/")).exists(), query["urlpath"]
    assert [s["name"] for s in _hub(config).services] == ["idle-culler"]


def _hub(config: Any) -> Any:
    from jupyterhub.app import JupyterHub

    return JupyterHub(config=config)


def test_class_config_adds_no_second_culler_where_the_platform_runs_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Z2JH runs the file in its own config (the platform's culler is visible); what it set stays."""
    from jupyterhub.auth import Authenticator

    z2jh_like = (
        "c.JupyterHub.services = [{'name': 'cull-idle', 'command': ['python3', '-m', 'jupyterhub_idle_culler']}]\n"
        "c.Authenticator.allowed_users = {'set-by-platform'}"
    )
    config = load_class_config(monkeypatch, z2jh_like, True, class_="ann", course_repo="https://example.org/c.git")
    assert [s["name"] for s in _hub(config).services] == ["cull-idle"]
    assert Authenticator(config=config).allowed_users == {"set-by-platform", "ann"}


def test_class_config_refuses_a_hub_nobody_could_log_in_to(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit, match="COURSE_REPO"):
        load_class_config(monkeypatch, class_="ann")
    config = load_class_config(
        monkeypatch, sign_in="shared-password", shared_password="class-pw-1234", course_repo="https://example.org/c"
    )
    authenticator = config.JupyterHub.authenticator_class(config=config)
    with pytest.raises(SystemExit, match="nobody could log in"):
        authenticator.check_allow_config()  # JupyterHub calls it at start (app.py, init_users)
    listed = load_class_config(
        monkeypatch, class_="ann", sign_in="shared-password", shared_password="class-pw-1234", course_repo="x"
    )
    listed.JupyterHub.authenticator_class(config=listed).check_allow_config()  # a class list: starts


def test_class_config_adds_to_what_tljh_config_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """TLJH applies tljh-config (users.allowed, users.admin) first, then load_subconfig's this file."""
    from jupyterhub.auth import Authenticator

    tljh_like = "c.Authenticator.allowed_users = {'dan'}\nc.Authenticator.admin_users = {'head'}"
    config = load_class_config(monkeypatch, tljh_like, class_="ann", course_repo="https://example.org/c.git")
    resolved = Authenticator(config=config)
    assert resolved.allowed_users == {"dan", "ann"} and resolved.admin_users == {"head", "teacher"}
