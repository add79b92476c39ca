"""Event-loop lag, measured from outside: fire some work, then ping at a fixed interval.

``/ping`` is an ``async def`` that returns at once, so its latency is how long the server's
event loop took to get round to it: a few milliseconds when the loop is free, and up to the
whole duration of the work when something on the loop refuses to yield.

    run = looplag.probe(srv, "/async/cpu?ms=1500", pings=10, interval_s=0.12)
    run.max_lag_s, run.pings, run.work
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers import i18n, load, measure
from helpers.errors import BadArgumentError
from helpers.load import Target
from helpers.records import RequestRecord
from labapp import contract


@dataclass(frozen=True)
class LagRun:
    """The work requests and the pings fired while they ran (both in send order)."""

    work: tuple[RequestRecord, ...]
    pings: tuple[RequestRecord, ...]

    @property
    def records(self) -> list[RequestRecord]:
        """Work and pings together, e.g. for ``plots.timeline(..., color_by="path")``."""
        return [*self.work, *self.pings]

    @property
    def lags_s(self) -> list[float]:
        """Latency of each answered ping (seconds)."""
        return measure.latencies_s(self.pings)

    @property
    def max_lag_s(self) -> float:
        return max(self.lags_s, default=float("nan"))

    @property
    def median_lag_s(self) -> float:
        lags = self.lags_s
        return measure.median(lags) if lags else float("nan")

    @property
    def work_window(self) -> tuple[float, float] | None:
        """From the first work handler's start to the last one's end (server clock), if reported."""
        starts = [r.server_start for r in self.work if r.server_start is not None]
        ends = [r.server_end for r in self.work if r.server_end is not None]
        return (min(starts), max(ends)) if starts and ends else None

    def pings_sent_during_work(self) -> list[RequestRecord]:
        window = self.work_window
        if window is None:
            return []
        return [p for p in self.pings if window[0] < p.sent_at < window[1]]

    def pings_answered_during_work(self) -> int:
        """Pings sent while the work ran that were answered before it finished (0 = the loop was blocked)."""
        window = self.work_window
        if window is None:
            return 0
        return sum(1 for p in self.pings_sent_during_work() if p.ok and p.received_at < window[1])

    def pings_served_while_work_ran(self) -> int:
        """Pings whose handler ran while some work handler was in progress (server clock).

        0 means the loop never interleaved a ping with the work: with several blocking
        requests the loop can still slip pings in *between* them, but never *during* one.
        """
        spans = [(w.server_start, w.server_end) for w in self.work if w.server_start is not None and w.server_end]
        return sum(
            1
            for p in self.pings
            if p.server_start is not None and any(start < p.server_start < end for start, end in spans)
        )


def probe(
    target: Target,
    work_path: str,
    *,
    work_n: int = 1,
    pings: int = 10,
    interval_s: float = 0.1,
    lead_s: float = 0.1,
    timeout_s: float = 30.0,
    ping_path: str = contract.PING,
) -> LagRun:
    """Send `work_n` requests to `work_path` at t=0, then one `ping_path` every `interval_s` from `lead_s` on."""
    if not 1 <= pings <= 200 or not 1 <= work_n <= 500:
        raise BadArgumentError(i18n.text(f"pings must be 1..200 and work_n 1..500, got {pings!r} and {work_n!r}"))
    if not 0.0 < interval_s <= 5.0 or not 0.0 <= lead_s <= 10.0:
        raise BadArgumentError(
            i18n.text(f"interval_s must be in (0, 5] and lead_s in [0, 10], got {interval_s!r}, {lead_s!r}")
        )
    paths = [work_path] * work_n + [ping_path] * pings
    delays = [0.0] * work_n + [lead_s + i * interval_s for i in range(pings)]
    records = load.fire(target, paths=paths, delays_s=delays, timeout_s=timeout_s)
    return LagRun(work=tuple(records[:work_n]), pings=tuple(records[work_n:]))


def idle_baseline(target: Target, pings: int = 20) -> list[RequestRecord]:
    """Sequential pings on one keep-alive connection: the loop's latency when nothing else runs."""
    return load.fire(target, contract.PING, pings, concurrency=1)
