"""The cell `make site` adds to every page: where this run's outputs came from, measured by the run itself.

It runs in the notebook's own kernel, right after the title, so its date, cores, load and versions are
those of the very execution whose outputs the page shows (a cached page keeps the machine it ran on).
Its source carries a fingerprint of the code the notebooks run (helpers/, labapp/, the course lock):
jupyter-cache keys a run on the code cells, so a change there makes every page run again.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from serverlab_site.course import ROOT

FINGERPRINTED = ("helpers", "labapp")
TAG = "site-machine"

CELL = """\
# Where this page's outputs came from: added by `make site` (site/serverlab_site/machine.py), not in the notebook.
# Course code fingerprint: {fingerprint}
import datetime as _site_dt
import os as _site_os
import platform as _site_platform

from IPython.display import Markdown as _SiteMarkdown

from helpers import checks as _site_checks
from helpers import cores as _site_cores

_site_c = _site_cores.detect()
_site_versions = _site_checks.versions()
_site_load = _site_os.getloadavg()[0] if hasattr(_site_os, "getloadavg") else None
_SiteMarkdown(
    "**The run behind this page.** "
    f"Executed {{_site_dt.datetime.now(_site_dt.timezone.utc):%Y-%m-%d %H:%M}} UTC on "
    f"{{_site_platform.platform()}}, Python {{_site_versions.pop('python')}}.\\n\\n"
    f"- **Usable cores: {{_site_c.usable:g}}** ({{_site_c.describe()}}), read by `helpers.cores`. "
    f"Where each number came from: {{_site_c.sources()}}.\\n"
    f"- **CPU quota:** {{_site_c.quota.source}}.\\n"
    + (f"- **Load when the run started:** {{_site_load:.2f}} (1-minute load average; other programs shared "
       "the machine).\\n" if _site_load is not None else "")
    + "- **Versions:** " + ", ".join(f"{{k}} {{v}}" for k, v in _site_versions.items()) + ".\\n"
    "- Course code fingerprint `{short}` (helpers/, labapp/, requirements/course.lock).\\n\\n"
    "Your machine will measure other numbers: timings, throughputs and free cores change with the machine "
    "and its load, and a claim the machine was too busy to judge says *inconclusive* instead of ✔."
)
"""


def fingerprint(root: Path = ROOT) -> str:
    """sha256 over the code every notebook imports and the exact versions it runs with."""
    digest = hashlib.sha256()
    files = sorted(p for folder in FINGERPRINTED for p in (root / folder).rglob("*.py") if "__pycache__" not in p.parts)
    for path in [*files, root / "requirements" / "course.lock"]:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cell_source(digest: str) -> str:
    return CELL.format(fingerprint=digest, short=digest[:12])
