"""The course on a real JupyterHub, started as `make hub` starts it, learners logged in with Playwright.

Needs root (learners are real Unix users `jupyter-<name>`, created and removed by the hub command),
Debian's Chromium, node/npm (configurable-http-proxy). The smoke test runs in `make test`; the
class rehearsal (3 learners running notebook 02 at once, measured) runs in `make soak`, and writes
its measurements to test-artifacts/hub/footprint.json: deploy/README.md's limits come from them.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from hub.accounts import processes_of_run
from tests import linkclick
from tests.hubdrive import (
    HUB_ENV,
    ROOT,
    Hub,
    Sampler,
    browser,
    log_in,
    open_notebook,
    output_text,
    processes_of,
    running_hub,
    start_run_all,
    stop_hub,
    unix_user,
    wait_all_done,
    wait_done,
    write_notebook,
)
from tests.test_browser import CHROMIUM, SHUTDOWN_JS

ARTIFACTS = ROOT / "test-artifacts" / "hub"
CLEANUP_MODULE = "helpers.cli.cleanup" if (ROOT / "helpers" / "cli" / "cleanup.py").exists() else "helpers.cleanup"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

START_SERVER = """import json, os
from helpers import servers
srv = servers.uvicorn("labapp.lab:app")
info = srv.get("/info")
print("PROBE " + json.dumps({"pid": info["pid"], "port": srv.port, "uid": os.getuid()}))
link = srv.link("/info")  # what notebook 01's check does: fetch the link through the learner's own server
answer = link.fetch()
print("LINK " + json.dumps({"href": link.href, "status": answer.status_code, "pid": answer.json()["pid"]}))"""

CLEANUP = f"""import json, os, subprocess, sys
from helpers import servers
own = servers.uvicorn("labapp.lab:app")
cleanup = subprocess.run([sys.executable, "-m", "{CLEANUP_MODULE}"], capture_output=True, text=True, timeout=120)
clean = subprocess.run(["make", "clean"], cwd=os.path.expanduser("~/serverlab"), capture_output=True, text=True,
                       timeout=180)
print("CLEANUP " + json.dumps({{"cleanup_rc": cleanup.returncode, "clean_rc": clean.returncode,
      "log": (cleanup.stdout + cleanup.stderr + clean.stdout + clean.stderr)[-1500:], "own": own.pid}}))"""

RESET = 'print(f"stopped {servers.stop_all()} server(s)")'


@pytest.fixture(autouse=True)
def no_server_survives() -> Iterator[None]:  # servers here belong to the learners; checked after the hub stops
    yield


@pytest.fixture(scope="module", autouse=True)
def prerequisites() -> None:
    if os.geteuid() != 0:
        pytest.skip("the hub test needs root: learners are real Unix users (make hub as root)")
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    if not shutil.which("npm"):
        pytest.skip("npm is not installed (apt-get install nodejs npm): configurable-http-proxy needs it")
    from tests.hubdrive import build_hub_env

    build_hub_env()


def _probe(text: str, tag: str) -> dict[str, Any]:
    line = next((ln for ln in text.splitlines() if ln.startswith(tag + " ")), None)
    assert line, f"no {tag} line in the notebook output: {text[-1500:]}"
    return dict(json.loads(line[len(tag) + 1 :]))


def _single_user_pid(learner: str) -> int:
    for proc in processes_of(unix_user(learner)):
        try:
            if "jupyterhub-singleuser" in " ".join(proc.cmdline()):
                return proc.pid
        except psutil.Error:
            continue
    raise AssertionError(f"no single-user server runs as {unix_user(learner)}")


def _as_learner(learner: str, code: str) -> subprocess.CompletedProcess[str]:
    """Run Python as the learner's Unix user, from the shared course environment."""
    return subprocess.run(
        ["runuser", "-u", unix_user(learner), "--", str(HUB_ENV / "bin" / "python"), "-c", code],
        capture_output=True, text=True, timeout=60, cwd="/",
    )  # fmt: skip


def _run_together(hub: Hub, pages: dict[str, Any], notebook: str, strict: bool) -> dict[str, Any]:
    """Every learner clicks Run All on `notebook` at once; each one's footprint is sampled throughout.

    strict: any error output fails. Otherwise a failed timing claim (ClaimFailed) is recorded, not
    failed: three learners on a 2-vCPU test machine are a heavier load than the claims are built
    for; any other error (a kernel that died, a bind failure, an exception) still fails.
    """
    for name, page in pages.items():
        open_notebook(page, hub, name, notebook)
    with Sampler(list(pages)) as sampler:
        began = time.monotonic()
        for page in pages.values():
            start_run_all(page, notebook)
        states = wait_all_done(pages, notebook, RUN_BUDGET_S)
        wall_s = time.monotonic() - began
    measured: dict[str, Any] = {"wall_s": round(wall_s, 1), "learners": {}}
    for name, page in pages.items():
        page.bring_to_front()
        errors = states[name]["errors"]
        measured.setdefault("claims_failed_under_load", []).extend(e for e in errors if e.startswith("ClaimFailed"))
        if not strict:
            errors = [e for e in errors if not e.startswith("ClaimFailed")]
        assert not errors, f"{name}: error output in {notebook}: {errors}"
        assert states[name]["images"] >= 1, f"{name}: no plot among the outputs of {notebook}"
        page.wait_for_selector(".jp-OutputArea-output img", timeout=30_000)  # rendered, not only produced
        page.screenshot(path=str(ARTIFACTS / f"{name}_{Path(notebook).stem}.png"))
        fp = sampler.footprints[name]
        measured["learners"][name] = {
            "peak_rss_mb": round(fp.peak_rss_mb), "peak_uss_mb": round(fp.peak_uss_mb),
            "peak_processes": fp.peak_processes, "cpu_s": round(fp.cpu_s, 1),
        }  # fmt: skip
        page.evaluate(SHUTDOWN_JS, notebook)  # as a learner closing it: the next notebook starts afresh
    print(f"{notebook}: {json.dumps(measured)}")
    return measured


def _assert_kernels_on_ipc(learner: str) -> None:
    """The learner's kernels talk over Unix sockets: their connection files say ipc, and each listens on
    at most one TCP port (ipykernel's own pipe for forked children's output, bound to port 0 by the OS)
    instead of the five ZeroMQ channel ports of the TCP transport."""
    kernels = [p for p in processes_of(unix_user(learner)) if "ipykernel_launcher" in " ".join(p.cmdline())]
    assert kernels, f"no kernel runs as {unix_user(learner)}"
    for kernel in kernels:
        argv = kernel.cmdline()
        info = json.loads(Path(argv[argv.index("-f") + 1]).read_text())
        assert info["transport"] == "ipc", f"kernel {kernel.pid} uses {info['transport']}"
        listening = [c.laddr for c in kernel.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
        assert len(listening) <= 1, f"kernel {kernel.pid} listens on {listening}"


def _assert_nothing_left(hub: Hub, uids: list[int], run_id: str) -> None:
    stop_hub(hub)
    left = [p for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real in uids]
    assert not left, f"learner processes outlived the hub: {[(p.pid, p.name()) for p in left]}"
    assert not processes_of_run(run_id), "processes of the rehearsal outlived the hub (proxy? kernels?)"
    for learner in hub.learners:
        with pytest.raises(KeyError):
            pwd.getpwnam(unix_user(learner))
    assert not (hub.state / "settings.json").exists()


@pytest.mark.timeout(420)
def test_hub_smoke_a_learner_logs_in_and_a_kernel_starts_a_lab_server_as_that_user(tmp_path: Path) -> None:
    uids: list[int] = []
    with running_hub(tmp_path / "state", learners=1) as hub, browser() as chromium:
        run_id = hub.settings()["run_id"]
        learner = hub.learners[0]
        uids.append(pwd.getpwnam(unix_user(learner)).pw_uid)
        page = log_in(chromium, hub, learner)
        assert page.locator(".jp-Dialog").count() == 0, "a dialog (news prompt?) is in the way after login"
        single_user = _single_user_pid(learner)

        probe = write_notebook(learner, "hub_probe.ipynb", [START_SERVER, 'srv.link("/docs")', 'srv.link("/info")'])
        open_notebook(page, hub, learner, probe)
        start_run_all(page, probe)
        state = wait_done(page, probe, 120)
        assert not state["errors"], state["errors"]
        server = _probe(output_text(page, probe), "PROBE")
        owner = psutil.Process(server["pid"]).username()
        assert owner == unix_user(learner), f"the lab server runs as {owner}, not the learner's Unix user"
        assert psutil.Process(server["pid"]).environ().get("SERVERLAB_HUB_RUN") == run_id
        # Links a learner can click: through the hub, the learner's server, its proxy, to the lab server.
        kernel_side = _probe(output_text(page, probe), "LINK")
        assert kernel_side["href"] == f"/user/{learner}/proxy/127.0.0.1:{server['port']}/info", kernel_side
        assert kernel_side["status"] == 200 and kernel_side["pid"] == server["pid"], kernel_side
        docs = linkclick.click_link(page, "/docs")
        linkclick.check_docs_tab(docs, f"/user/{learner}/", server["port"])
        linkclick.check_info_tab(linkclick.click_link(page, "/info"), server["pid"])
        docs.close()
        _assert_kernels_on_ipc(learner)

        writable = _as_learner(learner, f"import os; print(os.access({str(HUB_ENV / 'lib')!r}, os.W_OK))")
        assert writable.stdout.strip() == "False", f"the shared environment is writable by a learner: {writable}"

        # The learner's own clean-up, from a kernel (as from a terminal): their other server and
        # their single-user server survive it; the cell's own reset stops only its own server.
        cleanup = write_notebook(learner, "hub_cleanup.ipynb", [CLEANUP, RESET])
        open_notebook(page, hub, learner, cleanup)
        start_run_all(page, cleanup)
        state = wait_done(page, cleanup, 240)
        assert not state["errors"], state["errors"]
        done = _probe(output_text(page, cleanup), "CLEANUP")
        assert done["cleanup_rc"] == 0 and done["clean_rc"] == 0, done["log"]
        assert psutil.pid_exists(single_user), f"make clean stopped the learner's own single-user server: {done}"
        assert "left JupyterLab server on port" in done["log"], f"make clean did not say why it spared it: {done}"
        assert psutil.pid_exists(server["pid"]), "the learner's clean-up killed a server of their live kernel"
        assert not psutil.pid_exists(done["own"]) or psutil.Process(done["own"]).status() == psutil.STATUS_ZOMBIE
    _assert_nothing_left(hub, uids, run_id)


CLASS_NOTEBOOKS = [
    "notebooks/02_event_loop.ipynb",
    "notebooks/04_uvicorn_workers.ipynb",
    "notebooks/06_choosing_a_deployment.ipynb",
]
RUN_BUDGET_S = 900


@pytest.mark.soak
@pytest.mark.timeout(3600)
def test_class_of_three_runs_02_04_06_at_once_through_the_hub(tmp_path: Path) -> None:
    """Three learners run each notebook at the same moment; measured footprint, isolation, clean-up, stop."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    uids: list[int] = []
    report: dict[str, Any] = {"cores": os.cpu_count(), "notebooks": {}}
    with running_hub(tmp_path / "state", learners=3) as hub, browser() as chromium:
        run_id = hub.settings()["run_id"]
        uids += [pwd.getpwnam(unix_user(name)).pw_uid for name in hub.learners]
        pages = {name: log_in(chromium, hub, name) for name in hub.learners}
        for notebook in CLASS_NOTEBOOKS:  # 02 must pass outright; 04 and 06 are measured
            report["notebooks"][notebook] = _run_together(hub, pages, notebook, strict="/02_" in notebook)

        # Every learner starts a lab server from a kernel: it runs as that learner's Unix user.
        probes: dict[str, dict[str, Any]] = {}
        for name, page in pages.items():
            probe = write_notebook(name, "hub_probe.ipynb", [START_SERVER])
            open_notebook(page, hub, name, probe)
            start_run_all(page, probe)
            assert not wait_done(page, probe, 120)["errors"]
            probes[name] = _probe(output_text(page, probe), "PROBE")
            assert psutil.Process(probes[name]["pid"]).username() == unix_user(name)
        assert len({p["port"] for p in probes.values()}) == len(probes), f"two learners share a port: {probes}"

        # Measured: can learner A open a TCP connection to learner B's lab server on 127.0.0.1?
        a, b, _ = hub.learners
        reach = _as_learner(
            a, "import json, urllib.request; print(json.load(urllib.request.urlopen("
            f"'http://127.0.0.1:{probes[b]['port']}/info', timeout=5))['pid'])",
        )  # fmt: skip
        report["a_reaches_b_lab_server"] = reach.returncode == 0 and reach.stdout.strip() == str(probes[b]["pid"])
        print(f"learner A -> learner B's lab server on 127.0.0.1: {report['a_reaches_b_lab_server']} ({reach})")
        assert report["a_reaches_b_lab_server"], "TEACHING.md says learners share one loopback; measured otherwise"

        # Learner B's clean-up (cleanup module, make clean, reset cell) leaves learner A's servers alive.
        single_user_b = _single_user_pid(b)
        cleanup = write_notebook(b, "hub_cleanup.ipynb", [CLEANUP, RESET])
        open_notebook(pages[b], hub, b, cleanup)
        start_run_all(pages[b], cleanup)
        assert not wait_done(pages[b], cleanup, 240)["errors"]
        done = _probe(output_text(pages[b], cleanup), "CLEANUP")
        assert done["cleanup_rc"] == 0 and done["clean_rc"] == 0, done["log"]
        assert psutil.pid_exists(probes[a]["pid"]), "learner B's clean-up killed learner A's lab server"
        assert psutil.pid_exists(single_user_b), "make clean stopped learner B's own single-user server"
    _assert_nothing_left(hub, uids, run_id)
    (ARTIFACTS / "footprint.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
