"""The course on a real JupyterHub, started as `make hub` starts it, learners logged in with Playwright.

The hub runs the class configuration a teacher deploys (deploy/jupyterhub_config.d/serverlab.py):
NativeAuthenticator with the class list, the teacher as the one admin, the course pulled by nbgitpuller
from a git URL (this checkout, served by `git daemon` on 127.0.0.1) into ~/serverlab, landing in 00.
Needs root (learners are real Unix users `jupyter-<name>`, created and removed by the hub command),
Debian's Chromium, node/npm (configurable-http-proxy). The smoke test runs in `make test`; the class
soak (3 learners running every notebook, 00 to 08 and the primer, at once, measured) runs in `make soak`.

Teacher operations rehearsed by the smoke test (the commands deploy/README.md gives, for TLJH):
  - a name not on the class list cannot sign up, and is refused at login; nobody can sign up as the teacher;
  - watch the class: the teacher logs in and opens {hub}/hub/admin (servers, "Start All", "Stop All");
  - push a fix to all: commit and `git push` to the course repository; each learner opens the class link
    again (or restarts their server: the default URL is the same git-pull), nbgitpuller merges the fix and
    keeps their own edits;
  - reset one learner's copy: `sudo mv /home/jupyter-NAME/serverlab /home/jupyter-NAME/serverlab.reset-$(date
    +%Y%m%d-%H%M%S)`, then the learner opens the class link: a fresh clone (the old copy stays, renamed).

test-artifacts/hub/footprint.json, written by the soak after each notebook (deploy/README's sizing table
derives from it), has this shape (memory in MiB, CPU in seconds):
  {"cores": 2, "learners": 3, "jupyterhub": "5.5.4", "sampling_interval_s": 0.5,
   "notebooks": {"02_event_loop.ipynb": {
       "wall_s": 181.2, "held": 36, "inconclusive": 0,            # claims, summed over the learners
       "learners": {"learner1": {"peak_rss_mb": 612, "peak_uss_mb": 455, "cpu_s": 41.3, "peak_threads": 96,
                                 "peak_processes": 9, "held": 12, "inconclusive": 0}, ...}}, ...},
   "peak": {"peak_rss_mb": ..., "peak_uss_mb": ..., "cpu_s": ..., "peak_threads": ..., "peak_processes": ...},
   "a_reaches_b_lab_server": true}
A learner's footprint is every process of their Unix user (single-user server, kernels, lab servers),
sampled every 0.5 s while the notebook runs: peaks of the summed RSS, USS, threads and processes; CPU
seconds used during the run. "peak" is the maximum of each field over notebooks and learners.
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
    PASSWORD,
    ROOT,
    Hub,
    Sampler,
    browser,
    count_verdicts,
    log_in,
    open_notebook,
    output_text,
    processes_of,
    running_hub,
    sign_up,
    start_run_all,
    stop_hub,
    submit_login,
    unix_user,
    wait_all_done,
    wait_done,
    wait_first_notebook,
    write_notebook,
)
from tests.notebooks.test_browser import CHROMIUM, SHUTDOWN_JS

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


def _plots(notebook: str) -> bool:
    """Whether the course notebook draws a figure (calls the plots helpers or matplotlib)."""
    cells = json.loads((ROOT / "notebooks" / Path(notebook).name).read_text())["cells"]
    return any(
        ("plots." in "".join(c["source"]) or "plt." in "".join(c["source"])) for c in cells if c["cell_type"] == "code"
    )


def _run_together(hub: Hub, pages: dict[str, Any], notebook: str) -> dict[str, Any]:
    """Every learner clicks Run All on `notebook` at once; each one's footprint is sampled throughout.

    Any error output fails, a ClaimFailed included: in a class a red cell stops Run All with a traceback.
    Under load a claim may say "… inconclusive" with the measured reason instead; both are counted."""
    for name, page in pages.items():
        open_notebook(page, hub, name, notebook)
    with Sampler(list(pages)) as sampler:
        began = time.monotonic()
        for page in pages.values():
            start_run_all(page, notebook)
        states = wait_all_done(pages, notebook, RUN_BUDGET_S)
        wall_s = time.monotonic() - began
    measured: dict[str, Any] = {"wall_s": round(wall_s, 1), "held": 0, "inconclusive": 0, "learners": {}}
    failures = []
    for name, page in pages.items():
        page.bring_to_front()
        verdicts = count_verdicts(output_text(page, notebook))
        fp = sampler.footprints[name]
        measured["learners"][name] = {
            "peak_rss_mb": round(fp.peak_rss_mb), "peak_uss_mb": round(fp.peak_uss_mb), "cpu_s": round(fp.cpu_s, 1),
            "peak_threads": fp.peak_threads, "peak_processes": fp.peak_processes, **verdicts,
        }  # fmt: skip
        measured["held"] += verdicts["held"]
        measured["inconclusive"] += verdicts["inconclusive"]
        if states[name]["errors"]:
            failures.append(f"{name}: {states[name]['errors']}")
            continue
        if _plots(notebook):  # 00 draws nothing; every other notebook must show its plots
            assert states[name]["images"] >= 1, f"{name}: no plot among the outputs of {notebook}"
            page.wait_for_selector(".jp-OutputArea-output img", timeout=30_000)  # rendered, not only produced
        page.screenshot(path=str(ARTIFACTS / f"{name}_{Path(notebook).stem}.png"))
        page.evaluate(SHUTDOWN_JS, notebook)  # as a learner closing it: the next notebook starts afresh
    print(f"{notebook}: {json.dumps(measured)}")
    assert not failures, f"error output in {notebook} under a class of {len(pages)}: {failures}"
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
    for learner in [*hub.learners, TEACHER]:
        with pytest.raises(KeyError):
            pwd.getpwnam(unix_user(learner))
    assert not (hub.state / "settings.json").exists()


def _home(learner: str) -> Path:
    return Path(pwd.getpwnam(unix_user(learner)).pw_dir)


def _class_link(hub: Hub) -> str:
    from hub.__main__ import class_link
    from hub.settings import HubSettings

    return class_link(HubSettings(**hub.settings()))


def _git_as(learner: str, *args: str) -> str:
    done = subprocess.run(
        ["runuser", "-u", unix_user(learner), "--", "git", "-C", str(_home(learner) / "serverlab"), *args],
        capture_output=True, text=True, timeout=60, cwd="/",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _open_class_link(page: Any, hub: Hub) -> None:
    """The learner opens the link the teacher handed out: nbgitpuller pulls, then notebook 00 opens."""
    page.goto(_class_link(hub))
    page.wait_for_url("**/lab/tree/serverlab/**", timeout=120_000)
    page.wait_for_function("() => !!window.jupyterapp && window.jupyterapp.started", timeout=120_000)
    wait_first_notebook(page)


def _assert_refused(chromium: Any, hub: Hub, name: str) -> None:
    """Sign-up refused, and login refused: the hub's login page again, with its error."""
    message = sign_up(chromium, hub, name)
    assert "successful" not in message, f"{name} could sign up: {message!r}"
    page = chromium.new_context().new_page()
    try:
        submit_login(page, hub, name, PASSWORD)
        page.wait_for_selector(".login_error", timeout=30_000)
        assert "/hub/login" in page.url, page.url
    finally:
        page.context.close()


TEACHER = "teacher"


def _push_a_fix(hub: Hub, workdir: Path) -> str:
    """The teacher's fix: clone the course repository, commit a file, push (as to GitHub on a real hub)."""
    mirror = hub.state / "git" / "serverlab.git"
    ident = ["-c", "user.name=teacher", "-c", "user.email=teacher@serverlab.invalid", "-c", "safe.directory=*"]
    subprocess.run(["git", *ident, "clone", "--quiet", str(mirror), str(workdir)], check=True, timeout=60)
    (workdir / "notebooks" / "FIX_FROM_TEACHER.md").write_text("A fix pushed to the class.\n")
    subprocess.run(["git", *ident, "-C", str(workdir), "add", "notebooks/FIX_FROM_TEACHER.md"], check=True)
    subprocess.run(["git", *ident, "-C", str(workdir), "commit", "--quiet", "-m", "fix"], check=True, timeout=60)
    subprocess.run(
        ["git", *ident, "-C", str(workdir), "push", "--quiet", "origin", "HEAD:main"], check=True, timeout=60
    )
    return "notebooks/FIX_FROM_TEACHER.md"


@pytest.mark.timeout(600)
def test_hub_smoke_a_learner_logs_in_and_a_kernel_starts_a_lab_server_as_that_user(tmp_path: Path) -> None:
    uids: list[int] = []
    with running_hub(tmp_path / "state", learners=1) as hub, browser() as chromium:
        settings = hub.settings()
        run_id = settings["run_id"]
        learner = hub.learners[0]
        uids += [pwd.getpwnam(unix_user(name)).pw_uid for name in (learner, TEACHER)]
        # Signed up (class list), logged in, landed in notebook 00 of the copy nbgitpuller cloned.
        page = log_in(chromium, hub, learner)
        wait_first_notebook(page)
        assert page.locator(".jp-Dialog").count() == 0, "a dialog (news prompt?) is in the way after login"
        assert _git_as(learner, "remote", "get-url", "origin") == settings["course_repo"]
        assert _home(learner).stat().st_mode & 0o777 == 0o700, "the learner's home is readable by others"
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

        # Not on the class list: refused. Nobody signs up as the teacher (the admin is seeded, not claimed).
        _assert_refused(chromium, hub, "intruder")
        _assert_refused(chromium, hub, TEACHER)

        # Watch the class: the teacher's admin page lists the learner and their running server.
        watch = chromium.new_context().new_page()
        submit_login(watch, hub, TEACHER, settings["teacher_password"], next_url="/hub/admin")
        watch.wait_for_url("**/hub/admin**", timeout=60_000)
        watch.get_by_text(learner, exact=True).first.wait_for(timeout=60_000)
        watch.context.close()

        # Push a fix to all: the learner opens the class link again; the fix arrives, their own work stays.
        mine = _home(learner) / probe  # serverlab/notebooks/hub_probe.ipynb
        fix = _push_a_fix(hub, tmp_path / "teacher-clone")
        _open_class_link(page, hub)
        assert (_home(learner) / "serverlab" / fix).exists(), "nbgitpuller did not bring the pushed fix"
        assert mine.exists(), "the pull lost the learner's own notebook"

        # Reset one learner's copy (deploy/README's command), then the class link: a fresh clone.
        stamp = time.strftime("%Y%m%d-%H%M%S")
        reset = subprocess.run(
            ["bash", "-c", f"mv ~{unix_user(learner)}/serverlab ~{unix_user(learner)}/serverlab.reset-{stamp}"],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        assert reset.returncode == 0, reset.stderr
        _open_class_link(page, hub)
        assert not mine.exists() and (_home(learner) / "serverlab" / fix).exists(), "not a fresh copy after reset"
        old_copy = _home(learner) / f"serverlab.reset-{stamp}" / Path(probe).relative_to("serverlab")
        assert old_copy.exists(), "the reset lost the old copy"
    _assert_nothing_left(hub, uids, run_id)


def test_hub_stop_acts_only_on_its_own_settings_and_its_own_process(tmp_path: Path) -> None:
    """Root runs `make hub-stop`: a recorded PID now used by another process is not signalled, and a
    settings file someone else owns (a learner could write one) is refused, not read or deleted."""
    from hub.settings import HubSettings

    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    other = subprocess.Popen(["sleep", "120"])
    try:
        settings = HubSettings(
            run_id=f"test-{os.urandom(4).hex()}", state_dir=str(state), port=1, hub_port=1, proxy_api_port=1,
            password="", learners=[], isolated=True, prefix="", proxy_command="", course_root="", pid=other.pid,
            pid_started=psutil.Process(other.pid).create_time() - 60,  # the hub command was another process
        )  # fmt: skip
        settings.save()
        stop = [str(HUB_ENV / "bin" / "python"), "-m", "hub", "stop", f"--state={state}"]
        done = subprocess.run(stop, cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert other.poll() is None, "hub stop signalled a PID that is no longer the hub command"
        assert not settings.path.exists(), "the stale settings were not cleaned up"

        settings.pid_started = psutil.Process(other.pid).create_time()
        settings.save()
        os.chown(settings.path, pwd.getpwnam("nobody").pw_uid, -1)
        done = subprocess.run(stop, cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert done.returncode != 0 and "refusing" in done.stderr, done
        assert other.poll() is None and settings.path.exists(), "hub stop acted on settings it does not own"
    finally:
        other.kill()
        other.wait()


@pytest.mark.timeout(300)
def test_hub_workshop_option_one_shared_password_for_the_class_list(tmp_path: Path) -> None:
    """SERVERLAB_SIGN_IN=shared-password (`make hub SIGN_IN=shared-password`): no sign-up, the class list
    logs in with the class password and lands in 00 of the pulled copy; a name not on the list is refused."""
    uids: list[int] = []
    with running_hub(tmp_path / "state", learners=1, sign_in="shared-password") as hub, browser() as chromium:
        run_id = hub.settings()["run_id"]
        learner = hub.learners[0]
        uids += [pwd.getpwnam(unix_user(name)).pw_uid for name in (learner, TEACHER)]
        page = log_in(chromium, hub, learner, sign_up_first=False)
        wait_first_notebook(page)
        refused = chromium.new_context().new_page()
        submit_login(refused, hub, "intruder", PASSWORD)
        refused.wait_for_selector(".login_error", timeout=30_000)
        assert "/hub/login" in refused.url, refused.url
    _assert_nothing_left(hub, uids, run_id)


# Every course notebook in course order (00 through 08, then the primer): the footprint covers them all.
CLASS_NOTEBOOKS = [
    f"serverlab/notebooks/{path.name}" for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
]
RUN_BUDGET_S = 900


def _peaks(notebooks: dict[str, Any]) -> dict[str, float]:
    fields = ("peak_rss_mb", "peak_uss_mb", "cpu_s", "peak_threads", "peak_processes")
    rows = [row for nb in notebooks.values() for row in nb["learners"].values()]
    return {key: max((row[key] for row in rows), default=0) for key in fields}


@pytest.mark.soak
@pytest.mark.timeout(3 * 3600)
def test_class_of_three_runs_every_notebook_at_once_through_the_hub(tmp_path: Path) -> None:
    """Three learners run each notebook at the same moment; no red cell; footprint, isolation, clean-up, stop."""
    from jupyterhub import __version__ as jupyterhub_version

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    uids: list[int] = []
    report: dict[str, Any] = {
        "cores": os.cpu_count(), "learners": 3, "jupyterhub": jupyterhub_version, "sampling_interval_s": 0.5,
        "notebooks": {},
    }  # fmt: skip
    with running_hub(tmp_path / "state", learners=3) as hub, browser() as chromium:
        run_id = hub.settings()["run_id"]
        uids += [pwd.getpwnam(unix_user(name)).pw_uid for name in [*hub.learners, TEACHER]]
        pages = {name: log_in(chromium, hub, name) for name in hub.learners}
        for notebook in CLASS_NOTEBOOKS:
            report["notebooks"][Path(notebook).name] = _run_together(hub, pages, notebook)
            report["peak"] = _peaks(report["notebooks"])
            (ARTIFACTS / "footprint.json").write_text(json.dumps(report, indent=2) + "\n")

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
