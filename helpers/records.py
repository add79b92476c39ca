"""Frozen records that cross module boundaries: one per request, one per throughput run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RequestRecord:
    """One request as the client saw it, plus what the server reported about running it.

    Client and server times are ``time.time()`` on the same machine, so they share a clock.
    """

    index: int
    path: str
    sent_at: float
    received_at: float
    status: int | None
    error: str | None = None
    pid: int | None = None
    ppid: int | None = None
    thread: str | None = None
    thread_id: int | None = None
    server_start: float | None = None
    server_end: float | None = None
    kind: str | None = None
    body: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def latency_s(self) -> float:
        """Client-side time from sending the request to receiving the whole response."""
        return self.received_at - self.sent_at

    @property
    def handler_s(self) -> float | None:
        """Server-side time the handler ran, if the server reported it."""
        if self.server_start is None or self.server_end is None:
            return None
        return self.server_end - self.server_start

    @property
    def thread_label(self) -> str:
        if self.thread is None:
            return "?"
        return f"{self.thread} ({(self.thread_id or 0) % 100000})"


@dataclass(frozen=True)
class ThroughputResult:
    """Requests completed by a fixed number of keep-alive connections in a fixed time."""

    path: str
    connections: int
    duration_s: float
    completed: int
    errors: int
    client: str

    @property
    def requests_per_s(self) -> float:
        return self.completed / self.duration_s if self.duration_s > 0 else 0.0
