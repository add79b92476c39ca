"""Work requests sent together with a /ping every 0.1 s: how long the event loop kept a trivial request waiting."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from helpers import i18n, load, measure
from helpers.errors import BadArgumentError
from helpers.records import RequestRecord
from helpers.servers import Server
from labapp import contract


@dataclass(frozen=True)
class PingedRun:
    """Work requests sent together, and /ping requests sent at a steady pace meanwhile."""

    work: tuple[RequestRecord, ...]
    pings: tuple[RequestRecord, ...]

    @property
    def span_s(self) -> float:
        return measure.span_s(self.work)

    @property
    def max_lag_s(self) -> float:
        """The slowest ping: how long the event loop kept a trivial request waiting."""
        return max(measure.latencies_s(self.pings), default=float("nan"))

    @property
    def records(self) -> list[RequestRecord]:
        return [*self.work, *self.pings]

    @classmethod
    def split(cls, records: list[RequestRecord], n: int) -> PingedRun:
        """The records of a `ping_plan`, in its order: the first `n` are the work."""
        return cls(work=tuple(records[:n]), pings=tuple(records[n:]))


def with_pings(
    target: Server,
    paths: Mapping[str, str],
    n: int,
    *,
    pings: int = 12,
    interval_s: float = 0.1,
    ping_path: str = contract.PING,
    timeout_s: float = 30.0,
) -> dict[str, PingedRun]:
    """For each labelled path in turn: `n` requests at t=0 and a ping every `interval_s` from 0.05 s on."""
    runs = {}
    for label, path in paths.items():
        plan, delays = ping_plan(path, n, pings=pings, interval_s=interval_s, ping_path=ping_path)
        records = load.fire(target, paths=plan, delays_s=delays, timeout_s=timeout_s)
        runs[label] = PingedRun.split(records, n)
    return runs


def ping_plan(
    path: str, n: int, *, pings: int, interval_s: float = 0.1, ping_path: str = contract.PING
) -> tuple[list[str], list[float]]:
    """The paths and send delays of one `with_pings` run: `n` × `path` at t=0, pings from 0.05 s on."""
    if not 1 <= n <= 200 or not 1 <= pings <= 100:
        raise BadArgumentError(i18n.text(f"n must be 1..200 and pings 1..100, got {n!r} and {pings!r}"))
    return [path] * n + [ping_path] * pings, [0.0] * n + [0.05 + i * interval_s for i in range(pings)]
