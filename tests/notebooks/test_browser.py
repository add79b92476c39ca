"""A real JupyterLab driven by Playwright in Debian's Chromium: open every notebook, Run All, look.

Checks what a learner meets: no kernel-picker dialog, no error output, plots rendered as
images, widgets rendered, every server gone once the kernel shuts down. Screenshots of every
notebook land in test-artifacts/browser/ (on failure too). The notebooks run from a copy, so
JupyterLab's autosave never writes outputs into the repository.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import psutil
import pytest

from helpers._plumbing.marker import orphaned_processes
from helpers._plumbing.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "browser"
COURSE = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# Every notebook runs headless in `make test` (test_notebooks.py). In the browser, `make test` runs the
# ones whose page has something of its own to check: 00 (no dialog before Run All), 01 (the links),
# 05 and 06 (live process trees that must look gone), 04 (a panel that runs in the background);
# `make soak` runs the rest in the browser as well.
IN_BROWSER_FOR_TEST = ("00", "01", "05", "06", "04")
BROWSER_RUNS = [
    pytest.param(p, id=p.stem, marks=() if p.stem[:2] in IN_BROWSER_FOR_TEST else pytest.mark.soak) for p in COURSE
]
NOTEBOOK_BUDGET_S = 180
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@dataclass
class Lab:
    url: str
    token: str
    process: subprocess.Popen[bytes]
    log: Path

    def kernel_pids(self) -> set[int]:
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.Error:
            return set()
        return {p.pid for p in children if "ipykernel" in " ".join(p.cmdline())}


def cannot_run(reason: str) -> NoReturn:
    """Skip a local run with the reason; fail under CI (.ci/run installs Chromium and Playwright, so it must run)."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the real browser test must run in CI, but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    if not CHROMIUM.exists():
        cannot_run("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    port, token = free_port(), secrets.token_hex(16)
    log = root / "jupyterlab.log"
    jupyter = Path(sys.executable).parent / "jupyter"
    argv = [
        str(jupyter), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root / 'notebooks'}",
        "--expose-app-in-browser", f"--LabApp.workspaces_dir={root / 'workspaces'}",
    ]  # fmt: skip
    if os.geteuid() == 0:  # CI and containers run as root; JupyterLab refuses that unless told
        argv.append("--allow-root")
    with open(log, "wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, cwd=root)
    lab = Lab(f"http://127.0.0.1:{port}", token, proc, log)
    try:
        _wait_for_lab(lab)
        yield lab
    finally:
        _stop_group(proc)


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=15)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _wait_for_lab(lab: Lab, timeout_s: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if lab.process.poll() is not None:
            raise AssertionError(f"JupyterLab exited: {lab.log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{lab.url}/api/status", params={"token": lab.token}, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"JupyterLab not ready in {timeout_s} s: {lab.log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def browser(lab: Lab) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        cannot_run("Playwright is not installed (pip install -e '.[dev]')")

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


FIND_JS = """(name) => {
  const app = window.jupyterapp;
  if (!app) { return null; }
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === name && w.sessionContext) { return w; }
  }
  return null;
}"""

READY_JS = (
    "(name) => { const nb = (" + FIND_JS + ")(name);"
    " return !!(nb && nb.sessionContext.session && nb.sessionContext.kernelDisplayStatus === 'idle'); }"
)

RUN_ALL_JS = (
    "async (name) => { const nb = (" + FIND_JS + ")(name);"
    " window.jupyterapp.shell.activateById(nb.id);"
    " await window.jupyterapp.commands.execute('notebook:run-all-cells'); }"
)

PROGRESS_JS = (
    """(name) => {
  const nb = ("""
    + FIND_JS
    + """)(name);
  if (!nb || !nb.content) { return null; }
  const cells = nb.content.widgets.filter(c => c.model.type === 'code');
  const errors = [];
  let done = 0;
  for (const cell of cells) {
    // the model, not the prompt: a check cell's input (and its prompt) is collapsed (source_hidden)
    if (typeof cell.model.executionCount === 'number' && cell.model.executionCount > 0) { done += 1; }
    const outputs = cell.model.outputs;
    for (let i = 0; i < outputs.length; i++) {
      const out = outputs.get(i).toJSON();
      if (out.output_type === 'error') { errors.push(out.ename + ': ' + out.evalue); }
    }
  }
  return {total: cells.length, done: done, status: nb.sessionContext.kernelDisplayStatus, errors: errors};
}"""
)

GONE_JS = """() => [...document.querySelectorAll('.jp-OutputArea-output .jupyter-widgets')]
  .some(w => w.textContent.includes('server gone') && w.textContent.includes('re-run the cell above'))"""

SHUTDOWN_JS = (
    "async (name) => { const nb = (" + FIND_JS + ")(name); await nb.sessionContext.shutdown();"
    " await window.jupyterapp.commands.execute('application:close-all'); }"
)


def _run_all(page: Any, name: str, timeout_s: float) -> dict[str, Any]:
    page.wait_for_function(READY_JS, arg=name, timeout=60_000)
    page.evaluate(RUN_ALL_JS, name)
    deadline = time.monotonic() + timeout_s
    state: dict[str, Any] = {}
    while time.monotonic() < deadline:
        state = page.evaluate(PROGRESS_JS, name) or {}
        if state.get("errors"):
            return state
        if state and state["done"] == state["total"] and state["status"] == "idle":
            return state
        time.sleep(0.5)
    raise AssertionError(f"Run All did not finish in {timeout_s} s: {state}")


@pytest.mark.timeout(NOTEBOOK_BUDGET_S + 120)
@pytest.mark.servers_checked_elsewhere(
    "the lab's kernels own these servers; each is checked when its kernel shuts down"
)
@pytest.mark.parametrize("path", BROWSER_RUNS)
def test_notebook_runs_in_jupyterlab(lab: Lab, browser: Any, path: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    kernels_before = lab.kernel_pids()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    shot = ARTIFACTS / f"{path.stem}.png"
    try:
        began = time.monotonic()
        page.goto(f"{lab.url}/lab/tree/{path.name}?reset&token={lab.token}")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        assert page.locator(".jp-Dialog").count() == 0, "a dialog (kernel picker?) opened with the notebook"
        state = _run_all(page, path.name, NOTEBOOK_BUDGET_S)
        seconds = time.monotonic() - began
        print(f"{path.name}: Run All in the browser took {seconds:.1f} s")
        assert not state["errors"], f"error output in {path.name}: {state['errors']}"
        assert page.locator(".jp-Dialog").count() == 0, "a dialog appeared during Run All"
        images = page.locator(".jp-OutputArea-output img").count()
        widgets = page.locator(".jp-OutputArea-output .jupyter-widgets").count()
        page.screenshot(path=str(shot), full_page=False)
        if path.stem[:2] != "00":
            assert images >= 1, "no plot rendered as an image"
        if "panels." in path.read_text():
            assert widgets >= 1, "the notebook builds a widget panel but none rendered"
        if "panels.live_tree(" in path.read_text():  # Run All ends with the reset cell, which stops its server
            page.wait_for_function(GONE_JS, timeout=10_000)  # so the live tree must look gone, not show old PIDs
            page.locator(".jupyter-widgets", has_text="server gone").last.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / f"{path.stem}-live-tree.png"))
        kernel = lab.kernel_pids() - kernels_before
        page.evaluate(SHUTDOWN_JS, path.name)
        _assert_kernel_servers_gone(kernel)
    except BaseException:
        page.screenshot(path=str(shot), full_page=True)
        raise
    finally:
        page.close()


def _assert_kernel_servers_gone(kernel_pids: set[int], timeout_s: float = 8.0) -> None:
    deadline = time.monotonic() + timeout_s
    left: list[psutil.Process] = []
    while time.monotonic() < deadline:
        left = [p for p in orphaned_processes(include_live_kernels=True) if _kernel_of(p) in kernel_pids]
        if not left:
            return
        time.sleep(0.2)
    raise AssertionError(f"servers of kernel {kernel_pids} outlived it: {[p.pid for p in left]}")


def _kernel_of(proc: psutil.Process) -> int | None:
    try:
        return int(proc.environ().get("SERVERLAB_RUN", "0-").split("-", 1)[0])
    except (psutil.Error, ValueError):
        return None


@pytest.mark.timeout(240)
@pytest.mark.servers_checked_elsewhere("the lab's kernel owns the server; checked when that kernel shuts down")
def test_a_link_in_a_cells_output_opens_the_lab_server_through_jupyterlab(lab: Lab, browser: Any) -> None:
    """srv.link(): a learner clicks it and reaches the lab server through JupyterLab's proxy."""
    import nbformat

    from tests import linkclick

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in linkclick.CELLS]
    nbformat.write(nb, str(lab.log.parent / "notebooks" / "links_probe.ipynb"))
    kernels_before = lab.kernel_pids()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{lab.url}/lab/tree/links_probe.ipynb?reset&token={lab.token}")
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        state = _run_all(page, "links_probe.ipynb", 120)
        assert not state["errors"], state["errors"]
        pid, port = linkclick.probe_of(page)
        docs = linkclick.click_link(page, "/docs")
        linkclick.check_docs_tab(docs, "/", port)
        docs.screenshot(path=str(ARTIFACTS / "link-docs.png"))
        linkclick.check_info_tab(linkclick.click_link(page, "/info"), pid)
        kernel = lab.kernel_pids() - kernels_before
        page.evaluate(SHUTDOWN_JS, "links_probe.ipynb")
        _assert_kernel_servers_gone(kernel)
    except BaseException:
        page.screenshot(path=str(ARTIFACTS / "links_probe.png"), full_page=True)
        raise
    finally:
        page.close()


@pytest.mark.timeout(120)
def test_make_lab_prints_a_url_that_opens_notebook_00(browser: Any) -> None:
    """What `make lab` runs: the printed URL opens the first notebook with no dialog in the way."""
    import re

    proc = subprocess.Popen(
        [sys.executable, "-m", "helpers.cli.labsetup", "--launch"], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        url = ""
        for _ in range(500):  # JupyterLab's own log comes first: the URL follows once it has bound its port
            match = re.search(
                rb"http://127\.0\.0\.1:\d+/lab/tree/notebooks/00_start_here\.ipynb\?token=\w+", proc.stdout.readline()
            )
            if match:
                url = match.group().decode()
                break
        assert url, "make lab printed no URL to notebook 00"
        page = browser.new_page()
        try:
            for _ in range(60):  # JupyterLab takes a moment to listen after printing our URL
                try:
                    page.goto(url)
                    break
                except Exception:
                    time.sleep(0.5)
            page.wait_for_selector(".jp-Notebook", timeout=60_000)
            page.wait_for_function("() => document.title.startsWith('00_start_her')", timeout=60_000)
            page.wait_for_function("() => document.body.innerText.includes('(ipykernel) | Idle')", timeout=60_000)
            assert page.locator(".jp-Dialog").count() == 0, "a dialog (kernel picker, news?) is in the way"
        finally:
            page.close()
    finally:
        _stop_group(proc)  # type: ignore[arg-type]
