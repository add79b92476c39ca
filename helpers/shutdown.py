"""Stop a server the way an operator would, and report what it took: SIGTERM first, then SIGKILL.

``Server.stop()`` does the same escalation silently. The notebooks use this when the point
is that a frozen server ignores SIGTERM (its loop never gets to the exit flag the signal
handler set) and only SIGKILL ends it, and that nothing is left behind afterwards.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from helpers import procs
from helpers.servers import Server


@dataclass(frozen=True)
class StopReport:
    """What happened to one server's processes when it was told to stop."""

    pid: int
    exited_on_term: bool
    waited_after_term_s: float
    returncode: int | None
    leftovers: tuple[int, ...]

    def describe(self) -> str:
        if self.exited_on_term:
            how = f"exited on SIGTERM after {self.waited_after_term_s:.2f} s"
        else:
            how = f"ignored SIGTERM for {self.waited_after_term_s:.1f} s, so it was SIGKILLed"
        left = ", ".join(f"[{p}]" for p in self.leftovers) or "none"
        return f"server [{self.pid}] {how}; exit status {self.returncode}; processes left: {left}"


def term_then_kill(server: Server, grace_s: float = 1.5) -> StopReport:
    """SIGTERM the server, wait up to `grace_s` for it to exit, SIGKILL everything if it did not."""
    pid = server.pid
    pids = server.procs().pids
    server.signal("TERM")
    began = time.monotonic()
    try:
        procs.wait_until(lambda: not server.is_running(), grace_s, what=f"server [{pid}] exiting on SIGTERM")
        exited = True
    except TimeoutError:
        exited = False
    waited = time.monotonic() - began
    server.kill()  # SIGKILL the group and sweep marked processes (a no-op if all are gone)
    returncode = server.process.returncode if server.process is not None else None
    leftovers = {p.pid for p in procs.server_processes(server.id)} | set(procs.pids_alive(pids))
    return StopReport(pid, exited, waited, returncode, tuple(sorted(leftovers)))
