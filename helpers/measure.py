"""Numbers computed from request records: spans, waves, overlap, who served what.

Pure functions over records (no I/O), so the notebooks' claim checks and the plots agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from helpers import i18n
from helpers.errors import BadArgumentError
from helpers.records import RequestRecord


@dataclass(frozen=True)
class Wave:
    """Requests that finished together: how many, and when (seconds after the first send)."""

    count: int
    finished_at_s: float


def _require(records: Sequence[RequestRecord]) -> None:
    if not records:
        raise BadArgumentError(i18n.text("no records: fire some requests first"))


def start_time(records: Sequence[RequestRecord]) -> float:
    _require(records)
    return min(r.sent_at for r in records)


def span_s(records: Sequence[RequestRecord]) -> float:
    """Wall time from the first request sent to the last response received."""
    _require(records)
    return max(r.received_at for r in records) - start_time(records)


def ok_count(records: Sequence[RequestRecord]) -> int:
    return sum(1 for r in records if r.ok)


def latencies_s(records: Sequence[RequestRecord]) -> list[float]:
    return [r.latency_s for r in records if r.ok]


def median(values: Sequence[float]) -> float:
    if not values:
        raise BadArgumentError(i18n.text("median of no values"))
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _group_by_gaps(times: Sequence[float], gap_s: float) -> list[list[float]]:
    groups: list[list[float]] = []
    for t in sorted(times):
        if groups and t - groups[-1][-1] <= gap_s:
            groups[-1].append(t)
        else:
            groups.append([t])
    return groups


def waves(records: Sequence[RequestRecord], gap_s: float = 0.3) -> list[Wave]:
    """Group completion times as the client saw them: a new wave starts after a pause longer than `gap_s`."""
    _require(records)
    t0 = start_time(records)
    return [Wave(len(g), g[-1]) for g in _group_by_gaps([r.received_at - t0 for r in records if r.ok], gap_s)]


def handler_waves(records: Sequence[RequestRecord], gap_s: float = 0.3) -> list[Wave]:
    """Group the times handlers *ended* (server clock): waves the client may not see.

    A client can see fewer waves than the handlers made: FastAPI validates a `def` handler's
    return value in the threadpool too, so a finished request can queue for a thread token
    behind handlers that are still waiting for one.
    """
    _require(records)
    t0 = start_time(records)
    ends = [r.server_end - t0 for r in records if r.ok and r.server_end is not None]
    return [Wave(len(g), g[-1]) for g in _group_by_gaps(ends, gap_s)]


def max_overlap(records: Sequence[RequestRecord]) -> int:
    """The largest number of handlers that were running at the same moment (server-side times)."""
    events: list[tuple[float, int]] = []
    for r in records:
        if r.server_start is not None and r.server_end is not None:
            events += [(r.server_start, 1), (r.server_end, -1)]
    running = peak = 0
    for _, step in sorted(events, key=lambda e: (e[0], e[1])):
        running += step
        peak = max(peak, running)
    return peak


def _by_pid(records: Sequence[RequestRecord]) -> dict[int, list[RequestRecord]]:
    """The records with server-side times, grouped by the PID that ran them."""
    grouped: dict[int, list[RequestRecord]] = {}
    for r in records:
        if r.pid is not None and r.server_start is not None and r.server_end is not None:
            grouped.setdefault(r.pid, []).append(r)
    return grouped


def late_starts(records: Sequence[RequestRecord]) -> int:
    """How many handlers started only after another handler of their own process had finished.

    A second wave on the server's clock: in a burst that fits the thread tokens, every handler starts before
    the first one ends; a handler that waited for a token starts when one is freed. The client's waves
    (`waves`) can split on a starved machine that is slow to deliver the answers; these starts do not.
    """
    late = 0
    for group in _by_pid(records).values():
        first_end = min(r.server_end for r in group if r.server_end is not None)
        late += sum(1 for r in group if r.server_start is not None and r.server_start >= first_end)
    return late


def peak_by_pid(records: Sequence[RequestRecord]) -> dict[int, int]:
    """The most handlers each process ran at the same moment (`max_overlap`, one process at a time)."""
    return {pid: max_overlap(group) for pid, group in _by_pid(records).items()}


def counts_by_pid(records: Sequence[RequestRecord]) -> dict[int, int]:
    """Successful requests per worker PID, busiest first."""
    return dict(Counter(r.pid for r in records if r.ok and r.pid is not None).most_common())


def counts_by_thread(records: Sequence[RequestRecord]) -> dict[str, int]:
    return dict(Counter(r.thread_label for r in records if r.ok).most_common())


def thread_names(records: Sequence[RequestRecord]) -> set[str]:
    """The Python thread names that ran the handlers (`threading`: "MainThread", "AnyIO worker thread")."""
    return {r.thread for r in records if r.thread}
