"""The course's JupyterLab settings reach an editable install (`pip install -e .`) as a wheel's do (issue 19, 13).

setuptools' editable installs skip data files (pypa/setuptools#3399), so `make setup`, a contributor's
`pip install -e .` and environment.yml's `-e .` (Binder, a repo2docker hub image) had no overrides.json,
and plain `jupyter lab` asked to fetch Jupyter news on every notebook. pyproject.toml's cmdclass
(helpers/_plumbing/editable_data.py) installs them. The check: a fresh virtualenv gets only
`pip install --no-deps -e .` (the course's other packages come through a .pth line, without a
download), then a real JupyterLab from that virtualenv on 127.0.0.1 port 0 answers its settings API
with the news fetch off, where JupyterLab's own default asks.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import httpx
import pytest

from tests.support import ROOT

PLUGIN = "@jupyterlab/apputils-extension:notification"
SHIPPED = json.loads((ROOT / "jupyter-settings" / "overrides.json").read_text())
COURSE_LAB = Path(sys.prefix) / "share" / "jupyter" / "lab"  # jupyterlab's own data files, in the course's env
OFFLINE = ("Could not find a version", "NewConnectionError", "Network is unreachable", "Temporary failure in name")

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]


def upstream_default(key: str) -> object:
    schema_file = COURSE_LAB / "schemas" / "@jupyterlab" / "apputils-extension" / "notification.json"
    schema = json.loads(schema_file.read_text())
    return schema["properties"][key]["default"]


def editable_venv(folder: Path) -> Path:
    """A fresh virtualenv holding only an editable install of the course; returns its python."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=120)
    python = folder / "bin" / "python"
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True, timeout=30).stdout.strip()  # fmt: skip
    Path(purelib, "course-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", str(ROOT)],
                               capture_output=True, text=True, timeout=240)  # fmt: skip
    if installed.returncode != 0 and any(sign in installed.stderr for sign in OFFLINE):
        pytest.skip(f"pip could not fetch the build backend from PyPI: {installed.stderr.strip()[-300:]}")
    assert installed.returncode == 0, installed.stderr[-2000:]
    return python


def test_an_editable_install_carries_the_settings_to_jupyterlab(tmp_path: Path) -> None:
    assert upstream_default("fetchNews") == "none"  # JupyterLab's own default asks: what the overrides change
    python = editable_venv(tmp_path / "venv")
    lab_dir = tmp_path / "venv" / "share" / "jupyter" / "lab"
    installed = lab_dir / "settings" / "overrides.json"
    assert installed.exists(), (
        f"`pip install -e .` put no overrides.json in {installed.parent}: does pyproject.toml "
        "name helpers._plumbing.editable_data.EditableWheel in [tool.setuptools.cmdclass]?"
    )
    assert json.loads(installed.read_text()) == SHIPPED
    for part in ("schemas", "static", "themes"):  # what jupyterlab's own wheel puts there (not under test)
        (lab_dir / part).symlink_to(COURSE_LAB / part)

    home = {name: tmp_path / name for name in ("config", "data", "runtime", "user-settings", "workspaces")}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    env.update(JUPYTER_CONFIG_DIR=str(home["config"]), JUPYTER_DATA_DIR=str(home["data"]),
               JUPYTER_RUNTIME_DIR=str(home["runtime"]), JUPYTERLAB_SETTINGS_DIR=str(home["user-settings"]),
               JUPYTERLAB_WORKSPACES_DIR=str(home["workspaces"]))  # fmt: skip
    token = secrets.token_hex(16)
    argv = [str(python), "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", "--ServerApp.port=0",
            f"--IdentityProvider.token={token}", *(["--allow-root"] if os.geteuid() == 0 else [])]  # fmt: skip
    log = tmp_path / "jupyterlab.log"
    with open(log, "wb") as out:
        lab = subprocess.Popen(argv, cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        info = home["runtime"] / f"jpserver-{lab.pid}.json"
        deadline = time.monotonic() + 120
        while not info.exists() and lab.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(0.2)  # the info file is written whole, but give a slow disk its moment
        assert info.exists(), f"JupyterLab wrote no {info.name}: {log.read_text(errors='replace')[-2000:]}"
        port = json.loads(info.read_text())["port"]
        answer = httpx.get(f"http://127.0.0.1:{port}/lab/api/settings/{PLUGIN}",
                           headers={"Authorization": f"token {token}"}, timeout=30.0)  # fmt: skip
        assert answer.status_code == 200, answer.text[-1000:]
        served = answer.json()["schema"]["properties"]
        assert served["fetchNews"]["default"] == SHIPPED[PLUGIN]["fetchNews"] == "false"  # "Never": no prompt
        assert served["checkForUpdates"]["default"] is False
    finally:
        os.killpg(lab.pid, signal.SIGKILL)
        lab.wait(timeout=10)
