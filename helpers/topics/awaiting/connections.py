"""How many TCP connections reached the upstream: a shared client reuses them, one per request does not."""

from __future__ import annotations

from dataclasses import dataclass

from helpers import load
from helpers.records import RequestRecord
from helpers.servers import Server
from labapp import contract


@dataclass(frozen=True)
class ConnectionCount:
    """Requests the upstream served and distinct TCP connections (client ports) they came on."""

    requests: int
    connections: int
    records: tuple[RequestRecord, ...]


def count_connections(srv: Server, up: Server, path: str, n: int, *, concurrency: int) -> ConnectionCount:
    """Send `n` requests (`concurrency` at a time) and read how many connections reached the upstream."""
    up.request("POST", contract.CONNECTIONS_RESET)
    records = load.fire(srv, path, n, concurrency=concurrency)
    seen = up.get(contract.CONNECTIONS)
    return ConnectionCount(int(seen["requests"]), int(seen["connections"]), tuple(records))
