"""Drive the rehearsal hub as `make hub` starts it: learners log in with Playwright in Debian's Chromium.

Used by tests/hub/test_hub.py. Everything here is real: the hub command, JupyterHub with the class
configuration a teacher deploys (NativeAuthenticator, the class list, nbgitpuller), its proxy, one
Unix user per learner, their servers and kernels; the test only reads and measures.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from tests.notebooks.test_browser import CHROMIUM, CHROMIUM_ARGS, FIND_JS, READY_JS

ROOT = Path(__file__).resolve().parent.parent
HUB_ENV = Path("/opt/serverlab/hub-env") if os.geteuid() == 0 else ROOT / ".hub-env"
PASSWORD = "rehearsal-" + os.urandom(4).hex()

RUN_ALL_NOWAIT_JS = (
    "(name) => { const nb = (" + FIND_JS + ")(name); window.jupyterapp.shell.activateById(nb.id);"
    " window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }"
)
# Progress read from the notebook's model, not its DOM: a learner's page that is not in front
# (three learners, three pages) is not repainted, so prompts in the DOM lag behind the kernel.
MODEL_PROGRESS_JS = (
    "(name) => { const nb = (" + FIND_JS + ")(name); if (!nb || !nb.content) { return null; }"
    " const cells = nb.content.model.cells; let total = 0, done = 0, images = 0; const errors = [];"
    " for (let i = 0; i < cells.length; i++) { const cell = cells.get(i); if (cell.type !== 'code') { continue; }"
    "  total += 1; if (cell.executionCount) { done += 1; }"
    "  for (let j = 0; j < cell.outputs.length; j++) { const o = cell.outputs.get(j).toJSON();"
    "   if (o.output_type === 'error') { errors.push(o.ename + ': ' + o.evalue); }"
    "   if (o.data && o.data['image/png']) { images += 1; } } }"
    " return {total: total, done: done, images: images, errors: errors,"
    " status: nb.sessionContext.kernelDisplayStatus}; }"
)
OUTPUT_TEXT_JS = (
    "(name) => { const nb = (" + FIND_JS + ")(name); const texts = [];"
    " for (const cell of nb.content.widgets) { if (cell.model.type !== 'code') { continue; }"
    "  const outs = cell.model.outputs; for (let i = 0; i < outs.length; i++) { const o = outs.get(i).toJSON();"
    "   if (o.text) { texts.push(Array.isArray(o.text) ? o.text.join('') : o.text); } } }"
    " return texts.join(''); }"
)


@dataclass
class Hub:
    url: str
    state: Path
    process: subprocess.Popen[str]
    learners: list[str]
    output: list[str] = field(default_factory=list)

    def settings(self) -> dict[str, Any]:
        return dict(json.loads((self.state / "settings.json").read_text()))

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join((self.state / "jupyterhub.log").read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no hub log)"


def build_hub_env() -> None:
    """What `make hub` runs first: the shared course environment from the course lock, and the proxy."""
    done = subprocess.run(["make", "-s", "hub-env"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"make hub-env failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"


@contextmanager
def running_hub(state: Path, learners: int, sign_in: str = "native") -> Iterator[Hub]:
    """`python -m hub start` as `make hub` runs it; stopped (and proven stopped) however the test ends."""
    argv = [
        str(HUB_ENV / "bin" / "python"), "-m", "hub", "start", f"--learners={learners}", "--port=0",
        f"--state={state}", f"--password={PASSWORD}", f"--course={ROOT}",
        "--spawner-arg=--LabApp.expose_app_in_browser=True", f"--sign-in={sign_in}",
    ]  # fmt: skip
    proc = subprocess.Popen(
        argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    hub = Hub("", state, proc, [f"learner{i}" for i in range(1, learners + 1)])
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 120
        while not hub.url and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                raise AssertionError(f"the hub command ended: {''.join(hub.output)}\n{hub.log_tail()}")
            hub.output.append(line)
            if match := re.search(r"(http://127\.0\.0\.1:\d+)/hub/login", line):
                hub.url = match.group(1)
        assert hub.url, f"the hub printed no login URL in 120 s: {''.join(hub.output)}"
        threading.Thread(target=_drain, args=(proc, hub.output), daemon=True).start()
        yield hub
    finally:
        stop_hub(hub)


def _drain(proc: subprocess.Popen[str], into: list[str]) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        into.append(line)


def stop_hub(hub: Hub) -> None:
    """Ctrl-C's path (SIGTERM to the hub command), with `python -m hub stop` as the fallback."""
    if hub.process.poll() is None:
        hub.process.send_signal(signal.SIGTERM)
        try:
            hub.process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            hub.process.kill()
            hub.process.wait()
    if (hub.state / "settings.json").exists():
        subprocess.run(
            [str(HUB_ENV / "bin" / "python"), "-m", "hub", "stop", f"--state={hub.state}"],
            cwd=ROOT, capture_output=True, timeout=120,
        )  # fmt: skip


def unix_user(learner: str) -> str:
    return f"jupyter-{learner}"


def processes_of(user: str) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["username"]):
        if proc.info["username"] == user:
            found.append(proc)
    return found


@contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


FIRST_NOTEBOOK = "serverlab/notebooks/00_start_here.ipynb"  # where the class config's default URL lands


def sign_up(chromium: Any, hub: Hub, name: str, password: str = PASSWORD) -> str:
    """NativeAuthenticator's sign-up page, as a learner fills it in once; returns the message it shows."""
    page = chromium.new_context().new_page()
    try:
        page.goto(f"{hub.url}/hub/signup")
        page.fill("input[name=username]", name)
        page.fill("input[name=signup_password]", password)
        page.fill("input[name=signup_password_confirmation]", password)
        page.click("input[type=submit]")
        page.wait_for_selector(".alert", timeout=30_000)
        return str(page.locator(".alert").first.inner_text())
    finally:
        page.context.close()


def submit_login(page: Any, hub: Hub, name: str, password: str, next_url: str = "") -> None:
    page.goto(f"{hub.url}/hub/login" + (f"?next={next_url}" if next_url else ""))
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("input[type=submit], button[type=submit]")


def log_in(chromium: Any, hub: Hub, learner: str, sign_up_first: bool = True) -> Any:
    """A learner's own browser context (own cookies): sign up once, log in, wait until JupyterLab is up.

    Then, as the class config sets it, /hub/spawn starts the server and its default URL is nbgitpuller's
    git-pull: the course is cloned into ~/serverlab and notebook 00 of that copy opens."""
    if sign_up_first:  # NativeAuthenticator; the shared-password option has no sign-up
        message = sign_up(chromium, hub, learner)
        assert "successful" in message, f"{learner} (on the class list) could not sign up: {message!r}"
    page = chromium.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    submit_login(page, hub, learner, PASSWORD)
    page.wait_for_function("() => !!window.jupyterapp && window.jupyterapp.started", timeout=180_000)
    return page


def wait_first_notebook(page: Any) -> None:
    """The page the learner lands on shows notebook 00 of their pulled copy (nbgitpuller's urlpath)."""
    page.wait_for_function(
        "(path) => { const w = window.jupyterapp.shell.currentWidget; return !!w && !!w.context"
        " && w.context.path === path; }", arg=FIRST_NOTEBOOK, timeout=60_000,
    )  # fmt: skip


def open_notebook(page: Any, hub: Hub, learner: str, path: str) -> None:
    page.goto(f"{hub.url}/user/{learner}/lab/tree/{path}?reset")
    page.wait_for_selector(".jp-Notebook", timeout=90_000)
    page.wait_for_function(READY_JS, arg=path, timeout=120_000)


def start_run_all(page: Any, path: str) -> None:
    page.evaluate(RUN_ALL_NOWAIT_JS, path)


def progress(page: Any, path: str) -> dict[str, Any]:
    return dict(page.evaluate(MODEL_PROGRESS_JS, path) or {})


def wait_done(page: Any, path: str, timeout_s: float) -> dict[str, Any]:
    return wait_all_done({"": page}, path, timeout_s)[""]


def wait_all_done(pages: dict[str, Any], path: str, timeout_s: float) -> dict[str, dict[str, Any]]:
    """Until every page's Run All finished (or showed an error), under one deadline for all of them."""
    deadline = time.monotonic() + timeout_s
    states: dict[str, dict[str, Any]] = {}
    time.sleep(1.0)  # let the runs start before reading "idle"
    while time.monotonic() < deadline:
        for name, page in pages.items():
            state = progress(page, path)
            if state.get("errors") or (state and state["done"] == state["total"] and state["status"] == "idle"):
                states[name] = state
        if len(states) == len(pages):
            return states
        time.sleep(0.5)
    left = {name: progress(page, path) for name, page in pages.items() if name not in states}
    raise AssertionError(f"Run All of {path} did not finish in {timeout_s} s: {left}")


def output_text(page: Any, path: str) -> str:
    return str(page.evaluate(OUTPUT_TEXT_JS, path))


def write_notebook(learner: str, name: str, cells: list[str]) -> str:
    """Put a notebook into the learner's own copy, owned by them, as if they had written it."""
    import nbformat

    home = Path(pwd.getpwnam(unix_user(learner)).pw_dir) / "serverlab" / "notebooks"
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    target = home / name
    nbformat.write(nb, str(target))
    entry = pwd.getpwnam(unix_user(learner))
    os.chown(target, entry.pw_uid, entry.pw_gid)
    return f"serverlab/notebooks/{name}"


VERDICT_HELD = "✔"
VERDICT_INCONCLUSIVE = ("… inconclusive", "… 판단 보류")  # the prefixes helpers.checks.inconclusive(...) prints


def count_verdicts(text: str) -> dict[str, int]:
    """How many claims held (lines starting ✔) and how many were inconclusive, in a notebook's printed output."""
    lines = [line.lstrip() for line in text.splitlines()]
    return {
        "held": sum(line.startswith(VERDICT_HELD) for line in lines),
        "inconclusive": sum(line.startswith(VERDICT_INCONCLUSIVE) for line in lines),
    }


@dataclass
class Footprint:
    """Per learner, sampled twice a second: peak memory of the whole tree (RSS and USS), peak threads
    (what systemd's TasksMax and a pids cgroup count), peak processes, CPU seconds."""

    peak_rss_mb: float = 0.0
    peak_uss_mb: float = 0.0
    peak_threads: int = 0
    peak_processes: int = 0
    cpu_by_pid: dict[int, float] = field(default_factory=dict)
    cpu_before: dict[int, float] = field(default_factory=dict)  # what processes had used before sampling began

    @property
    def cpu_s(self) -> float:
        """CPU seconds used while sampled: new processes in full, older ones from the first sample on."""
        return sum(cpu - self.cpu_before.get(pid, 0.0) for pid, cpu in self.cpu_by_pid.items())


class Sampler:
    """Samples each learner's Unix user in a thread until stopped."""

    def __init__(self, learners: list[str], interval_s: float = 0.5) -> None:
        self.footprints = {learner: Footprint() for learner in learners}
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        first = True
        while not self._stop.is_set():
            for learner, fp in self.footprints.items():
                rss = uss = threads = 0
                procs = processes_of(unix_user(learner))
                for proc in procs:
                    try:
                        with proc.oneshot():
                            mem = proc.memory_full_info()
                            times = proc.cpu_times()
                            nthreads = proc.num_threads()
                    except psutil.Error:
                        continue
                    rss, uss, threads = rss + mem.rss, uss + mem.uss, threads + nthreads
                    fp.cpu_by_pid[proc.pid] = max(fp.cpu_by_pid.get(proc.pid, 0.0), times.user + times.system)
                    if first:
                        fp.cpu_before[proc.pid] = times.user + times.system
                fp.peak_rss_mb = max(fp.peak_rss_mb, rss / 2**20)
                fp.peak_uss_mb = max(fp.peak_uss_mb, uss / 2**20)
                fp.peak_threads = max(fp.peak_threads, threads)
                fp.peak_processes = max(fp.peak_processes, len(procs))
            first = False
            self._stop.wait(self._interval_s)
