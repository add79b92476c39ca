"""A plain `pip install` ships the course's JupyterLab settings, the same ones `make setup` writes.

Hub images, Binder and `pip install .` never run `make setup`; without the shipped overrides their
learners meet the "fetch Jupyter news?" prompt before Run All (seen in Chromium). The wheel must
carry the file to `share/jupyter/lab/settings/overrides.json`, where JupyterLab reads it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers.cli.labsetup import OVERRIDES

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "jupyter-settings" / "overrides.json"


def test_shipped_settings_are_the_ones_make_setup_writes() -> None:
    assert json.loads(SHIPPED.read_text()) == OVERRIDES


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_the_wheel_installs_the_settings_and_every_package(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=220,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("serverlab-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    data = [n for n in names if n.endswith("share/jupyter/lab/settings/overrides.json")]
    assert data, "the wheel does not install the JupyterLab overrides"
    assert json.loads(zipfile.ZipFile(wheel).read(data[0])) == OVERRIDES
    kernels = [n for n in names if n.endswith("share/jupyter/kernels/serverlab-ko/kernel.json")]
    assert kernels, "the wheel does not install the Korean edition's kernel"
    assert json.loads(zipfile.ZipFile(wheel).read(kernels[0]))["env"] == {"SERVERLAB_LANG": "ko"}
    for package in [p.parent.relative_to(ROOT) for p in ROOT.glob("helpers/**/__init__.py")]:
        assert f"{package.as_posix()}/__init__.py" in names, f"the wheel lacks the package {package}"
