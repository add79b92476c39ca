"""Raw HTTP/1.1 clients: a keep-alive GET loop for throughput runs, and a connection reused as is.

httpx spends far more CPU per request than uvicorn does, so with httpx the client, not the
server, sets the measured rate. This loop writes raw requests and reads just enough of each
response (status line, Content-Length, body) to stay in step: a client that is cheap enough
for the server to be the bottleneck on the course's experiments.

``RawConnection`` reuses one connection without checking it first, as a connection pool in a
proxy may: what such a client sees when the server has closed the connection (notebook 08).
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from helpers import i18n
from helpers._plumbing.deadline import Deadline
from helpers.records import RequestRecord


async def _connection_loop(port: int, request: bytes, deadline: Deadline, tally: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while deadline.running():
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
                    break
            if length:
                await reader.readexactly(length)
            if head[9:12] == b"200":
                tally[0] += 1
            else:
                tally[1] += 1
    finally:
        writer.close()


async def hammer(port: int, path: str, connections: int, duration_s: float) -> tuple[int, int, float]:
    """Run `connections` keep-alive loops for `duration_s`; returns (ok, failed, elapsed_s)."""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
    tally = [0, 0]
    began = time.monotonic()
    deadline = Deadline(duration_s)
    results = await asyncio.gather(
        *(_connection_loop(port, request, deadline, tally) for _ in range(connections)), return_exceptions=True
    )
    tally[1] += sum(1 for r in results if isinstance(r, BaseException))
    return tally[0], tally[1], time.monotonic() - began


def _record(
    index: int, path: str, sent_at: float, status: int | None, body: dict[str, Any], error: str | None
) -> RequestRecord:
    failed = error if status is None else (None if status < 400 else f"HTTP {status}")
    return RequestRecord(
        index=index, path=path, sent_at=sent_at, received_at=time.time(), status=status, error=failed,
        pid=body.get("pid"), ppid=body.get("ppid"), thread=body.get("thread"), thread_id=body.get("thread_id"),
        server_start=body.get("start"), server_end=body.get("end"), kind=body.get("kind"), body=body,
    )  # fmt: skip


class RawConnection:
    """One HTTP/1.1 keep-alive connection that is reused as is: no check that the server still holds it."""

    def __init__(self, port: int, timeout_s: float) -> None:
        self.port = port
        self.timeout_s = timeout_s
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(self, index: int, path: str) -> RequestRecord:
        sent_at = time.time()
        try:
            status, body = await asyncio.wait_for(self._exchange(path), self.timeout_s)
            return _record(index, path, sent_at, status, body, None)
        except (TimeoutError, OSError, EOFError, ValueError, asyncio.IncompleteReadError) as exc:
            self.close()  # the next request opens a new connection, as a pool would
            return _record(index, path, sent_at, None, {}, f"{type(exc).__name__}: {exc}"[:200])

    async def _exchange(self, path: str) -> tuple[int, dict[str, Any]]:
        if self._streams is None:
            self._streams = await asyncio.open_connection("127.0.0.1", self.port)
        reader, writer = self._streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        if not head:
            raise EOFError(i18n.text("the server closed the connection without a response"))
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        raw = await reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        try:
            decoded = json.loads(raw) if raw else {}
        except ValueError:
            decoded = {}
        return status, decoded if isinstance(decoded, dict) else {}

    def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()
            self._streams = None
