"""One-time JupyterLab settings for the course, and stopping lab servers left running.

    python -m helpers.labsetup              # write the course's JupyterLab overrides
    python -m helpers.labsetup --stop-labs  # stop JupyterLab servers of this environment

The overrides answer the "fetch Jupyter news?" prompt (never) so that nothing needs a click
before Run All, and stop the update check, which would try to reach the internet.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

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
    ports = [json.loads(line)["port"] for line in listing.stdout.splitlines() if line.strip().startswith("{")]
    for port in ports:
        subprocess.run([jupyter, "server", "stop", str(port)], capture_output=True, timeout=30)
    print(f"stopped {len(ports)} JupyterLab server(s)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stop-labs", action="store_true")
    args = parser.parse_args()
    if args.stop_labs:
        return stop_labs()
    print(f"JupyterLab overrides written to {write_overrides()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
