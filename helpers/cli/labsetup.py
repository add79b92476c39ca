"""One-time JupyterLab settings for the course, and stopping lab servers left running.

    python -m helpers.cli.labsetup              # write the course's JupyterLab overrides
    python -m helpers.cli.labsetup --launch     # start JupyterLab on 127.0.0.1 at notebook 00 (make lab)
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
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import psutil
from jupyter_core.paths import jupyter_runtime_dir

from helpers._plumbing.kernel_ipc import kernel_transport_args
from helpers._plumbing.ports import free_port
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
    jupyter = Path(sys.prefix) / "bin" / "jupyter"
    listing = subprocess.run([jupyter, "server", "list", "--json"], capture_output=True, text=True, timeout=30)
    found = [json.loads(line) for line in listing.stdout.splitlines() if line.strip().startswith("{")]
    stopped = 0
    for server in found:
        reason = spared_because(int(server.get("pid", 0)))
        if reason:
            print(f"left JupyterLab server on port {server['port']} running: {reason}")
            continue
        subprocess.run([jupyter, "server", "stop", str(server["port"])], capture_output=True, timeout=30)
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


def launch() -> int:
    """Exec JupyterLab on a free 127.0.0.1 port with a fresh token, and print the URL of notebook 00.

    JupyterLab prints a URL to its launcher only; a learner on a machine without a desktop
    browser copies the printed URL, so we print one that opens the course's first notebook.
    """
    port, token = free_port(), secrets.token_hex(24)
    url = f"http://127.0.0.1:{port}/lab/tree/{FIRST_NOTEBOOK}?token={token}"
    print(f"\n  serverlab: open the course at\n\n    {url}\n\n  (Ctrl-C twice here stops JupyterLab)\n", flush=True)
    jupyter = str(Path(sys.prefix) / "bin" / "jupyter")
    argv = [
        jupyter, "lab", f"--ServerApp.root_dir={PROJECT_ROOT}", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
        f"--IdentityProvider.token={token}", f"--ServerApp.default_url=/lab/tree/{FIRST_NOTEBOOK}",
    ]  # fmt: skip
    # Kernels over Unix sockets where the paths fit: they take no TCP port from the shared range.
    argv += kernel_transport_args(Path(jupyter_runtime_dir()))
    if os.geteuid() == 0:  # containers and CI run as root; JupyterLab refuses that unless told
        argv.append("--allow-root")
    os.execv(jupyter, argv)
    return 0  # not reached


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stop-labs", action="store_true")
    parser.add_argument("--launch", action="store_true")
    args = parser.parse_args()
    if args.stop_labs:
        return stop_labs()
    if args.launch:
        return launch()
    print(f"JupyterLab overrides written to {write_overrides()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
