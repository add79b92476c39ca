"""AnyIO's thread tokens, held for real: send requests only once a sleeping `def` holds the one token."""

from __future__ import annotations

from helpers import load, supervision
from helpers._plumbing.deadline import poll_until
from helpers.records import RequestRecord
from helpers.servers import Server
from labapp import contract


def wait_borrowed(srv: Server, n: int, timeout_s: float = 5.0) -> int:
    """Poll the lab's limiter until `n` tokens are borrowed (bounded); returns the count last read."""
    return poll_until(lambda: int(srv.get(contract.THREADPOOL)["borrowed_tokens"]), lambda b: b >= n, timeout_s, 0.02)


def while_held(srv: Server, paths: list[str], *, hold_s: float) -> tuple[RequestRecord, list[RequestRecord]]:
    """With the limiter at one token, held by a sleeping `def` (/hold), send `paths`; restore AnyIO's default."""
    srv.request("PUT", f"{contract.THREADPOOL}?size=1")
    try:
        holder = supervision.fire_in_background(srv, f"{contract.HOLD}?s={hold_s}", 1)
        wait_borrowed(srv, 1)
        sent = load.fire(srv, paths=paths)
        return holder.result()[0], sent
    finally:
        srv.request("PUT", f"{contract.THREADPOOL}?size={contract.ANYIO_DEFAULT_TOKENS}")
