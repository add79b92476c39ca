"""Build-time only: an editable install (`pip install -e .`) installs the data files too, as a wheel does.

setuptools' ``editable_wheel`` means to install data files, but asks the distribution for
``has_data`` (``editable_wheel._run_install("data")``), which does not exist (its name is
``has_data_files``), so it never does (pypa/setuptools#3399). The course ships its JupyterLab
settings as a data file (``share/jupyter/lab/settings/overrides.json``, jupyter-settings/README.md):
without them every editable install opens on the "fetch Jupyter news?" prompt. pyproject.toml
names this class in ``[tool.setuptools.cmdclass]``; setuptools loads this file alone, in the
isolated build, so it imports nothing but setuptools.
"""

from __future__ import annotations

from setuptools.command.editable_wheel import editable_wheel


class EditableWheel(editable_wheel):  # type: ignore[misc]  # setuptools is untyped where the build runs
    """``editable_wheel`` that also runs ``install_data`` into the wheel's ``.data/data`` (what a wheel carries)."""

    def _run_install(self, category: str) -> None:
        super()._run_install(category)
        if category == "data" and self.distribution.has_data_files():
            self.run_command("install_data")  # runs once: a no-op if setuptools already ran it (a fixed release)
