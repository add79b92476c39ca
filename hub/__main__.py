"""`make hub` / `make hub-stop`: start or stop the rehearsal JupyterHub.

python -m hub start [--learners 3] [--port 8000] [--password PW] [--sign-in native|shared-password]
python -m hub stop
python -m hub status               # exit 0 and print the URL while a rehearsal hub runs
python -m hub publish              # push a fix to all: the checkout's files to the course repository

The hub runs the class configuration a teacher deploys (deploy/jupyterhub_config.d/serverlab.py):
NativeAuthenticator with the learners on the class list, the teacher as the one admin, and the course
pulled by nbgitpuller into ~/serverlab from a git URL, here this checkout served on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil

from helpers._plumbing.deadline import Deadline, poll_until
from hub import accounts, course
from hub.settings import DEFAULT_STATE, HUB_RUN_VAR, ROOT, SETTINGS_VAR, HubSettings, check_ours, unix_name

CONFIG = Path(__file__).resolve().parent / "jupyterhub_config.py"
CLASS_CONFIG = Path("deploy") / "jupyterhub_config.d" / "serverlab.py"
PROXY_HELP = "make hub installs it (npm ci of hub/proxy/package-lock.json into <hub env>/chp; needs node and npm)"


def proxy_command(prefix: Path) -> str:
    """configurable-http-proxy as installed by `make hub` into the environment, else from PATH."""
    local = prefix / "chp" / "node_modules" / ".bin" / "configurable-http-proxy"
    found = str(local) if local.exists() else shutil.which("configurable-http-proxy")
    if not found:
        raise SystemExit(f"configurable-http-proxy is not installed: {PROXY_HELP}")
    return found


def port_or_free(wanted: int) -> int:
    """The wanted port if nobody listens on it, else one the OS picks (the hub binds it a moment later)."""
    for port in (wanted, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise SystemExit("no free port on 127.0.0.1")


def running(state: Path) -> HubSettings | None:
    path = state / "settings.json"
    if not path.exists():
        return None
    settings = HubSettings.load(path)
    return settings if settings.command_alive() else None


def class_link(settings: HubSettings) -> str:
    """The link a teacher hands out (deploy/README): nbgitpuller through the hub's user-redirect."""
    from urllib.parse import quote, urlencode

    query = {
        "repo": settings.course_repo, "branch": course.BRANCH, "targetpath": "serverlab",
        "urlpath": "lab/tree/serverlab/notebooks/00_start_here.ipynb",
    }  # fmt: skip
    return f"{settings.url}/hub/user-redirect/git-pull?{urlencode(query, quote_via=quote, safe='')}"


def class_environment(settings: HubSettings) -> dict[str, str]:
    """The class config's settings (deploy/jupyterhub_config.d/serverlab.py), as a teacher sets them."""
    import bcrypt

    hashed = bcrypt.hashpw(settings.teacher_password.encode(), bcrypt.gensalt()).decode()
    return {
        "SERVERLAB_CLASS": ",".join(settings.learners), "SERVERLAB_TEACHER": settings.teacher,
        "SERVERLAB_TEACHER_PASSWORD_HASH": hashed, "SERVERLAB_TEACHER_PASSWORD": settings.teacher_password,
        "SERVERLAB_SIGN_IN": settings.sign_in, "SERVERLAB_SHARED_PASSWORD": settings.password,
        "SERVERLAB_COURSE_REPO": settings.course_repo, "SERVERLAB_COURSE_BRANCH": course.BRANCH,
    }  # fmt: skip


def start(args: argparse.Namespace) -> int:
    state = Path(args.state).resolve()
    if (live := running(state)) is not None:
        raise SystemExit(f"a rehearsal hub already runs at {live.url} (pid {live.pid}): make hub-stop first")
    if (state / "settings.json").exists():
        teardown(HubSettings.load(state / "settings.json"))  # a previous rehearsal died: finish its clean-up
    state.mkdir(parents=True, exist_ok=True)
    check_ours(state)
    os.chmod(state, 0o700)
    prefix = Path(sys.prefix)
    course_root = Path(args.course).resolve()
    class_config = course_root / CLASS_CONFIG
    if not class_config.is_file():
        raise SystemExit(f"no class configuration at {class_config}: --course must be a serverlab checkout")
    isolated = os.geteuid() == 0
    learners = [f"learner{i}" for i in range(1, args.learners + 1)]
    settings = HubSettings(
        run_id=f"{os.getpid()}-{secrets.token_hex(5)}", state_dir=str(state), port=port_or_free(args.port),
        hub_port=port_or_free(0), proxy_api_port=port_or_free(0), password=args.password or secrets.token_urlsafe(9),
        learners=learners, isolated=isolated, prefix=str(prefix), proxy_command=proxy_command(prefix),
        course_root=str(course_root), class_config=str(class_config), sign_in=args.sign_in,
        teacher_password=secrets.token_urlsafe(24), spawner_args=list(args.spawner_arg or []), pid=os.getpid(),
        pid_started=psutil.Process().create_time(),
    )  # fmt: skip
    settings.save()
    stopping = False

    def stop_on_signal(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    hub: subprocess.Popen[bytes] | None = None
    try:
        if isolated:
            for learner in [*learners, settings.teacher]:  # the teacher has a server too (TLJH makes one)
                name = unix_name(learner, isolated)
                if accounts.exists(name):
                    raise SystemExit(f"Unix user {name} exists and is not ours: remove it or pick other names")
                settings.created_users.append(name)
                settings.save()  # recorded before it exists: a crash in between still removes it
                accounts.create(name)
        log = state / "jupyterhub.log"
        env = {**os.environ, SETTINGS_VAR: str(settings.path), HUB_RUN_VAR: settings.run_id}
        env["PATH"] = f"{prefix / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}"
        git_port = port_or_free(0)
        course.publish(course_root, state / "git")
        course.serve(state / "git", git_port, env, state / "git-daemon.log")
        settings.course_repo = course.url(git_port)
        settings.save()
        env.update(class_environment(settings))
        with open(log, "ab") as out:
            hub = subprocess.Popen(
                [str(prefix / "bin" / "jupyterhub"), "-f", str(CONFIG)], cwd=state, env=env, stdout=out,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        wait_ready(settings, hub, log)
        announce(settings, log)
        while not stopping and hub.poll() is None:
            time.sleep(0.3)
        if hub.poll() is not None and not stopping:
            print(f"JupyterHub exited ({hub.returncode}); last lines of {log}:\n{tail(log)}", file=sys.stderr)
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        print("\nserverlab hub: stopping the hub, the proxy, every learner's server ...", flush=True)
        teardown(settings, hub)
    return 0


def wait_ready(settings: HubSettings, hub: subprocess.Popen[bytes], log: Path, timeout_s: float = 90.0) -> None:
    import httpx

    deadline = Deadline(timeout_s)
    while deadline.running():
        if hub.poll() is not None:
            raise SystemExit(f"JupyterHub exited at start ({hub.returncode}); last lines of {log}:\n{tail(log)}")
        try:
            if httpx.get(f"{settings.url}/hub/api/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"JupyterHub did not answer at {settings.url} in {timeout_s:.0f} s; last lines:\n{tail(log)}")


def announce(settings: HubSettings, log: Path) -> None:
    names = ", ".join(settings.learners)
    if settings.sign_in == "native":
        login = (
            f"learners: {names}: each signs up once at {settings.url}/hub/signup (their name, a password of\n"
            f"  their own; names not on the class list are refused), then opens the class link.\n"
            f"  teacher: {settings.teacher} / {settings.teacher_password}   (admin page: {settings.url}/hub/admin)"
        )
    else:
        login = (
            f"learners: {names}\n  password: {settings.password}   (the same for every learner)\n"
            f"  teacher: {settings.teacher} / {settings.teacher_password}   (admin page: {settings.url}/hub/admin)"
        )
    who = (
        "each learner is a real Unix user jupyter-<name> with their own home and copy of the notebooks"
        if settings.isolated
        else "NOT ISOLATED: not root, so every learner runs as you (own home folder and notebooks, same Unix "
        "user): learners can read and stop each other's work. Run as root for one Unix user per learner."
    )
    print(
        f"\n  serverlab rehearsal hub (JupyterHub + configurable-http-proxy) at\n\n    {settings.url}/hub/login\n\n"
        f"  class link (nbgitpuller: clones the course into ~/serverlab, opens notebook 00):\n\n"
        f"    {class_link(settings)}\n\n  {login}\n"
        f"  course repository: {settings.course_repo} (this checkout; `python -m hub publish` pushes a fix)\n"
        f"  {who}\n  log: {log}\n\n  Ctrl-C here or `make hub-stop` stops everything.\n",
        flush=True,
    )


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def teardown(settings: HubSettings, hub: subprocess.Popen[bytes] | None = None) -> None:
    """Stop the hub (it stops the proxy and the learners' servers), kill what is left, remove the accounts."""
    if hub is not None and hub.poll() is None:
        hub.send_signal(signal.SIGTERM)
        try:
            hub.wait(timeout=30)
        except subprocess.TimeoutExpired:
            hub.kill()
            hub.wait()
    left = accounts.kill_and_wait(accounts.processes_of_run(settings.run_id))
    for name in settings.created_users:
        accounts.remove(name)
    if left:
        print(f"serverlab hub: processes still alive: {[p.pid for p in left]}", file=sys.stderr)
    (Path(settings.state_dir) / "jupyterhub.sqlite").unlink(missing_ok=True)  # next rehearsal starts afresh
    shutil.rmtree(Path(settings.state_dir) / "git", ignore_errors=True)  # the course mirror
    settings.path.unlink(missing_ok=True)
    removed = ", learner accounts removed" if settings.created_users else ""
    print(f"serverlab hub: stopped, nothing left running{removed}")


def stop(args: argparse.Namespace) -> int:
    state = Path(args.state).resolve()
    path = state / "settings.json"
    if not path.exists():
        print("serverlab hub: no rehearsal hub to stop")
        return 0
    settings = HubSettings.load(path)  # refused unless ours: root acts on it
    if settings.pid != os.getpid() and settings.command_alive():  # the same process, not a reused PID
        os.kill(settings.pid, signal.SIGTERM)  # the `make hub` terminal cleans up and prints what it did
        poll_until(settings.command_alive, lambda alive: not alive, 60.0, 0.2)
    if path.exists():  # the hub command was killed (or hung): clean up from here
        teardown(settings)
    else:
        print("serverlab hub: stopped")
    return 0


def status(args: argparse.Namespace) -> int:
    live = running(Path(args.state).resolve())
    if live is None:
        print("serverlab hub: not running")
        return 1
    print(f"serverlab hub: running at {live.url}/hub/login (pid {live.pid}), learners {', '.join(live.learners)}")
    return 0


def publish(args: argparse.Namespace) -> int:
    """Push a fix to all: learners get it merged into their copy when they next open the link (or start)."""
    live = running(Path(args.state).resolve())
    if live is None:
        raise SystemExit("serverlab hub: not running (make hub first)")
    commit = course.publish(Path(live.course_root), Path(live.state_dir) / "git", "a fix pushed to the class")
    print(f"serverlab hub: {live.course_repo} main is now {commit[:12]}; learners get it with the class link")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m hub", description="Rehearse a class on a local JupyterHub.")
    sub = parser.add_subparsers(dest="command", required=True)
    begin = sub.add_parser("start", help="start the hub with N learners (Ctrl-C stops it)")
    begin.add_argument("--learners", type=int, default=3)
    begin.add_argument("--port", type=int, default=8000, help="the hub's port (another if taken)")
    begin.add_argument("--password", default="", help="the learners' shared password (default: random)")
    begin.add_argument("--course", default=str(ROOT), help="the checkout whose notebooks learners get")
    begin.add_argument("--spawner-arg", action="append", help="extra argument for each learner's server")
    begin.add_argument("--sign-in", choices=["native", "shared-password"], default="native",
                       help="the class config's SERVERLAB_SIGN_IN (shared-password: the workshop option)")  # fmt: skip
    halt = sub.add_parser("stop", help="stop the hub started by `make hub`")
    push = sub.add_parser("publish", help="push the checkout's files to the course repository (a fix to all)")
    for command in (begin, halt, push, sub.add_parser("status", help="is a rehearsal hub running?")):
        command.add_argument("--state", default=str(DEFAULT_STATE), help="the hub's state folder")
    args = parser.parse_args()
    if args.command == "start":
        if not 1 <= args.learners <= 200:
            parser.error("--learners must be between 1 and 200")
        return start(args)
    return {"stop": stop, "status": status, "publish": publish}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
