"""The deploy recipes (deploy/): what a teacher runs is consistent, valid and loads the one class config.

Fast and offline. The Z2JH values are validated against the chart's own values.schema.yaml, at the chart
version deploy/README.md pins. The chart is not committed here (fetched code stays out of the repository):
the test reads it from a chart checkout named by SERVERLAB_Z2JH_CHART (a folder holding the chart's
values.yaml and values.schema.yaml), or from the git mirror of jupyterhub/zero-to-jupyterhub-k8s under
/work/.mirror, which exists on the machine CI runs on; without either it skips saying so.

The class config (deploy/jupyterhub_config.d/serverlab.py) is executed here as each platform loads it,
after what that platform sets itself, with the recipe's own files in the recipe's order.
"""

from __future__ import annotations

import copy
import functools
import importlib.machinery
import importlib.util
import json
import math
import os
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
import yaml
from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Dict
from traitlets.config import Config

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
README = (DEPLOY / "README.md").read_text()
CLASS_CONFIG = DEPLOY / "jupyterhub_config.d" / "serverlab.py"
TLJH_CONFIG_D = "/opt/tljh/config/jupyterhub_config.d/"
VALUES = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
CHART_MIRROR = Path("/work/.mirror/jupyterhub+zero-to-jupyterhub-k8s/repo")
FAKE_HASH = "$2b$12$" + "a" * 53  # the shape of a bcrypt hash; never checked against a password here

# deploy/ is not a package (the teacher runs `python deploy/sizing.py`): load the file by path, without
# putting deploy/ on sys.path, where its tljh/ folder would pass for The Littlest JupyterHub's package.
_spec = importlib.util.spec_from_file_location("sizing", DEPLOY / "sizing.py")
assert _spec is not None and _spec.loader is not None
sizing = importlib.util.module_from_spec(_spec)
sys.modules["sizing"] = sizing  # dataclasses look their module up while the file runs
_spec.loader.exec_module(sizing)

# ---- the chart ------------------------------------------------------------------------------------------


def chart_version() -> str:
    found = re.findall(r"helm upgrade --install .*?--version (\d+\.\d+\.\d+)", README, flags=re.S)
    assert len(set(found)) == 1, f"deploy/README.md pins the chart in every helm command, once: {found}"
    return found[0]


@functools.cache
def chart_yaml(name: str) -> Any:
    return yaml.load(chart_file(name), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def chart_file(name: str) -> str:
    """A file of the chart (its folder `jupyterhub/` in the chart's repository) at the pinned version."""
    if folder := os.environ.get("SERVERLAB_Z2JH_CHART"):
        return (Path(folder) / name).read_text()
    if not CHART_MIRROR.exists():
        pytest.skip(
            "no Z2JH chart to validate against: set SERVERLAB_Z2JH_CHART to a checkout of the chart "
            f"(jupyterhub/ of jupyterhub/zero-to-jupyterhub-k8s at {chart_version()}), or mirror that repository"
        )
    done = subprocess.run(
        ["git", "--git-dir", str(CHART_MIRROR), "show", f"{chart_version()}:jupyterhub/{name}"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 0, f"chart {chart_version()} not in {CHART_MIRROR}: {done.stderr.strip()}"
    return done.stdout


def merged(defaults: Any, ours: Any) -> Any:
    """Helm's merge of a values file over the chart's defaults: maps merge, anything else replaces."""
    if isinstance(defaults, dict) and isinstance(ours, dict):
        out = dict(defaults)
        for key, value in ours.items():
            out[key] = merged(defaults.get(key), value) if key in defaults else value
        return out
    return copy.deepcopy(ours)


def deployed_values() -> dict[str, Any]:
    """The values helm renders: chart defaults, values.yaml, then README's --set-file of the class config."""
    set_file = re.findall(r"--set-file hub\.extraConfig\.(\w+)=(\S+)", README)
    assert set_file, "deploy/README.md's helm command passes the class config with --set-file"
    extra = {key: (ROOT / path).read_text() for key, path in set_file}
    return merged(merged(chart_yaml("values.yaml"), VALUES), {"hub": {"extraConfig": extra}})


def schema_errors(values: dict[str, Any]) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft7Validator(chart_yaml("values.schema.yaml"))
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(values)]


def test_values_validate_against_the_pinned_charts_schema() -> None:
    values = deployed_values()
    assert schema_errors(values) == []
    # The same check refuses a key the chart does not have (the schema forbids unknown keys).
    wrong = merged(values, {"singleuser": {"workingDir": "/home/jovyan"}})
    assert any("workingDir" in e for e in schema_errors(wrong))


def test_one_jupyterhub_major_version_in_the_chart_and_the_learner_environment() -> None:
    app_version = chart_yaml("Chart.yaml")["appVersion"]
    locked = re.search(r"^jupyterhub==(\S+)$", (ROOT / "requirements" / "course.lock").read_text(), flags=re.M)
    assert locked, "requirements/course.lock pins jupyterhub"
    assert app_version.split(".")[0] == locked.group(1).split(".")[0], (app_version, locked.group(1))
    assert f"JupyterHub {app_version}" in README, "deploy/README.md names the hub version the chart ships"


# ---- the class config, loaded as each platform loads it ---------------------------------------------------


def run_config(path: Path, c: Config) -> dict[str, Any]:
    """Execute a config file in `c` itself, as Z2JH runs hub.extraConfig (exec in its jupyterhub_config.py)."""
    namespace: dict[str, Any] = {"c": c, "__file__": str(path)}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    return namespace


def hub_config(config: Config) -> Any:
    """The values JupyterHub's own objects get from `config`, lazy appends and updates applied."""
    from jupyterhub.app import JupyterHub
    from jupyterhub.auth import Authenticator

    return JupyterHub(config=config), Authenticator(config=config)


@pytest.fixture
def class_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in [k for k in os.environ if k.startswith("SERVERLAB_") and k != "SERVERLAB_SECRET"]:
        monkeypatch.delenv(key)


def literal_env(extra_env: dict[str, Any]) -> dict[str, str]:
    """hub.extraEnv as the hub sees it; values from a Secret get a stand-in of the right shape."""
    return {k: (v if isinstance(v, str) else FAKE_HASH) for k, v in extra_env.items()}


def test_z2jh_loads_the_class_config_after_its_values(class_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """As the chart's jupyterhub_config.py does: its culler service, hub.config, then exec of hub.extraConfig."""
    values = VALUES
    read = set(re.findall(r"SERVERLAB_\w+", CLASS_CONFIG.read_text()))
    assert set(values["hub"]["extraEnv"]) <= read, "values.yaml sets only variables the class config reads"
    required = {"SERVERLAB_CLASS", "SERVERLAB_TEACHER_PASSWORD_HASH", "SERVERLAB_COURSE_REPO"}
    assert required <= set(values["hub"]["extraEnv"]), "without them nobody logs in, or the course is missing"
    for key, value in literal_env(values["hub"]["extraEnv"]).items():
        monkeypatch.setenv(key, value)
    c = Config()
    c.JupyterHub.services = [{"name": "jupyterhub-idle-culler", "command": ["python3", "-m", "jupyterhub_idle_culler"]}]
    for section, cfg in values["hub"]["config"].items():
        c[section].update(cfg)
    run_config(CLASS_CONFIG, c)

    hub, authenticator = hub_config(c)
    learners = set(re.split(r"[\s,]+", values["hub"]["extraEnv"]["SERVERLAB_CLASS"].strip()))
    assert learners <= authenticator.allowed_users, "the class list can log in"
    assert values["hub"]["extraEnv"]["SERVERLAB_TEACHER"] in authenticator.admin_users
    assert [s["name"] for s in hub.services] == ["jupyterhub-idle-culler"], "one idle culler: the chart's"
    # The learner starts in the home volume and the file browser is rooted there.
    home = merged(chart_yaml("values.yaml"), VALUES)["singleuser"]["storage"]["homeMountPath"]
    assert c.KubeSpawner.working_dir == home
    assert c.Spawner.notebook_dir == "~"
    assert "--KernelManager.transport=ipc" in c.KubeSpawner.args
    # No setting of the class config restated here, where it would silently lose to (or fight) the file.
    text = (DEPLOY / "z2jh" / "values.yaml").read_text()
    for restated in ("authenticator_class", "allowed_users", "admin_users", "defaultUrl", "default_url", "postStart"):
        assert restated not in text, f"values.yaml sets {restated}: the class config owns it"


class SystemdSpawner(LocalProcessSpawner):
    """Stand-in for systemdspawner's class (not installed here): a JupyterHub Spawner of the same name with
    its unit_extra_properties trait, to read the config each learner's server gets as the real one would."""

    unit_extra_properties = Dict(config=True)


def tljh_copies() -> list[tuple[Path, str]]:
    """deploy/README.md's `cp <repo file> /opt/tljh/config/jupyterhub_config.d/<name>` lines."""
    found = re.findall(rf"cp (\S+) {re.escape(TLJH_CONFIG_D)}(\S+)", README)
    return [(ROOT / src.replace("/opt/serverlab-src/", ""), name) for src, name in found]


# What tljh/jupyterhub_config.py sets before its config.d files (tljh/configurer.py): a culler, /lab, admins.
TLJH_PRESET = """
import sys
c.JupyterHub.services = [{"name": "cull-idle", "command": [sys.executable, "-m", "jupyterhub_idle_culler"]}]
c.Spawner.default_url = "/lab"
c.Authenticator.allowed_users = set()
c.Authenticator.admin_users = {"teacher"}
"""


def test_tljh_copies_the_class_config_and_its_own_file_which_loads_after(
    class_env: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """As tljh/jupyterhub_config.py does: its own settings, then load_subconfig of each config.d file, sorted."""
    from traitlets.config.loader import PyFileConfigLoader

    copies = tljh_copies()
    assert (CLASS_CONFIG, "serverlab.py") in copies, "TLJH gets the class config as it is"
    assert (DEPLOY / "tljh" / "serverlab_tljh.py", "serverlab_tljh.py") in copies
    config_d = tmp_path / "jupyterhub_config.d"
    config_d.mkdir()
    for src, name in copies:
        shutil.copy(src, config_d / name)
    loads = "".join(f"load_subconfig({str(path)!r})\n" for path in sorted(config_d.glob("*.py")))
    (tmp_path / "jupyterhub_config.py").write_text(TLJH_PRESET + loads)
    monkeypatch.setenv("SERVERLAB_CLASS", "ada,grace")
    monkeypatch.setenv("SERVERLAB_COURSE_REPO", "https://example.invalid/serverlab")
    monkeypatch.setenv("SERVERLAB_TEACHER_PASSWORD_HASH", FAKE_HASH)
    tljh = types.ModuleType("tljh")  # the hub runs in TLJH's environment, where its package is importable
    tljh.__spec__ = importlib.machinery.ModuleSpec("tljh", None, origin="/opt/tljh/hub/site-packages/tljh/__init__.py")
    monkeypatch.setitem(sys.modules, "tljh", tljh)
    c = PyFileConfigLoader("jupyterhub_config.py", path=str(tmp_path)).load_config()

    hub, authenticator = hub_config(c)
    assert authenticator.allowed_users >= {"ada", "grace"} and "teacher" in authenticator.admin_users
    assert c.Spawner.default_url.startswith("/git-pull?"), "the class config's first page, not TLJH's /lab"
    assert [s["name"] for s in hub.services] == ["cull-idle"], "one idle culler: TLJH's"
    spawner = SystemdSpawner(config=c)
    unit = spawner.unit_extra_properties
    assert unit["OOMPolicy"] == "continue", "a kernel killed at the memory limit leaves the learner's server up"
    need = sizing.per_learner(sizing.load_peaks(json.loads(sizing.CURRENT_DATA.read_text())))
    assert int(unit["TasksMax"]) >= (need.tasks_max or 0)
    assert "--KernelManager.transport=ipc" in spawner.args
    assert spawner.environment["JUPYTER_RUNTIME_DIR"] == "/tmp/jupyter-runtime"


def test_the_class_link_pulls_into_serverlab_and_opens_notebook_00(
    class_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = re.findall(r"https://<your hub>/hub/user-redirect/git-pull\?(\S+)", README)
    assert links, "deploy/README.md gives the link to hand out"
    monkeypatch.setenv("SERVERLAB_CLASS", "ada")
    monkeypatch.setenv("SERVERLAB_COURSE_REPO", "https://example.invalid/serverlab")
    course_link_query = run_config(CLASS_CONFIG, Config())["course_link_query"]
    for query in links:
        fields = {k: v[0] for k, v in parse_qs(query).items()}
        assert fields["targetpath"] == "serverlab", "lands in ~/serverlab whatever the repository is called"
        if "backup" in fields:  # the reset link: nbgitpuller moves the old copy aside and opens the folder
            assert fields["backup"] == "true" and "urlpath" not in fields
            continue
        assert fields["urlpath"] == "lab/tree/serverlab/notebooks/00_start_here.ipynb"
        assert (ROOT / "notebooks" / "00_start_here.ipynb").is_file()
        # The same query the class config opens at every start (its default URL).
        assert query == course_link_query(fields["repo"], fields["branch"])


# ---- the image ----------------------------------------------------------------------------------------------


def test_image_build_runs_as_the_charts_uid_and_leaves_developer_state_out() -> None:
    build = re.search(r"jupyter-repo2docker [^\n]*(?:\\\n[^\n]*)*", README)
    assert build, "deploy/README.md has the repo2docker build command"
    uid = merged(chart_yaml("values.yaml"), VALUES)["singleuser"]["uid"]
    assert f"--user-id {uid}" in build.group(0) and "--user-name jovyan" in build.group(0)
    assert re.search(r"^\s*-\s*python=3\.\d+\s*$", (ROOT / "environment.yml").read_text(), flags=re.M), (
        "repo2docker reads only python=X.Y from environment.yml"
    )
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".git", ".venv", ".hub", ".hub-env", "**/node_modules", "test-artifacts", "**/__pycache__"} <= ignored


# ---- sizing -------------------------------------------------------------------------------------------------


def footprint(threads: tuple[int | None, int | None] = (90, 130)) -> dict[str, Any]:
    def learner(rss: int, threads: int | None) -> dict[str, Any]:
        out: dict[str, Any] = {"peak_rss_mb": rss, "peak_uss_mb": rss // 2, "peak_processes": 10, "cpu_s": 20.0}
        if threads is not None:
            out["peak_threads"] = threads
        return out

    return {
        "cores": 2,
        "notebooks": {
            "notebooks/02_x.ipynb": {"wall_s": 60, "learners": {"a": learner(400, threads[0]), "b": learner(450, 80)}},
            "notebooks/04_y.ipynb": {
                "wall_s": 120,
                "learners": {"a": learner(1000, threads[1]), "b": {**learner(900, 100), "cpu_s": 31.0}},
            },
        },
    }


def test_gke_reserves_by_band() -> None:
    assert sizing.banded(32, sizing.GKE_MEMORY_BANDS_GIB) == pytest.approx(1 + 0.8 + 0.8 + 16 * 0.06)
    assert sizing.banded(256, sizing.GKE_MEMORY_BANDS_GIB) == pytest.approx(1 + 0.8 + 0.8 + 112 * 0.06 + 128 * 0.02)
    assert sizing.banded(8, sizing.GKE_CPU_BANDS) == pytest.approx(0.06 + 0.01 + 2 * 0.005 + 4 * 0.0025)
    cpu, mib = sizing.k8s_allocatable(8, 32)
    assert cpu == pytest.approx(7.91)
    assert mib == pytest.approx(32 * 1024 - 3.56 * 1024 - 100)


def test_per_learner_needs_come_from_the_heaviest_learner() -> None:
    need = sizing.per_learner(sizing.load_peaks(footprint()))
    assert need.memory_request_mib == 1024  # 1000 MiB peak RSS, rounded up to 128 MiB
    assert need.memory_limit_mib == 1536
    assert (need.cpu_s, need.cpu_notebook) == (31.0, "04_y")
    assert need.tasks_max == 300  # 2 x 130 threads, rounded up to 50
    assert sizing.per_learner(sizing.load_peaks(footprint(threads=(None, 130)))).tasks_max is None


def test_node_fit_after_reserves_daemonsets_and_hub_pods() -> None:
    need = sizing.per_learner(sizing.load_peaks(footprint()))
    f = sizing.fit(8, 32, need)
    left_mib = 32 * 1024 - 3.56 * 1024 - 100 - sizing.DAEMONSETS_MIB - sizing.CORE_PODS_MIB
    assert f.for_learners_mib == pytest.approx(left_mib)
    assert (f.k8s_learners, f.k8s_bound) == (math.floor(left_mib / 1024), "memory") == (26, "memory")
    assert f.tljh_learners == (32 * 1024 - sizing.TLJH_KEPT_MIB) // 1024
    big = sizing.fit(64, 256, need)
    assert (big.k8s_learners, big.k8s_bound) == (sizing.MAX_PODS - sizing.DAEMONSET_PODS - sizing.CORE_PODS, "max pods")
    assert "does not fit (26 max)" in sizing.render(footprint()), "a class of 30 on 8 cores/32 GiB is refused"


def test_readme_and_values_carry_what_sizing_prints_for_the_current_data() -> None:
    report = json.loads(sizing.CURRENT_DATA.read_text())
    assert sizing.render(report) in README, "re-run `python deploy/sizing.py` and paste its output"
    need = sizing.per_learner(sizing.load_peaks(report))
    assert VALUES["singleuser"]["memory"] == {
        "guarantee": f"{need.memory_request_mib}M", "limit": f"{need.memory_limit_mib}M"
    }  # fmt: skip
    assert VALUES["singleuser"]["cpu"]["guarantee"] == need.cpu_request
    assert f"tljh-config set limits.memory {need.memory_limit_mib}M" in README
    assert sizing.CURRENT_DATA.name in README, "the README says which run its tables come from"
