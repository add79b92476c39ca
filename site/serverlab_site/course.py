"""The pages of one edition, in course order, read from the files every build (never a hard-coded list).

Course order is file-name order: 00_*, 01_*, ... with 99_primer last because 99 sorts last. Solutions
mirror the course in notebooks/solutions/. An edition is one language's notebooks; English is the
repository's notebooks/, and a second language (a Korean edition is planned) adds one Edition line.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[2]
NUMBERED = "[0-9][0-9]_*.ipynb"
# What the class link puts in a learner's home (deploy/jupyterhub_config.d/serverlab.py: TARGET_PATH).
HUB_TARGET_PATH = "serverlab"
PLACEHOLDER_REPO = "https://github.com/YOUR-ORG/serverlab"


@dataclass(frozen=True)
class Edition:
    """One language's course: its notebooks folder and the name the language switch shows.

    `readme` and `teaching` are the edition's home-page source and teacher's plan; `course_heading` is the
    README section with the course map. Its kernels run with SERVERLAB_LANG=`lang` (helpers/i18n), as the
    edition's own kernelspec would: the code cells are the English ones, the ✔ lines and plots are not.
    """

    lang: str
    name: str
    notebooks: Path
    readme: Path = ROOT / "README.md"
    teaching_file: Path | None = None
    course_heading: str = "The course"

    def course(self) -> list[Path]:
        return sorted(self.notebooks.glob(NUMBERED))

    def solutions(self) -> list[Path]:
        return sorted((self.notebooks / "solutions").glob(NUMBERED))

    def teaching(self) -> Path:
        return self.teaching_file or self.notebooks / "TEACHING.md"


# Each edition is built into <site>/<lang>/ with the same page names; every page's language switch lists them.
# The Korean edition (issue 23): notebooks/ko/ mirrors notebooks/ (code cells byte-identical), its home page is
# README.ko.md's course map and its teacher's plan notebooks/TEACHING.ko.md.
EDITIONS = [
    Edition("en", "English", ROOT / "notebooks"),
    Edition(
        "ko",
        "한국어",
        ROOT / "notebooks" / "ko",
        readme=ROOT / "README.ko.md",
        teaching_file=ROOT / "notebooks" / "TEACHING.ko.md",
        course_heading="과정",
    ),
]


def number(path: Path) -> str:
    return path.name[:2]


def select(paths: list[Path], only: list[str] | None) -> list[Path]:
    """Keep the notebooks whose two-digit number is in `only` (all when `only` is None)."""
    if only is None:
        return paths
    return [p for p in paths if number(p) in only]


def repo_url() -> str:
    """The repository's web address: SITE_REPO_URL, else GitHub Actions' own, else the origin remote's.

    A clone without a GitHub remote gets the placeholder the deploy recipes use (YOUR-ORG), which the
    pages then show as such: a link to a guessed repository would be a claim nobody checked.
    """
    if os.environ.get("SITE_REPO_URL"):
        return os.environ["SITE_REPO_URL"].rstrip("/")
    if os.environ.get("GITHUB_REPOSITORY"):
        server = os.environ.get("GITHUB_SERVER_URL", "https://github.com")
        return f"{server}/{os.environ['GITHUB_REPOSITORY']}"
    try:
        remote = subprocess.run(
            ["git", "-C", str(ROOT), "remote", "get-url", "origin"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        remote = ""
    found = re.match(r"^(?:https://github\.com/|git@github\.com:)([\w.-]+/[\w.-]+?)(?:\.git)?$", remote)
    return f"https://github.com/{found.group(1)}" if found else PLACEHOLDER_REPO


def branch() -> str:
    return os.environ.get("SITE_BRANCH") or os.environ.get("GITHUB_REF_NAME") or "main"


def blob_url(path: Path) -> str:
    """The file on the repository's web page (what a reader opens to download the notebook)."""
    return f"{repo_url()}/blob/{branch()}/{path.resolve().relative_to(ROOT).as_posix()}"


def nbgitpuller_link(path: Path) -> str:
    """The class link for one notebook, as deploy/README.md hands out for 00 (a teacher fills in the hub)."""
    urlpath = f"lab/tree/{HUB_TARGET_PATH}/{path.resolve().relative_to(ROOT).as_posix()}"
    query = urlencode(
        {"repo": repo_url(), "branch": branch(), "targetpath": HUB_TARGET_PATH, "urlpath": urlpath},
        quote_via=quote,
        safe="",
    )
    return f"https://<your hub>/hub/user-redirect/git-pull?{query}"
