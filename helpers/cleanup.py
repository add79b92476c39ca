"""Kill serverlab servers whose kernel is gone (or all of them with --all).

    python -m helpers.cleanup          # servers orphaned by dead kernels only
    python -m helpers.cleanup --all    # every serverlab server on this machine (yours included)

Every server carries SERVERLAB_RUN=<kernel pid>-<random>; a server whose kernel PID is no
longer alive has nobody left to stop it. Used by `make clean`.
"""

from __future__ import annotations

import argparse
import sys

import psutil

from helpers._marker import RUN_VAR, kill_processes


def stray_servers(include_live_kernels: bool = False) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["pid"]):
        try:
            token = proc.environ().get(RUN_VAR)
        except (psutil.Error, OSError):
            continue
        if not token:
            continue
        kernel_pid = int(token.split("-", 1)[0])
        if include_live_kernels or not psutil.pid_exists(kernel_pid):
            found.append(proc)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description="Kill serverlab servers left behind.")
    parser.add_argument("--all", action="store_true", help="also servers of kernels that are still running")
    args = parser.parse_args()
    strays = stray_servers(include_live_kernels=args.all)
    kill_processes(strays)
    print(f"serverlab cleanup: killed {len(strays)} leftover server process(es)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
