"""Fire real HTTP requests at a server and keep one tidy record per request.

``fire`` works the same from a notebook cell (whose kernel loop is already running) and from
plain Python; ``fire_async`` is there for code that is itself async. Every request has a
timeout, and every run is bounded: a frozen server yields error records, never a hang.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import httpx

from helpers import i18n
from helpers._plumbing.environment import RUN_SECRET, SECRET_HEADER
from helpers._plumbing.rawhttp import hammer
from helpers._plumbing.running import RunningServer
from helpers._plumbing.sync import blocking, run_sync
from helpers.errors import BadArgumentError
from helpers.records import RequestRecord, ThroughputResult
from labapp import contract

MAX_REQUESTS = 2000
MAX_DURATION_S = 60.0

Target = str | RunningServer
"""A running server, or a URL such as ``http://127.0.0.1:8000``."""


def _base_url(target: Target) -> str:
    url = target if isinstance(target, str) else getattr(target, "url", None)
    if not isinstance(url, str) or not url.startswith("http://"):
        raise BadArgumentError(
            i18n.text(f"target must be a running server or an 'http://127.0.0.1:PORT' URL, got {target!r}")
        )
    return url.rstrip("/")


def _plan(path: str, n: int, paths: Sequence[str] | None, delays_s: Sequence[float] | None) -> list[tuple[float, str]]:
    if paths is None:
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_REQUESTS:
            raise BadArgumentError(i18n.text(f"n must be a whole number from 1 to {MAX_REQUESTS}, got {n!r}"))
        paths = [path] * n
    if not 1 <= len(paths) <= MAX_REQUESTS:
        raise BadArgumentError(i18n.text(f"paths must hold 1 to {MAX_REQUESTS} entries, got {len(paths)}"))
    delays = list(delays_s) if delays_s is not None else [0.0] * len(paths)
    if len(delays) != len(paths) or any(not 0 <= d <= MAX_DURATION_S for d in delays):
        raise BadArgumentError(i18n.text("delays_s must give one delay from 0 to 60 s for each path"))
    for p in paths:
        if not isinstance(p, str) or not p.startswith("/"):
            raise BadArgumentError(i18n.text(f"each path must start with '/', got {p!r}"))
    return list(zip(delays, paths, strict=True))


def _record(index: int, path: str, sent_at: float, response: httpx.Response | None, error: str | None) -> RequestRecord:
    received_at = time.time()
    if response is None:
        return RequestRecord(index, path, sent_at, received_at, None, error)
    try:
        body: Any = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {"value": body}
    return RequestRecord(
        index=index, path=path, sent_at=sent_at, received_at=received_at, status=response.status_code,
        error=None if response.status_code < 400 else str(body.get("detail", response.reason_phrase))[:300],
        pid=body.get("pid"), ppid=body.get("ppid"), thread=body.get("thread"), thread_id=body.get("thread_id"),
        server_start=body.get("start"), server_end=body.get("end"), kind=body.get("kind"), body=body,
    )  # fmt: skip


async def fire_async(
    target: Target,
    path: str = contract.PING,
    n: int = 1,
    *,
    paths: Sequence[str] | None = None,
    delays_s: Sequence[float] | None = None,
    concurrency: int | None = None,
    timeout_s: float = 30.0,
    fresh_connections: bool = False,
    method: str = "GET",
    progress: bool = False,
    on_record: Callable[[RequestRecord], None] | None = None,
) -> list[RequestRecord]:
    """Send the requests (all at once unless `concurrency` caps them) and return records in send order.

    `on_record` is called with each record as its response arrives (for live progress displays).
    """
    base = _base_url(target)
    plan = _plan(path, n, paths, delays_s)
    if not 0 < timeout_s <= 600:
        raise BadArgumentError(i18n.text(f"timeout_s must be between 0 and 600 s, got {timeout_s!r}"))
    if concurrency is not None and not 1 <= concurrency <= MAX_REQUESTS:
        raise BadArgumentError(i18n.text(f"concurrency must be from 1 to {MAX_REQUESTS}, got {concurrency!r}"))
    in_flight = asyncio.Semaphore(concurrency or len(plan))
    limits = httpx.Limits(
        max_connections=concurrency or len(plan),
        max_keepalive_connections=0 if fresh_connections else (concurrency or len(plan)),
    )
    bar = _progress_bar(len(plan)) if progress else None

    async def one(index: int, delay: float, p: str, client: httpx.AsyncClient) -> RequestRecord:
        if delay:
            await asyncio.sleep(delay)
        async with in_flight:
            sent_at = time.time()
            try:
                response = await client.request(method, base + p)
                record = _record(index, p, sent_at, response, None)
            except httpx.HTTPError as exc:
                record = _record(index, p, sent_at, None, f"{type(exc).__name__}: {exc}"[:300])
        if bar is not None:
            bar.update(1)
        if on_record is not None:
            on_record(record)
        return record

    timeout = httpx.Timeout(timeout_s, pool=None)
    # The run's secret: PUT /threadpool and POST /crash of this run's lab servers answer only with it.
    async with httpx.AsyncClient(limits=limits, timeout=timeout, headers={SECRET_HEADER: RUN_SECRET}) as client:
        try:
            return list(await asyncio.gather(*(one(i, d, p, client) for i, (d, p) in enumerate(plan))))
        finally:
            if bar is not None:
                bar.close()


fire = blocking(fire_async)
"""Synchronous `fire_async` with the same parameters: safe in a notebook cell, and interruptible there."""


def throughput(
    target: Target, path: str = contract.PING, *, connections: int = 50, duration_s: float = 3.0
) -> ThroughputResult:
    """Requests per second from `connections` keep-alive connections over `duration_s` (raw HTTP client)."""
    base = _base_url(target)
    if not 1 <= connections <= 1000:
        raise BadArgumentError(i18n.text(f"connections must be from 1 to 1000, got {connections!r}"))
    if not 0 < duration_s <= MAX_DURATION_S:
        raise BadArgumentError(
            i18n.text(f"duration_s must be between 0 and {MAX_DURATION_S:.0f} s, got {duration_s!r}")
        )
    port = urlsplit(base).port or 80
    completed, errors, elapsed = run_sync(hammer(port, path, connections, duration_s), use_uvloop=True)
    return ThroughputResult(path, connections, elapsed, completed, errors, client="serverlab raw keep-alive")


def _progress_bar(total: int) -> Any:
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="requests", unit="req", leave=False)
