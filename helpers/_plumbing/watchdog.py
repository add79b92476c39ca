"""A tiny process that outlives a killed kernel just long enough to kill its servers.

``atexit`` never runs when the kernel is SIGKILLed or dies of out-of-memory. The watchdog
holds the read end of a pipe whose write end only the kernel holds: when the kernel dies,
for any reason, the read returns end-of-file and the watchdog sweeps every process that
carries the kernel's marker. It lives in its own session, so interrupting the kernel
(which signals the kernel's process group) does not touch it.

Run as ``python -m helpers._plumbing.watchdog RUN_TOKEN KERNEL_PID``.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading

from helpers._plumbing.alive import pid_alive
from helpers._plumbing.marker import RUN_TOKEN, sweep

_lock = threading.Lock()
_watchdog: subprocess.Popen[bytes] | None = None


def ensure_running() -> None:
    """Start this kernel's watchdog once; later calls are free."""
    global _watchdog
    with _lock:
        if _watchdog is not None and _watchdog.poll() is None:
            return
        _watchdog = subprocess.Popen(
            [sys.executable, "-m", "helpers._plumbing.watchdog", RUN_TOKEN, str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )


def release() -> None:
    """Close our end of the pipe at a normal exit: the watchdog sweeps (nothing, by then) and ends."""
    global _watchdog
    with _lock:
        if _watchdog is None:
            return
        if _watchdog.stdin is not None:
            _watchdog.stdin.close()
        try:
            _watchdog.wait(timeout=2.0)
        except subprocess.TimeoutExpired:
            _watchdog.kill()
            _watchdog.wait()
        _watchdog = None


def main(run_token: str, kernel_pid: int) -> None:
    for sig in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
        signal.signal(sig, signal.SIG_IGN)
    stdin = sys.stdin.buffer.fileno()
    # EOF on stdin is the primary signal; the PID check is a backstop should some other
    # process have inherited the pipe's write end.
    while True:
        readable, _, _ = select.select([stdin], [], [], 1.0)
        if readable and not os.read(stdin, 4096):
            break
        if not pid_alive(kernel_pid):
            break
    sweep(run_token, timeout_s=5.0)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
