"""Notebook 08's experiments on today's servers: a signal with requests in flight, how Granian starts and loses workers.

- ``signal_in_flight``: two ``def`` requests sleeping in a gunicorn worker, then a signal to the
  master alone (``kill -INT <master>``) or to the server's whole process group (what Ctrl-C in a
  terminal does: every process of the foreground group gets it), one new request just after, and
  when the master exited. Each run keeps the ``kill`` command it stands for.
- ``granian_start_method``: the multiprocessing start method Granian uses on this Python (its own
  rule, read from its source), and ``started_by``, how a worker was really started (its command line).
- ``crash`` / ``crash_twice``: ``POST /crash`` to a Granian server, and what its main process did.

Every wait is bounded; every server is a ``servers.Server`` the caller started (and stops).
"""

from __future__ import annotations

import asyncio
import inspect
import multiprocessing
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from helpers import i18n, load, measure, procs, servers
from helpers._plumbing.sync import run_sync
from helpers.commands import Launch
from helpers.records import RequestRecord
from helpers.servers import Server
from labapp import contract

Target = Literal["master", "group"]
StartMethod = Literal["fork", "spawn", "forkserver"]


@dataclass(frozen=True)
class SignalRun:
    """Requests in flight when a signal was sent, one request sent just after, and how the server ended."""

    server: str  # the command line of the server that got the signal
    command: str  # the kill command this run stands for: "kill -INT 123" (the master), "kill -INT -- -123" (its group)
    in_flight: tuple[RequestRecord, ...]
    after: RequestRecord
    exited_after_s: float | None  # from the signal until the master exited (None: not within the wait)
    log: tuple[str, ...]  # the log's lines about the stop ("Handling signal", "was sent SIGKILL", ...)

    @property
    def completed(self) -> int:
        """In-flight requests that got their answer (HTTP 200)."""
        return measure.ok_count(self.in_flight)

    @property
    def killed(self) -> bool:
        """The master SIGKILLed a worker (gunicorn logs "was sent SIGKILL! Perhaps out of memory?")."""
        return any("SIGKILL" in line for line in self.log)

    def describe(self) -> str:
        flight = ", ".join(
            str(r.status) if r.ok else i18n.text(f"cut off after {r.latency_s:.1f} s") for r in self.in_flight
        )
        if self.after.ok:
            after = i18n.text("answered")
        else:
            after = i18n.text("refused") if "Connect" in (self.after.error or "") else i18n.text("failed")
        exited = (
            i18n.text(f"the master exited {self.exited_after_s:.1f} s after the signal")
            if self.exited_after_s is not None
            else i18n.text("the master was still running at the end of the wait")
        )
        sent = [line[line.index("Worker (pid") :] for line in self.log if "was sent" in line and "Worker (pid" in line]
        if sent:  # the server's own log line, quoted as it is
            return i18n.text(f'in flight [{flight}]; a new request: {after}; {exited}; log: "{sent[-1]}"')
        return i18n.text(f"in flight [{flight}]; a new request: {after}; {exited}")


def signal_in_flight(
    cases: Mapping[str, tuple[Launch, procs.SignalName, Target]],
    *,
    sleep_s: float = 3.0,
    in_flight: int = 2,
    signal_after_s: float = 0.2,
    new_request_after_s: float = 0.3,
    exit_wait_s: float = 8.0,
) -> dict[str, SignalRun]:
    """Start every described server (together), then for each at once: `in_flight` ``/sync/sleep?s=sleep_s``
    requests, the signal once the app says they run (its borrowed thread tokens), one new request
    `new_request_after_s` later; wait for the master to exit, then stop whatever is left.

    Target "master" signals the root process only (``kill -INT <pid>``); "group" signals its process group
    (``kill -INT -- -<pid>``): each server runs in its own session, so its group is exactly its processes,
    as a terminal's foreground job is for Ctrl-C.
    """
    started = servers.start_together({label: description for label, (description, _, _) in cases.items()})

    async def one(server: Server, name: procs.SignalName, target: Target) -> SignalRun:
        path = f"{contract.SYNC_SLEEP}?s={sleep_s}"
        flying = asyncio.ensure_future(load.fire_async(server, path, in_flight, fresh_connections=True, timeout_s=15))
        began = time.monotonic()
        while time.monotonic() - began < exit_wait_s and _borrowed(server) < in_flight:
            await asyncio.sleep(0.02)
        await asyncio.sleep(signal_after_s)
        number, pid = procs.signal_by_name(name), server.pid
        if target == "group":
            os.killpg(os.getpgid(pid), number)  # every process of the server, as Ctrl-C reaches a foreground job
        else:
            os.kill(pid, number)
        signalled = time.monotonic()
        await asyncio.sleep(new_request_after_s)
        after = (await load.fire_async(server, contract.PING, fresh_connections=True, timeout_s=2.0))[0]
        records = await flying
        while server.is_running() and time.monotonic() - signalled < exit_wait_s:
            await asyncio.sleep(0.05)
        exited = None if server.is_running() else time.monotonic() - signalled
        command = f"kill -{number.name[3:]} " + (f"-- -{pid}" if target == "group" else str(pid))
        log = tuple(server.log_lines(_STOP_LINES))
        return SignalRun(str(server.command), command, tuple(records), after, exited, log)

    async def everything() -> dict[str, SignalRun]:
        runs = {label: asyncio.ensure_future(one(started[label], *case[1:])) for label, case in cases.items()}
        return {label: await run for label, run in runs.items()}

    try:
        return run_sync(everything())
    finally:
        for server in started.values():
            server.stop()


_STOP_LINES = ("Handling signal", "was sent", "Shutting down", "Worker exiting", "Finished server", "Forcing close")


def _borrowed(server: Server) -> int:
    """Thread tokens the app says are borrowed now: its ``def`` handlers running (0 if it does not answer)."""
    try:
        return int(server.get(contract.THREADPOOL, timeout_s=1.0)["borrowed_tokens"])
    except Exception:  # a server that stopped answering has no handler we can count
        return 0


def granian_start_method() -> tuple[str, StartMethod]:
    """(Python's default start method here, the one Granian uses): Granian keeps fork or spawn and
    turns anything else (forkserver, Python 3.14's Linux default) into spawn. The rule is read from
    Granian's source, so a Granian that changes it fails here instead of printing a wrong sentence."""
    from granian.server.mp import WorkerProcess

    rule = inspect.getsource(WorkerProcess.__init__)
    if "not in {'fork', 'spawn'}" not in rule or "= 'spawn'" not in rule:
        raise RuntimeError(i18n.text(f"Granian's start-method rule changed; read it:\n{rule}"))
    default = multiprocessing.get_start_method()
    return default, default if default in ("fork", "spawn") else "spawn"  # type: ignore[return-value]


def started_by(worker: procs.ProcInfo, parent: procs.ProcInfo) -> StartMethod:
    """How a worker process was really started, from its command line: a forked child keeps its parent's;
    a spawned (or forkserver) child runs ``multiprocessing``'s own bootstrap instead."""
    if worker.cmdline == parent.cmdline:
        return "fork"
    return "forkserver" if "forkserver" in worker.cmdline else "spawn"


@dataclass(frozen=True)
class Crash:
    """A ``POST /crash`` to a Granian server and what its main process did about it."""

    crashed_pid: int
    new_pid: int | None  # the respawned worker (None: the server stopped instead)
    exitcode: int | None  # the main process's exit status (None: still running)
    meanwhile: RequestRecord | None  # one request sent as soon as it reacted (None: it had stopped)
    log: tuple[str, ...]

    @property
    def refused_meanwhile(self) -> bool:
        """The request sent while the new worker was starting could not even connect."""
        return (
            self.meanwhile is not None and self.meanwhile.status is None and "Connect" in (self.meanwhile.error or "")
        )

    def describe(self) -> str:
        if self.new_pid is None:
            return i18n.text(f"worker [{self.crashed_pid}] crashed; the server stopped (exit status {self.exitcode})")
        got = i18n.text("refused") if self.refused_meanwhile else f"{self.meanwhile.status if self.meanwhile else '?'}"
        return i18n.text(
            f"worker [{self.crashed_pid}] crashed; respawned as [{self.new_pid}]; a request meanwhile: {got}"
        )


def crash(server: Server, timeout_s: float = 5.0) -> Crash:
    """Crash the worker that answers; wait until the server stopped or has a new worker PID, then one request."""
    before = set(procs.worker_pids(server))
    crashed = int(server.request("POST", contract.CRASH).json()["pid"])
    new: list[int] = []

    def reacted() -> bool:
        new[:] = sorted(set(procs.worker_pids(server)) - before) if server.is_running() else []
        return not server.is_running() or bool(new)

    procs.wait_until(reacted, timeout_s, poll_s=0.02, what=i18n.text(f"granian to react to the crash of [{crashed}]"))
    meanwhile = load.fire(server, contract.PING, fresh_connections=True, timeout_s=2)[0] if new else None
    lines = ("Unexpected exit", "Respawning", "crash loop", "Shutting down")
    return Crash(crashed, new[0] if new else None, server.exitcode, meanwhile, tuple(server.log_lines(lines)))


@dataclass(frozen=True)
class CrashLoop:
    """Two crashes of a respawning Granian server: the second as soon as the first one's successor answered."""

    first: Crash
    answering_after_s: float  # from the successor's PID appearing until it answered
    between_s: float  # from the first crash to the second: an upper bound of the successor's age
    second: Crash
    window_s: float  # Granian exits on a crash of a worker it respawned at most this long before


def crash_twice(server: Server, answering_timeout_s: float = 15.0) -> CrashLoop:
    """Crash a respawning Granian worker, wait until its successor answers, crash that one at once."""
    began = time.monotonic()
    first = crash(server)
    answering = procs.wait_until(
        server.is_ready, answering_timeout_s, poll_s=0.02, what=i18n.text("the new worker to answer")
    )
    between = time.monotonic() - began
    return CrashLoop(first, answering, between, crash(server), crash_loop_window_s())


def crash_loop_window_s() -> float:
    """The seconds Granian's ``_serve_loop`` allows between a worker's respawn and its next crash before it
    exits ("Worker crash loop detected"), read from the installed Granian's source."""
    from granian.server.common import AbstractServer

    source = inspect.getsource(AbstractServer._serve_loop)
    found = re.search(r"respawned_wrks\.get\(idx, 0\) <= ([0-9.]+)", source)
    if found is None:
        raise RuntimeError(i18n.text(f"Granian's crash-loop rule changed; read it:\n{source}"))
    return float(found.group(1))


def code_lines(function: object, containing: str = "signal") -> list[str]:
    """The installed source's code lines of `function` that contain `containing` (comments and docstrings left out)."""
    lines = [line.strip() for line in inspect.getsource(function).splitlines()]  # type: ignore[arg-type]
    return [line for line in lines if containing in line and not line.startswith(("#", '"', "'"))]
