"""A minimal keep-alive HTTP/1.1 GET loop for throughput runs.

httpx spends far more CPU per request than uvicorn does, so with httpx the client, not the
server, sets the measured rate. This loop writes raw requests and reads just enough of each
response (status line, Content-Length, body) to stay in step: a client that is cheap enough
for the server to be the bottleneck on the course's experiments.
"""

from __future__ import annotations

import asyncio
import time


async def _connection_loop(port: int, request: bytes, deadline: float, tally: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < deadline:
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
    deadline = began + duration_s
    results = await asyncio.gather(
        *(_connection_loop(port, request, deadline, tally) for _ in range(connections)), return_exceptions=True
    )
    tally[1] += sum(1 for r in results if isinstance(r, BaseException))
    return tally[0], tally[1], time.monotonic() - began
