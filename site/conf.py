"""Sphinx configuration of the course site, shared by every edition; site/build.py runs it (`make site`).

build.py passes the edition and the folders it prepared through SITE_* environment variables.
Option names were checked against the installed sources: myst_nb/core/config.py (nb_*),
sphinx/ext/mathjax.py (mathjax_path), sphinx_book_theme/theme.conf and pydata_sphinx_theme (theme options).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from serverlab_site import course  # noqa: E402

EDITION = next(e for e in course.EDITIONS if e.lang == os.environ.get("SITE_EDITION", "en"))
ASSETS = Path(os.environ.get("SITE_ASSETS", str(course.ROOT / "build" / "site" / "assets")))
SOURCES = Path(os.environ.get("SITE_SOURCES", str(course.ROOT / "build" / "site" / "src")))


def edition_pages(lang: str) -> list[str]:
    """The page names another edition's build has (build.py stages every edition before building any):
    the language switch links the same page there, or that edition's home page when it has no such page."""
    folder = SOURCES / lang
    pages = [p for p in folder.rglob("*") if p.suffix in {".md", ".ipynb"}]
    staged = [p.relative_to(folder).with_suffix("").as_posix() for p in pages]
    return sorted({*staged, "genindex", "search"}) if staged else []


project = "serverlab"
author = "serverlab 저자들" if EDITION.lang == "ko" else "the serverlab authors"
language = EDITION.lang
extensions = ["myst_nb", "serverlab_site.ext"]
exclude_patterns = ["**.ipynb_checkpoints"]
# Heading levels (an H1 title, then H3 exercises under an H2) are the notebooks' own style, not a broken
# reference: every other warning (a missing page, label or #fragment) fails the build (-n -W).
suppress_warnings = ["myst.header"]

# --- execution: a real run, one notebook at a time, cached, failing loudly -------------------------------
nb_execution_mode = "cache"  # jupyter-cache: a notebook whose code cells did not change is not run again
nb_execution_cache_path = os.environ.get("SITE_CACHE", str(course.ROOT / "build" / "site" / "jupyter_cache"))
nb_execution_timeout = int(os.environ.get("SITE_CELL_TIMEOUT_S", "300"))  # nbclient: one cell's budget
site_notebook_budget_s = float(os.environ.get("SITE_NOTEBOOK_BUDGET_S", "900"))  # ext.py: one notebook's
nb_execution_raise_on_error = True
nb_execution_allow_errors = False
nb_execution_show_tb = True
nb_execution_in_temp = False
nb_merge_streams = True  # one output block per cell, as JupyterLab shows it

# --- offline: every script the pages load is a local copy (build.py copies them from the npm lock) ---------
nb_ipywidgets_js = {
    "require.js": {},
    # data-jupyter-widgets-cdn is where html-manager fetches widget modules it does not bundle; the course uses
    # only the bundled ipywidgets ones, and any other would be a failed local request the browser test reports.
    "html-manager/embed-amd.js": {"data-jupyter-widgets-cdn": "_static/widget-modules/"},
}
mathjax_path = "mathjax/tex-chtml.js"  # relative: _static/mathjax/, copied from the npm package

# --- the pages -----------------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "serverlab"
html_static_path = [str(HERE / "static"), str(ASSETS)]
html_css_files = ["serverlab-site.css"]
templates_path = [str(HERE / "templates")]
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_theme_options = {
    "use_download_button": False,  # the staged copy is not the learner's notebook: pages link the repository's
    "use_fullscreen_button": True,
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "navigation_with_keys": False,
}
html_sidebars = {"**": ["navbar-logo.html", "language-switch.html", "search-button-field.html", "sbt-sidebar-nav.html"]}
html_context = {
    "default_mode": "light",  # pydata-sphinx-theme: without it, a console error "Got invalid theme mode"
    "editions": [{"lang": e.lang, "name": e.name, "pages": edition_pages(e.lang)} for e in course.EDITIONS],
    "edition": EDITION.lang,
}
