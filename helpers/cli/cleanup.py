"""Stop your serverlab lab servers whose kernel is gone (or all of yours with --all).

From a terminal, on your machine or on a JupyterHub (any directory; the course's Python):

    python -m helpers.cli.cleanup          # your servers orphaned by dead kernels only
    python -m helpers.cli.cleanup --all    # every serverlab server of yours, running kernels' included

From a notebook cell: ``%run -m helpers.cli.cleanup`` (or ``!{sys.executable} -m helpers.cli.cleanup``).
``make clean`` runs it with the course's Python (the .venv's, else ``python3``).

Every server carries SERVERLAB_RUN=<kernel pid>-<random>; a server whose kernel PID is no
longer alive has nobody left to stop it. Only this Unix user's processes are touched (root's
own, when run as root: never a learner's), and never the process running this command or any
of its ancestors or their process groups: the terminal, the kernel of the cell, the learner's
JupyterLab or single-user server. A running kernel's servers are left to that kernel (it stops
them itself) unless --all is given. Log folders of dead kernels in the temporary directory
(serverlab-<kernel pid>-<random>, this user's) are removed too.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import stat
import sys
import tempfile
from pathlib import Path

MISSING = (
    "serverlab cleanup: {python} cannot import {module}, so it is not the course's Python; run the cleanup "
    "with the Python that runs the course (a JupyterLab terminal's `python`, or `make clean PYTHON=/path/to/python`)"
)
LOG_FOLDER = re.compile(r"^serverlab-(\d+)-[0-9a-f]+$")  # helpers.servers.LOG_DIR: serverlab-<RUN_TOKEN>


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m helpers.cli.cleanup", description="Stop your serverlab "
                                     "servers that were left behind.")  # fmt: skip
    parser.add_argument("--all", action="store_true", help="also servers of kernels that are still running")
    parser.add_argument("--run", metavar="TOKEN", help="only processes of this kernel run (SERVERLAB_RUN; tests)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        import psutil  # noqa: F401  (the scan below needs it: say so plainly if this Python lacks it)
    except ImportError as missing:
        print(MISSING.format(python=sys.executable, module=missing.name), file=sys.stderr)
        return 2
    from helpers._plumbing import sweeping

    report = sweeping.stop_leftovers(include_live_kernels=args.all, run=args.run)
    folders = remove_dead_log_folders(args.run)
    print(report.summary() + (f"; removed {folders} log folder(s) of dead kernels" if folders else ""))
    return 0 if not report.survivors else 1


def remove_dead_log_folders(run: str | None = None) -> int:
    """This user's serverlab-<kernel pid>-<random> folders in the temporary directory whose kernel is gone."""
    from helpers._plumbing.alive import pid_alive

    removed = 0
    for folder in Path(tempfile.gettempdir()).glob("serverlab-*"):
        match = LOG_FOLDER.match(folder.name)
        if not match or (run is not None and folder.name != f"serverlab-{run}"):
            continue
        try:
            info = os.lstat(folder)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or pid_alive(int(match.group(1))):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed += not folder.exists()
    return removed


if __name__ == "__main__":
    sys.exit(main())
