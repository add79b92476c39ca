"""One-time JupyterLab settings for the course, and stopping lab servers left running.

    python -m helpers.cli.labsetup              # write the course's JupyterLab overrides
    python -m helpers.cli.labsetup --launch     # start JupyterLab on 127.0.0.1 at notebook 00 (make lab)
    python -m helpers.cli.labsetup --launch-ko  # the Korean edition, Korean interface and kernel (make lab-ko)
    python -m helpers.cli.labsetup --stop-labs  # stop JupyterLab servers of this environment (not your own)

The overrides answer the "fetch Jupyter news?" prompt (never) so that nothing needs a click
before Run All, and stop the update check, which would try to reach the internet. pip installs
the same settings with the package (jupyter-settings/overrides.json), so this step only repairs.

--stop-labs spares the JupyterLab it runs inside (`make clean` from a JupyterLab terminal or a
cell) and every server a JupyterHub manages: on a hub, stopping the learner's single-user
server from inside it would cut the learner off; the hub stops those.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
from jupyter_core.paths import jupyter_runtime_dir

from helpers._plumbing.deadline import Deadline
from helpers._plumbing.kernel_ipc import kernel_transport_args
from helpers.commands import PROJECT_ROOT

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def overrides_path() -> Path:
    return Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def write_overrides() -> Path:
    path = overrides_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(path.read_text()) if path.exists() else {}
    current.update(OVERRIDES)
    path.write_text(json.dumps(current, indent=2) + "\n")
    return path


def stop_labs() -> int:
    """Stop this user's Jupyter servers that this Python knows of, except the spared ones (`spared_because`).

    Through ``python -m jupyter_server`` of the Python running this, not a ``jupyter`` next to it: on a
    hub the course's Python may be a conda or system one whose scripts live elsewhere."""
    if importlib.util.find_spec("jupyter_server") is None:
        print(f"no Jupyter server package in {sys.executable}: no JupyterLab of this environment to stop")
        return 0
    server = [sys.executable, "-m", "jupyter_server"]
    listing = subprocess.run([*server, "list", "--json"], capture_output=True, text=True, timeout=30)
    if listing.returncode != 0:
        print(f"could not list the Jupyter servers: {listing.stderr.strip()[-500:]}", file=sys.stderr)
        return 1
    found = [json.loads(line) for line in listing.stdout.splitlines() if line.strip().startswith("{")]
    stopped = 0
    for info in found:
        reason = spared_because(int(info.get("pid", 0)))
        if reason:
            print(f"left JupyterLab server on port {info['port']} running: {reason}")
            continue
        subprocess.run([*server, "stop", str(info["port"])], capture_output=True, timeout=30)
        stopped += 1
    print(f"stopped {stopped} JupyterLab server(s)")
    return 0


def spared_because(pid: int) -> str | None:
    """Why a listed server must keep running: we run inside it, or a JupyterHub manages it."""
    try:
        ancestors = {p.pid for p in psutil.Process().parents()}
        if pid in ancestors:
            return "this command runs inside it (a terminal or a cell of that JupyterLab)"
        if "JUPYTERHUB_API_TOKEN" in psutil.Process(pid).environ():
            return "a JupyterHub started it (a learner's single-user server; the hub stops it)"
    except (psutil.Error, OSError):
        return None
    return None


FIRST_NOTEBOOK = "notebooks/00_start_here.ipynb"
# The Korean edition (notebooks/ko/): a kernel whose SERVERLAB_LANG=ko makes helpers/i18n print Korean lines.
KOREAN_KERNEL = "serverlab-ko"
KOREAN_FIRST_NOTEBOOK = "notebooks/ko/00_start_here.ipynb"


def install_korean_kernel() -> Path:
    """The `serverlab-ko` kernelspec in this environment: this Python's ipykernel with SERVERLAB_LANG=ko."""
    folder = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KOREAN_KERNEL
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (serverlab 한국어)", "language": "python",
        "env": {"SERVERLAB_LANG": "ko"}, "metadata": {"debugger": True},
    }  # fmt: skip
    (folder / "kernel.json").write_text(json.dumps(spec, ensure_ascii=False, indent=1) + "\n")
    return folder


def korean_lab_args() -> list[str]:
    """JupyterLab options for the Korean edition: Korean interface (language pack), serverlab-ko kernel.

    The interface language is a user setting; a settings folder of its own keeps `make lab` English."""
    settings = Path(sys.prefix) / "share" / "jupyter" / "lab" / "serverlab-ko-user-settings"
    plugin = settings / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    plugin.parent.mkdir(parents=True, exist_ok=True)
    plugin.write_text(json.dumps({"locale": "ko_KR"}) + "\n")
    # Only the Korean kernel: the notebooks name python3 (the team's standard), so JupyterLab picks the one
    # kernel of their language, serverlab-ko, and no notebook of this lab runs without SERVERLAB_LANG=ko.
    return [
        f"--LabApp.user_settings_dir={settings}",
        f"--MappingKernelManager.default_kernel_name={KOREAN_KERNEL}",
        f"--KernelSpecManager.allowed_kernelspecs={KOREAN_KERNEL}",
    ]


def launch(korean: bool = False) -> int:
    """Start JupyterLab on 127.0.0.1 with a fresh token, and print the URL of notebook 00.

    The port is 0: the OS picks it as JupyterLab binds, so no other program can take it in
    between (a port picked first and bound later can be lost, and JupyterLab would then move to
    another port and the printed URL would be wrong). The port is known once JupyterLab writes
    its info file; this process prints the URL then, and waits. Ctrl-C reaches JupyterLab
    itself (one process group), which asks to confirm as usual.
    """
    token = secrets.token_hex(24)
    jupyter = str(Path(sys.prefix) / "bin" / "jupyter")
    first = KOREAN_FIRST_NOTEBOOK if korean else FIRST_NOTEBOOK
    argv = [
        jupyter, "lab", f"--ServerApp.root_dir={PROJECT_ROOT}", "--ServerApp.ip=127.0.0.1", "--ServerApp.port=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.default_url=/lab/tree/{first}",
    ]  # fmt: skip
    if korean:
        install_korean_kernel()
        argv += korean_lab_args()
    # Kernels over Unix sockets where the paths fit: they take no TCP port from the shared range.
    argv += kernel_transport_args(Path(jupyter_runtime_dir()))
    if os.geteuid() == 0:  # containers and CI run as root; JupyterLab refuses that unless told
        argv.append("--allow-root")
    lab = subprocess.Popen(argv)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # JupyterLab handles Ctrl-C; we wait for it to end
    signal.signal(signal.SIGTERM, lambda *_: lab.terminate())
    info = _info_file_of(lab, timeout_s=120)
    if info is not None:
        url = f"http://127.0.0.1:{info['port']}/lab/tree/{first}?token={token}"
        print(f"\n  serverlab: open the course at\n\n    {url}\n\n  (Ctrl-C twice here stops JupyterLab)\n", flush=True)
    return lab.wait()


def _info_file_of(lab: subprocess.Popen[bytes], timeout_s: float) -> dict[str, object] | None:
    """JupyterLab's jpserver-<pid>.json once written (it says the port), or None if JupyterLab ended first."""
    info = Path(jupyter_runtime_dir()) / f"jpserver-{lab.pid}.json"
    started, deadline = time.time(), Deadline(timeout_s)
    while lab.poll() is None and deadline.running():
        try:
            if info.stat().st_mtime >= started - 1:  # not a file left by an earlier process of the same pid
                return dict(json.loads(info.read_text()))
        except (OSError, ValueError):  # not written yet, or half written
            pass
        time.sleep(0.2)
    if lab.poll() is None:
        print(f"serverlab: JupyterLab wrote no {info} in {timeout_s:.0f} s; its own log above says why", flush=True)
    return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stop-labs", action="store_true")
    parser.add_argument("--launch", action="store_true")
    parser.add_argument("--launch-ko", action="store_true")
    args = parser.parse_args()
    if args.stop_labs:
        return stop_labs()
    if args.launch or args.launch_ko:
        return launch(korean=args.launch_ko)
    print(f"JupyterLab overrides written to {write_overrides()}")
    print(f"Korean edition's kernel ({KOREAN_KERNEL}) written to {install_korean_kernel()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
