"""What production traffic does to a server during a restart, a signal, an idle connection or a full queue.

- ``during_restart``: steady load while the workers are replaced (SIGHUP, ``--max-requests``), on fresh
  connections and on reused ones (as a pooling proxy): how many failed, which PID answered when.
- ``reuse_after_idle``: a request, silence, then the same connection again (``--timeout-keep-alive``).
- ``overload``: paced requests faster than the servers can finish them (``--limit-concurrency``).
- ``full_queue`` / ``connect_while_busy``: how long ``connect()`` takes while nobody accepts (``--backlog``),
  and what the kernel counted meanwhile (``listen_overflows``, ``backlog_cap``, ``listeners``).

Each scenario runs on its own event loop in a helper thread, bounded in time, on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import psutil

from helpers import cores, cputime, i18n, load, procs, scaling
from helpers._plumbing.deadline import Deadline
from helpers._plumbing.rawhttp import RawConnection
from helpers._plumbing.running import RunningServer
from helpers._plumbing.sync import run_sync
from helpers.errors import BadArgumentError
from helpers.records import RequestRecord
from labapp import contract

T = TypeVar("T")
S = TypeVar("S", bound=RunningServer)


def _port(server: RunningServer) -> int:
    return int(urlsplit(server.url).port or 0)


def _each(scenarios: Mapping[str, Coroutine[Any, Any, T]]) -> dict[str, T]:
    """Run one scenario per label, all at once, on one event loop in a helper thread."""

    async def everything() -> dict[str, T]:
        runs = {label: asyncio.ensure_future(scenario) for label, scenario in scenarios.items()}
        return {label: await run for label, run in runs.items()}

    return run_sync(everything())


def os_thread_names(pid: int) -> list[str]:
    """The OS names of a process's threads (Linux /proc), e.g. Granian's Rust ``tokio-rt-worker``; [] elsewhere.

    Not `measure.thread_names`, the Python thread names that ran handlers: Rust threads have no Python name."""
    names = []
    for task in sorted(Path(f"/proc/{pid}/task").glob("*")):
        with contextlib.suppress(OSError):
            names.append((task / "comm").read_text().strip())
    return names


def reuse_after_idle(
    targets: Mapping[str, RunningServer], idle_s: Sequence[float], path: str = contract.PING, timeout_s: float = 5.0
) -> dict[str, list[RequestRecord]]:
    """Per target and idle time (all at once): a request, silence, then the second one's record, same connection."""
    if not idle_s or any(not 0 <= s <= 30 for s in idle_s):
        raise BadArgumentError(i18n.text("idle_s must hold idle times from 0 to 30 s"))

    async def probe(server: RunningServer, index: int, idle: float) -> RequestRecord:
        conn = RawConnection(_port(server), timeout_s)
        try:
            first = await conn.request(index, path)
            if not first.ok:
                return first
            await asyncio.sleep(idle)
            return await conn.request(index, path)
        finally:
            conn.close()

    async def probes(server: RunningServer) -> list[RequestRecord]:
        return list(await asyncio.gather(*(probe(server, i, idle) for i, idle in enumerate(idle_s))))

    return _each({label: probes(server) for label, server in targets.items()})


def describe_reuse(reuse: Mapping[str, Sequence[RequestRecord]], idle_s: Sequence[float]) -> str:
    """One line per target: after each idle time, did reusing the connection work?"""
    return "\n".join(
        f"{label:<40} "
        + "  ".join(
            i18n.text(f"{idle} s: ok") if r.ok else i18n.text(f"{idle} s: FAILED")
            for idle, r in zip(idle_s, records, strict=True)
        )
        for label, records in reuse.items()
    )


def longest_idle_reused(reuse: Mapping[str, Sequence[RequestRecord]], idle_s: Sequence[float]) -> dict[str, float]:
    """Per target: the longest idle time after which reusing the connection still worked (0: never)."""
    return {
        label: max([0.0] + [idle for idle, r in zip(idle_s, records, strict=True) if r.ok])
        for label, records in reuse.items()
    }


@dataclass(frozen=True)
class Connect:
    """One fresh connection while the server is busy: how long connect() took, and the answer."""

    index: int
    connect_s: float | None
    total_s: float
    status: int | None
    error: str | None
    sent_at: float = 0.0  # time.time() when connect() began: the clock the server's stamps use

    @property
    def waited_for_retry(self) -> bool:
        """connect() took a second or more: the first SYN was dropped and the kernel's retry got in."""
        return self.connect_s is None or self.connect_s >= SYN_RETRY_S


SYN_RETRY_S = 0.9  # Linux resends a dropped SYN after its initial retransmission timeout, 1 s


@dataclass(frozen=True)
class QueueRun:
    """Fresh connections sent while a request blocked the server's loop, and the listen queue the kernel held."""

    busy: RequestRecord
    connects: tuple[Connect, ...]
    queue_peak: int | None  # most connections the kernel held in the listen queue during the block; None: not Linux
    overflows: int | None = None  # the kernel's TcpExt ListenOverflows rise over the run (whole machine); None: unread
    granted_backlog: int | None = None  # the listener's queue size as the kernel set it (``ss -lt`` Send-Q)

    def describe(self) -> str:
        """One line: what the connects took and got, and what the kernel held and counted."""
        took = [round(c.connect_s, 2) if c.connect_s is not None else None for c in self.connects]
        answers, size = [c.status for c in self.connects], self.granted_backlog
        peak = "?" if self.queue_peak is None else self.queue_peak
        counted = (
            "" if self.overflows is None else i18n.text(f"; the kernel counted {self.overflows} listen overflow(s)")
        )
        if size is None:
            held = i18n.text(f"connect() took {took} s; answers {answers}; at most {peak} waiting in the listen queue")
        else:
            held = i18n.text(
                f"connect() took {took} s; answers {answers}; at most {peak} waiting in the listen queue of {size}"
            )
        return held + counted

    @property
    def block(self) -> tuple[float, float] | None:
        """When the busy handler ran (the server's own stamps), or None if it did not answer."""
        if self.busy.server_start is None or self.busy.server_end is None:
            return None
        return self.busy.server_start, self.busy.server_end

    def sent_during_block(self) -> list[Connect]:
        """The connects sent while the loop was blocked (the only ones a full queue can turn away)."""
        if self.block is None:
            return []
        start, end = self.block
        return [c for c in self.connects if start <= c.sent_at < end - 0.1]

    def in_queue_at_once(self) -> int:
        """Connections that got into the queue while the loop was blocked: the kernel's count where it has one."""
        if self.queue_peak is not None:
            return self.queue_peak
        return sum(not c.waited_for_retry for c in self.sent_during_block())

    def unjudgeable(self, backlog: int) -> str | None:
        """Why this run cannot show a full queue of `backlog`, measured; None when it can."""
        if self.block is None:
            return i18n.text(f"the request meant to block the loop got {self.busy.status or self.busy.error}")
        during = self.sent_during_block()
        if len(during) < backlog + 3:
            start, end = self.block
            first = min(c.sent_at for c in self.connects)
            return i18n.text(
                f"only {len(during)} of {len(self.connects)} connects were sent while the loop was blocked "
                f"(the block ran from {start - first:+.2f} s to {end - first:+.2f} s after the first connect): "
                f"too few to fill a queue of {backlog}"
            )
        return None


def listen_queue(port: int) -> int | None:
    """Connections waiting in the listen queue of 127.0.0.1:`port` (Linux /proc/net/tcp Recv-Q); None elsewhere."""
    try:
        lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        local, state, queues = fields[1], fields[3], fields[4]
        if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
            return int(queues.split(":")[1], 16)  # tx_queue:rx_queue; a listener's rx_queue is its accept queue
    return None


def listen_overflows() -> int | None:
    """The kernel's count of connections a full listen queue turned away (TcpExt ListenOverflows, what
    ``nstat -az TcpExtListenOverflows`` prints) for this network namespace; None where /proc/net/netstat is absent."""
    try:
        lines = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return None
    for names, values in zip(lines[::2], lines[1::2], strict=False):
        if names.startswith("TcpExt:") and "ListenOverflows" in names.split():
            return int(values.split()[names.split().index("ListenOverflows")])
    return None


def _ss_listener(port: int) -> tuple[int, int] | None:
    """(Recv-Q, Send-Q) of the listener on 127.0.0.1:`port` as ``ss -lnt`` shows them; None without ``ss``."""
    ss = shutil.which("ss")
    if ss is None:
        return None
    try:
        out = subprocess.run(
            [ss, "-lntH", f"sport = :{port}"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in out.splitlines():
        fields = line.split()
        if len(fields) >= 4 and fields[0] == "LISTEN":
            return int(fields[1]), int(fields[2])  # a listener's Send-Q is its queue size
    return None


def somaxconn() -> int | None:
    """net.core.somaxconn: the kernel cuts any larger ``listen()`` backlog to it; None where it cannot be read."""
    try:
        return int(Path("/proc/sys/net/core/somaxconn").read_text())
    except (OSError, ValueError):
        return None


def backlog_cap(requested: int = 65535) -> tuple[int, int | None]:
    """Listen on a scratch socket asking for `requested`: (requested, the queue size the kernel granted, from
    ``ss -lnt``'s Send-Q; None without ``ss``)."""
    if not 1 <= requested <= 65535:
        raise BadArgumentError(i18n.text(f"requested must be from 1 to 65535, got {requested!r}"))
    with socket.socket() as scratch:
        scratch.bind(("127.0.0.1", 0))
        scratch.listen(requested)
        shown = _ss_listener(scratch.getsockname()[1])
    return requested, None if shown is None else shown[1]


def describe_backlog_cap(requested: int = 65535) -> str:
    """One line: net.core.somaxconn, and the queue a ``listen(requested)`` really got."""
    asked, granted = backlog_cap(requested)
    cap = somaxconn() or "?"
    if granted is None:
        return i18n.text(
            f"net.core.somaxconn = {cap}: a listen() that asked for {asked} got a queue of ? (no `ss` here to read it)"
        )
    return i18n.text(
        f"net.core.somaxconn = {cap}: a listen() that asked for {asked} got a queue of {granted} (`ss -lnt`'s Send-Q)"
    )


def listeners(server: RunningServer) -> int | None:
    """How many listening sockets the server's port has (Linux /proc/net/tcp): one shared by every worker,
    or one per worker (SO_REUSEPORT, as Granian does on Linux); None elsewhere."""
    try:
        lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    except OSError:
        return None
    port = _port(server)
    return sum(f[3] == "0A" and int(f[1].rsplit(":", 1)[1], 16) == port for f in (line.split() for line in lines))


def tcp_migrate_req() -> int | None:
    """net.ipv4.tcp_migrate_req (Linux 5.14+): 1 moves a closing SO_REUSEPORT listener's queue to a sibling."""
    try:
        return int(Path("/proc/sys/net/ipv4/tcp_migrate_req").read_text())
    except (OSError, ValueError):
        return None


def full_queue(
    server: RunningServer,
    n: int,
    *,
    busy_path: str,
    lead_s: float = 0.2,
    path: str = contract.PING,
    timeout_s: float = 10.0,
) -> QueueRun:
    """Block the loop with `busy_path`; once the server has read it, `lead_s` later, open `n` fresh connections.

    Order of events, not timing: the connects start only after the server accepted the busy request and
    read it (the kernel shows no unread byte), and the kernel's listen queue is read while they wait.
    """
    if not 1 <= n <= 200:
        raise BadArgumentError(i18n.text(f"n must be from 1 to 200, got {n!r}"))
    port = _port(server)

    async def one(index: int) -> Connect:
        sent_at, began = time.time(), time.monotonic()
        connected: float | None = None
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout_s)
            connected = time.monotonic() - began
            writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            line = await asyncio.wait_for(reader.readline(), max(0.1, timeout_s - connected))
            writer.close()
            return Connect(index, connected, time.monotonic() - began, int(line.split()[1]), None, sent_at)
        except (TimeoutError, OSError, ValueError, IndexError) as exc:
            error = f"{type(exc).__name__}: {exc}"[:200]
            return Connect(index, connected, time.monotonic() - began, None, error, sent_at)

    async def read_in(deadline: Deadline) -> None:
        while deadline.running() and (accepted_connections(server) < 1 or _unread_requests(port)):
            await asyncio.sleep(0.01)

    async def sample(done: asyncio.Event, samples: list[tuple[float, int]]) -> None:
        while not done.is_set():
            queued = listen_queue(port)
            if queued is not None:
                samples.append((time.time(), queued))
            await asyncio.sleep(0.01)

    async def everything() -> QueueRun:
        counted_before = listen_overflows()
        busy = asyncio.ensure_future(load.fire_async(server, busy_path, timeout_s=timeout_s + lead_s))
        await read_in(Deadline(timeout_s / 2))
        await asyncio.sleep(lead_s)
        done, samples = asyncio.Event(), list[tuple[float, int]]()
        sampler = asyncio.ensure_future(sample(done, samples))
        connects = await asyncio.gather(*(one(i) for i in range(n)))
        record = (await busy)[0]
        done.set()
        await sampler
        peak = None
        if listen_queue(port) is not None and record.server_start is not None and record.server_end is not None:
            inside = [q for t, q in samples if record.server_start <= t <= record.server_end]
            peak = max(inside, default=0)
        counted_after, shown = listen_overflows(), _ss_listener(port)
        overflows = None if counted_before is None or counted_after is None else counted_after - counted_before
        return QueueRun(record, tuple(connects), peak, overflows, None if shown is None else shown[1])

    return run_sync(everything())


def connect_while_busy(
    server: RunningServer,
    n: int,
    *,
    busy_path: str,
    lead_s: float = 0.2,
    path: str = contract.PING,
    timeout_s: float = 10.0,
) -> tuple[RequestRecord, list[Connect]]:
    """Send `busy_path` (e.g. a request that blocks the loop), then `n` fresh connections `lead_s` later."""
    if not 1 <= n <= 200:
        raise BadArgumentError(i18n.text(f"n must be from 1 to 200, got {n!r}"))
    port = _port(server)

    async def one(index: int) -> Connect:
        began = time.monotonic()
        connected: float | None = None
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout_s)
            connected = time.monotonic() - began
            writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            line = await asyncio.wait_for(reader.readline(), max(0.1, timeout_s - connected))
            writer.close()
            return Connect(index, connected, time.monotonic() - began, int(line.split()[1]), None)
        except (TimeoutError, OSError, ValueError, IndexError) as exc:
            return Connect(index, connected, time.monotonic() - began, None, f"{type(exc).__name__}: {exc}"[:200])

    async def everything() -> tuple[RequestRecord, list[Connect]]:
        busy = asyncio.ensure_future(load.fire_async(server, busy_path, timeout_s=timeout_s + lead_s))
        await asyncio.sleep(lead_s)
        connects = await asyncio.gather(*(one(i) for i in range(n)))
        return (await busy)[0], list(connects)

    return run_sync(everything())


@dataclass(frozen=True)
class OverloadRun:
    """The same paced requests on several servers at once, and the free cores measured meanwhile."""

    records: dict[str, list[RequestRecord]]
    free_cores: float | None = None

    def describe(self) -> str:
        lines = []
        for label, records in self.records.items():
            served = [r.latency_s for r in records if r.ok] or [0.0]
            ok, refused = sum(r.ok for r in records), sum(r.status == 503 for r in records)
            lines.append(
                f"{label:<22} "
                + i18n.text(f"{ok} × 200, {refused} × 503; served in {min(served):.2f} to {max(served):.2f} s")
            )
        return "\n".join(lines)

    def too_busy(self) -> str | None:
        """Why the timings cannot be judged now (other programs left less than the servers and the client need)."""
        if self.free_cores is None:
            return None
        usable = cores.detect()
        return scaling.too_busy(self.free_cores, scaling.free_cores_needed(1, usable.usable), usable.runnable)


def overload(
    targets: Mapping[str, RunningServer], path: str, n: int, *, rate_per_s: float, timeout_s: float = 30.0
) -> OverloadRun:
    """`n` requests of `path` at `rate_per_s`, each on a fresh connection, to every target at once."""
    if not 1 <= n <= 500 or not 0 < rate_per_s <= 500:
        raise BadArgumentError(i18n.text("need 1 <= n <= 500 and 0 < rate_per_s <= 500"))
    paced = [i / rate_per_s for i in range(n)]
    with cputime.meter(*targets.values()) as meter:
        runs = _each(
            {
                label: load.fire_async(
                    server, paths=[path] * n, delays_s=paced, fresh_connections=True, timeout_s=timeout_s
                )
                for label, server in targets.items()
            }
        )
    return OverloadRun(runs, cores.detect().free(meter.usage.others_cores))


@dataclass(frozen=True)
class Places:
    """Two new requests to a ``--limit-concurrency`` server while `limit` - 1 handlers run: first while their
    clients still wait, then after their clients gave up (the handlers keep running, notebook 04 §5)."""

    limit: int
    stayed: tuple[int | None, ...]  # the new requests' statuses while the clients were still connected
    left: tuple[int | None, ...]  # ... after those clients had gone, their handlers still running
    left_in_time: bool  # places filled, clients gone, and the new requests sent before the handlers could end
    held: tuple[int | None, ...] = ()  # the statuses of the `limit` - 1 requests that filled the places

    def unjudgeable(self) -> str | None:
        """Why this run cannot show what takes a place (measured), or None when it can."""
        if any(status != 200 for status in self.held):
            return i18n.text(
                f"the {self.limit - 1} requests meant to fill the places got {list(self.held)}, not all 200"
            )
        if not self.left_in_time:
            return i18n.text(
                "on this busy machine the places did not fill, or the clients' connections did not close, "
                "in time for the new requests to overlap the abandoned handlers"
            )
        return None

    def describe(self) -> str:
        return i18n.text(
            f"--limit-concurrency {self.limit}, {self.limit - 1} handlers running: two new requests got "
            f"{list(self.stayed)} while their clients waited, {list(self.left)} after their clients had gone"
        )


def places_after_clients_left(server: RunningServer, limit: int, *, hold_s: float = 2.5) -> Places:
    """Fill `limit` - 1 places with `hold_s` handlers, send two new requests one after the other; then the
    same with clients that give up after 0.3 s (their connections close, their handlers do not stop)."""
    if not 3 <= limit <= 20 or not 1.5 <= hold_s <= 10:
        raise BadArgumentError(i18n.text("need 3 <= limit <= 20 and 1.5 <= hold_s <= 10"))
    hold, short = f"{contract.ASYNC_SLEEP}?s={hold_s}", f"{contract.ASYNC_SLEEP}?s=1"

    async def two_new() -> tuple[int | None, ...]:
        sent: list[asyncio.Future[list[RequestRecord]]] = []
        for _ in range(2):
            sent.append(asyncio.ensure_future(load.fire_async(server, short, fresh_connections=True, timeout_s=5)))
            await asyncio.sleep(0.2)  # the first is in progress (or turned away) before the second arrives
        return tuple(records[0].status for records in await asyncio.gather(*sent))

    async def until(condition: Callable[[], bool], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.02)
        return True

    async def everything() -> Places:
        waiting = asyncio.ensure_future(load.fire_async(server, hold, limit - 1, fresh_connections=True, timeout_s=20))
        filled = await until(
            lambda: accepted_connections(server) >= limit - 1 and not _unread_requests(_port(server)), 5
        )
        stayed = await two_new()
        held = tuple(r.status for r in await waiting)
        began = time.monotonic()
        leaving = asyncio.ensure_future(load.fire_async(server, hold, limit - 1, fresh_connections=True, timeout_s=0.3))
        await leaving  # every client gave up after 0.3 s and closed its connection
        gone = await until(lambda: accepted_connections(server) == 0, 2)
        in_time = filled and gone and time.monotonic() - began < hold_s - 1.0  # overlapping the abandoned handlers
        left = await two_new()
        await asyncio.sleep(max(0.0, began + hold_s + 0.3 - time.monotonic()))  # the abandoned handlers end
        return Places(limit, stayed, left, in_time, held)

    return run_sync(everything())


def signal_action(server: RunningServer, name: procs.SignalName | str) -> Callable[[], None]:
    """The action 'send signal `name` to the server's root process', to run later (``during_restart``)."""
    procs.signal_by_name(name)  # a bad name fails now, not in the middle of the load
    return lambda: procs.signal(server, name)


def accepted_connections(server: RunningServer) -> int:
    """Connections to the server's port that one of its processes has accepted (not those in the listen queue)."""
    port, found = _port(server), 0
    for pid in procs.of(server).pids:
        with contextlib.suppress(psutil.Error):
            conns = psutil.Process(pid).net_connections(kind="tcp")
            found += sum(c.status == psutil.CONN_ESTABLISHED and c.laddr and c.laddr.port == port for c in conns)
    return found


def _unread_requests(port: int) -> int:
    """Server-side connections on `port` with bytes the server has not read yet (Linux /proc; 0 elsewhere)."""
    unread = 0
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        with contextlib.suppress(OSError):
            for line in table.read_text().splitlines()[1:]:
                fields = line.split()
                local_port, state, rx = int(fields[1].rsplit(":", 1)[1], 16), fields[3], fields[4].split(":")[1]
                unread += local_port == port and state == "01" and int(rx, 16) > 0
    return unread


@dataclass(frozen=True)
class Stop:
    """A server told to stop while one request ran: the signals, whether it exited, and what the request got."""

    signals: tuple[str, ...]
    exited_after_s: float | None  # after the last signal; None: still running at the end of the wait (SIGKILLed)
    waited_s: float
    request: RequestRecord

    def describe(self) -> str:
        sent = f"SIG{self.signals[0]}" if self.signals else ""
        for name in self.signals[1:]:
            sent = i18n.text(f"{sent} then SIG{name}")
        if self.exited_after_s is not None:
            how = i18n.text(f"exited {self.exited_after_s:.2f} s after {sent}")
        else:
            how = i18n.text(f"still running {self.waited_s:.1f} s after {sent}, so it was SIGKILLed")
        got = self.request.status or i18n.text("no answer")
        return i18n.text(f"{how}; the running request got {got}")


def stop_during_request(
    cases: Mapping[str, tuple[RunningServer, Sequence[procs.SignalName | str]]],
    *,
    path: str = "/",
    after_s: float = 0.5,
    gap_s: float = 0.5,
    grace_s: float = 4.0,
) -> dict[str, Stop]:
    """For every case at once: one request of `path`, then (`after_s` once it runs) the signals, `gap_s` apart,
    like Ctrl-C pressed twice; wait `grace_s` for the server to exit, else SIGKILL it."""
    for _, names in cases.values():
        if not names:
            raise BadArgumentError(i18n.text("every case needs at least one signal"))
        for name in names:
            procs.signal_by_name(name)  # a bad name fails before any request

    async def one(server: RunningServer, names: Sequence[str]) -> Stop:
        wait_s = after_s + gap_s * len(names) + grace_s + 2.0
        running = asyncio.ensure_future(load.fire_async(server, path, timeout_s=wait_s))
        deadline = time.monotonic() + 5.0  # in progress: accepted and read by the server, not queued
        while time.monotonic() < deadline and (accepted_connections(server) < 1 or _unread_requests(_port(server))):
            await asyncio.sleep(0.02)
        await asyncio.sleep(after_s)
        for i, name in enumerate(names):
            await asyncio.sleep(gap_s if i else 0.0)
            if server.is_running():
                os.kill(server.pid, procs.signal_by_name(name))
        signalled = time.monotonic()
        while server.is_running() and time.monotonic() - signalled < grace_s:
            await asyncio.sleep(0.05)
        exited = None if server.is_running() else time.monotonic() - signalled
        if exited is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(server.pid, procs.signal_by_name("KILL"))
        record = (await running)[0]
        return Stop(tuple(str(n).upper().removeprefix("SIG") for n in names), exited, grace_s, record)

    return _each({label: one(server, names) for label, (server, names) in cases.items()})


@dataclass(frozen=True)
class RestartRun:
    """A steady load through a restart: a fresh-connection client and a connection-reusing one, in send order."""

    fresh: tuple[RequestRecord, ...]
    reused: tuple[RequestRecord, ...]
    replaced_after_s: float | None  # from the action to every original worker gone (None: not within the run)
    free_cores: float | None = None  # usable cores other programs left free during the run (None: not measured)
    original_pids: tuple[int, ...] = ()  # the workers before the action
    still_running: bool = True  # the server's root process was alive when the load ended

    @property
    def new_pids(self) -> list[int]:
        """PIDs that answered and were not workers before the action: the replacements, serving."""
        return [pid for pid in self.pids if pid not in self.original_pids]

    def too_busy(self, needed: float = 0.5) -> str | None:
        """Why a slow or unfinished restart cannot be judged on this machine now (measured), or None."""
        if self.free_cores is None:
            return None
        return scaling.too_busy(self.free_cores, needed, cores.detect().runnable)

    @property
    def dropped(self) -> int:
        """Fresh-connection requests lost without an answer, not counting ones that only timed out (a slow machine)."""
        return sum(not r.ok and not (r.error or "").startswith("TimeoutError") for r in self.fresh)

    @property
    def reused_failed(self) -> int:
        return sum(not r.ok for r in self.reused)

    @property
    def pids(self) -> list[int]:
        """Every PID that answered, in order of first answer."""
        ordered = sorted((r for r in self.fresh + self.reused if r.pid is not None), key=lambda r: r.sent_at)
        return list(dict.fromkeys(r.pid for r in ordered if r.pid is not None))

    def describe(self) -> str:
        done = (
            i18n.text(f"all replaced after {self.replaced_after_s:.1f} s")
            if self.replaced_after_s is not None
            else i18n.text("NOT replaced")
        )
        slowest, failed = max((r.latency_s for r in self.fresh if r.ok), default=0.0), sum(not r.ok for r in self.fresh)
        fresh, reused, pids = len(self.fresh), len(self.reused), len(self.pids)
        if self.still_running:
            return i18n.text(
                f"{done}; fresh connections: {failed}/{fresh} failed, slowest {slowest:.2f} s; "
                f"reused: {self.reused_failed}/{reused} failed; {pids} PIDs answered"
            )
        return i18n.text(
            f"{done}; fresh connections: {failed}/{fresh} failed, slowest {slowest:.2f} s; "
            f"reused: {self.reused_failed}/{reused} failed; {pids} PIDs answered; the server itself exited"
        )


def during_restart(
    cases: Mapping[str, tuple[RunningServer, Callable[[], object] | None]],
    *,
    path: str = f"{contract.ASYNC_SLEEP}?s=0.1",
    rate_per_s: float = 16.0,
    act_at_s: float = 1.0,
    tail_s: float = 1.0,
    max_s: float = 15.0,
    connections: int = 4,
    timeout_s: float = 10.0,
) -> dict[str, RestartRun]:
    """Steady load at `rate_per_s` (fresh and reused connections in turn) on every case at once; each action runs
    at `act_at_s`. The load ends `tail_s` after every original worker is gone and as many new ones answered (or at
    `max_s`: a restart that never finishes still ends)."""
    if not 0 < rate_per_s <= 200 or not 0 <= act_at_s < max_s <= 60:
        raise BadArgumentError(i18n.text("need 0 < rate_per_s <= 200 and 0 <= act_at_s < max_s <= 60"))

    async def one_case(server: RunningServer, action: Callable[[], object] | None) -> RestartRun:
        port, original = _port(server), set(procs.worker_pids(server))
        pool = [RawConnection(port, timeout_s) for _ in range(connections)]
        locks = [asyncio.Lock() for _ in pool]
        fresh: list[asyncio.Task[RequestRecord]] = []
        reused: list[asyncio.Task[RequestRecord]] = []
        answered: set[int] = set()

        async def send(i: int) -> RequestRecord:
            if i % 2 == 0:  # a fresh connection each
                conn = RawConnection(port, timeout_s)
                record = await conn.request(i, path)
                conn.close()
            else:  # taking turns on the pool
                async with locks[i % connections]:
                    record = await pool[i % connections].request(i, path)
            answered.add(record.pid or 0)
            return record

        began, acted, replaced_at = time.monotonic(), None, None
        for i in range(int(max_s * rate_per_s)):
            await asyncio.sleep(max(0.0, began + i / rate_per_s - time.monotonic()))
            now = time.monotonic()
            if acted is None and now - began >= act_at_s:
                acted = now
                if action is not None:
                    action()
            elif acted is not None and replaced_at is None and i % 4 == 0 and server.is_running():
                current = set(procs.worker_pids(server))
                done = not current & original and len(answered - original - {0}) >= len(original)
                replaced_at = now if done else None
            if replaced_at is not None and now - replaced_at >= tail_s:
                break
            (fresh if i % 2 == 0 else reused).append(asyncio.ensure_future(send(i)))
        try:
            records = [list(await asyncio.gather(*tasks)) for tasks in (fresh, reused)]
        finally:
            for conn in pool:
                conn.close()
        after = None if replaced_at is None or acted is None else replaced_at - acted
        return RestartRun(
            tuple(records[0]),
            tuple(records[1]),
            after,
            original_pids=tuple(sorted(original)),
            still_running=server.is_running(),
        )

    targets = list({id(server): server for server, _ in cases.values()}.values())
    with cputime.meter(*targets) as meter:
        runs = _each({label: one_case(server, action) for label, (server, action) in cases.items()})
    free = cores.detect().free(meter.usage.others_cores)
    return {label: dataclasses.replace(run, free_cores=free) for label, run in runs.items()}
