"""Sphinx extension for the course site: what each page says about its run, and a time budget per notebook.

- Under the machine box (machine.py) each notebook page lists the claims its run checked that name cores:
  their thresholds come from the usable or free cores measured, so another machine judges them otherwise.
- A notebook whose run takes longer than `site_notebook_budget_s` has its kernel stopped, which fails the
  build with the notebook's name (nbclient's own timeout is per cell, not per notebook).
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from serverlab_site import machine
from serverlab_site.search_ko import SearchKorean

logger = logging.getLogger(__name__)

HELD = "✔"
INCONCLUSIVE = "… inconclusive: "  # helpers.checks.INCONCLUSIVE, the line a claim prints when not judged
# The same line on a Korean kernel (helpers/i18n/ko.py's "… inconclusive: {statement} — not judged: {reason}")
INCONCLUSIVE_KO = "… 판단 보류(inconclusive): "
NAMES_CORES = re.compile(r"\bcores?\b|\bCPUs?\b|코어", re.IGNORECASE)


class NotebookBudget:
    """Stop the kernel of a notebook that runs past its budget (one notebook runs at a time)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.current: tuple[str, float] | None = None
        self.exceeded: list[str] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._watch, name="notebook-budget", daemon=True).start()

    def start(self, docname: str) -> None:
        with self._lock:
            self.current = (docname, time.monotonic())

    def stop(self) -> None:
        with self._lock:
            self.current = None

    def _watch(self) -> None:
        while True:
            time.sleep(1.0)
            with self._lock:
                current = self.current
                if current is None or time.monotonic() - current[1] <= self.seconds:
                    continue
                self.current = None
            self.exceeded.append(current[0])
            killed = stop_kernels()
            print(
                f"\n[site] {current[0]} ran past its budget of {self.seconds:.0f} s (site_notebook_budget_s, "
                f"SITE_NOTEBOOK_BUDGET_S): stopped its kernel {killed}; the build fails.",
                file=sys.stderr,
                flush=True,
            )


BUDGETS: dict[int, NotebookBudget] = {}  # per Sphinx application; kept off the config, which is pickled


def stop_kernels() -> list[int]:
    """Kill this build's kernels and everything they started (their servers): the running notebook's."""
    killed = []
    for child in psutil.Process(os.getpid()).children(recursive=True):
        try:
            if "ipykernel" not in " ".join(child.cmdline()):
                continue
            tree = [*child.children(recursive=True), child]
        except psutil.Error:
            continue
        for proc in tree:
            try:
                proc.kill()
                killed.append(proc.pid)
            except psutil.Error:
                pass
    return killed


def is_notebook(app: Sphinx, docname: str) -> bool:
    return str(app.env.doc2path(docname)).endswith(".ipynb")


def stream_lines(doctree: nodes.document) -> list[str]:
    found = []
    for block in doctree.findall(nodes.literal_block):
        if "output" in block["classes"] and "stream" in block["classes"]:
            found += block.astext().splitlines()
    return found


def claims_summary_ko(held: int, inconclusive: int, on_cores: int) -> str:
    summary = (
        f"이 실행은 주장 {held + inconclusive}개를 검사했습니다: {held}개 성립 (✔), "
        f"{inconclusive}개 판단 보류 (머신이 너무 바빠 판단할 수 없었음). "
    )
    if on_cores:
        return summary + (
            f"아래 {on_cores}개는 코어 수에 달려 있습니다: 기대값이 빌드 머신에서 잰 사용 가능한 코어나 남는 코어에서 "
            "나오므로, 여러분의 머신에서는 더 많이 또는 더 적게 기대하거나 판단 보류라고 말할 수 있습니다:"
        )
    return summary + "어느 주장도 판단 기준이 된 코어 수를 밝히지 않지만, 시간은 여전히 머신에 달려 있습니다."


def claims_node(lines: list[str], lang: str = "en") -> nodes.container:
    """A paragraph and list: the claims of this run, and those that name the cores they were judged by."""
    held = [line for line in lines if line.startswith(HELD)]
    inconclusive = [line for line in lines if line.startswith((INCONCLUSIVE, INCONCLUSIVE_KO))]
    on_cores = [line for line in held + inconclusive if NAMES_CORES.search(line)]
    box = nodes.container(classes=["site-claims"])
    summary = (
        f"This run checked {len(held) + len(inconclusive)} claims: {len(held)} held (✔), "
        f"{len(inconclusive)} inconclusive (the machine was too busy to judge them). "
    )
    if on_cores:
        summary += (
            f"These {len(on_cores)} depend on the cores: their expectation comes from the usable or free cores "
            "measured on the build machine, so on yours they may expect more or less, or say inconclusive:"
        )
    else:
        summary += "None of them names the cores it was judged by; their timings still depend on the machine."
    if lang == "ko":
        summary = claims_summary_ko(len(held), len(inconclusive), len(on_cores))
    box += nodes.paragraph(text=summary)
    if on_cores:
        items = nodes.bullet_list()
        for line in on_cores:
            items += nodes.list_item("", nodes.paragraph(text=line))
        box += items
    return box


def add_claims(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    budget = BUDGETS[id(app)]
    budget.stop()
    if docname in budget.exceeded:
        logger.error(f"{docname}: ran past the per-notebook budget of {budget.seconds:.0f} s")
    if not is_notebook(app, docname):
        return
    box = next((n for n in doctree.findall(nodes.container) if f"tag_{machine.TAG}" in n["classes"]), None)
    if box is None:
        logger.warning(f"{docname}: no machine cell (tag {machine.TAG}) in the executed page", location=docname)
        return
    box.parent.insert(box.parent.index(box) + 1, claims_node(stream_lines(doctree), app.config.language))
    describe_images(app, doctree)


def describe_images(app: Sphinx, doctree: nodes.document) -> None:
    """An output image's alt text: the texts its figure drew, which the Korean machine cell (machine.CELL_KO)
    stores in the PNG's Description. Images without one (the English pages) are left as they are."""
    from PIL import Image

    folder = (Path(app.srcdir) / app.env.docname).parent
    for image in doctree.findall(nodes.image):
        uri = str(image.get("uri", ""))
        if image.get("alt") or not uri.endswith(".png"):
            continue
        path = next((p for p in (Path(app.srcdir) / uri.lstrip("/"), folder / uri) if p.is_file()), None)
        if path is None:
            continue
        with Image.open(path) as png:
            description = str(getattr(png, "text", {}).get("Description", "")).strip()
        if description:
            image["alt"] = description


def start_budget(app: Sphinx, docname: str, source: list[str]) -> None:
    if is_notebook(app, docname):
        BUDGETS[id(app)].start(docname)


def widget_assets_path(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Tell require.js and the widget manager where html-manager's files are: its icon fonts' URLs.

    embed-amd.js defines AMD modules named @jupyter-widgets/...; webpack takes each module's public path from
    its require.js URL, which by default is the page's own folder (fonts then 404). A global `require` set
    before require.js loads is its configuration: both module prefixes map to _static/html-manager, relative
    to the page (../_static/... in solutions/). Added before require.js (myst-nb adds it at priority 500).
    """
    if pagename not in app.env.all_docs or not is_notebook(app, pagename):
        return  # genindex, search and Markdown pages show no widgets
    folder = context["pathto"]("_static/html-manager", 1)
    config = {"paths": {"@jupyter-widgets/html-manager/dist": folder, "@jupyter-widgets": folder}}
    body = f"var require = {json.dumps(config)}; window.__jupyter_widgets_assets_path__ = {json.dumps(folder + '/')};"
    app.add_js_file(None, body=body, priority=200)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("site_notebook_budget_s", 600.0, "env", types=(float, int))
    app.add_search_language(SearchKorean)  # the Korean edition: syllable bigrams (search_ko.py)

    def init(app: Sphinx) -> None:
        BUDGETS[id(app)] = NotebookBudget(float(app.config.site_notebook_budget_s))

    app.connect("builder-inited", init)
    app.connect("source-read", start_budget)
    app.connect("doctree-read", add_claims)
    app.connect("html-page-context", widget_assets_path)
    return {"version": "1", "parallel_read_safe": False, "parallel_write_safe": True}
