"""The smallest honest ASGI server: HTTP/1.1 in, ASGI calls to the app, HTTP/1.1 out.

It shows what uvicorn's job is, in a few dozen lines: parse the request, build the ``scope``
dict, hand the body over through ``receive``, collect ``send`` messages, write the response.
One request at a time, one connection per request, no lifespan, no keep-alive: a teaching
aid, not a server to deploy.

    python -m helpers.tiny_asgi labapp.seed_bare:app --port 8123
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
from typing import Any


def load_app(target: str) -> Any:
    module_name, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


async def handle(app: Any, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    head = await reader.readuntil(b"\r\n\r\n")
    request_line, *header_lines = head.decode("latin-1").split("\r\n")[:-2]
    method, target, _version = request_line.split(" ", 2)
    headers = [(k.strip().lower().encode(), v.strip().encode()) for k, v in (h.split(":", 1) for h in header_lines)]
    length = int(dict(headers).get(b"content-length", b"0"))
    body = await reader.readexactly(length) if length else b""
    path, _, query = target.partition("?")
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(),
        "root_path": "", "headers": headers, "client": writer.get_extra_info("peername"),
        "server": writer.get_extra_info("sockname"),
    }  # fmt: skip

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    response: dict[str, Any] = {"status": 500, "headers": [], "body": b""}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            response["status"], response["headers"] = message["status"], message.get("headers", [])
        elif message["type"] == "http.response.body":
            response["body"] += message.get("body", b"")

    await app(scope, receive, send)
    lines = [f"HTTP/1.1 {response['status']} -".encode()]
    lines += [k + b": " + v for k, v in response["headers"] if k.lower() != b"content-length"]
    lines += [b"content-length: " + str(len(response["body"])).encode(), b"connection: close"]
    writer.write(b"\r\n".join(lines) + b"\r\n\r\n" + response["body"])
    await writer.drain()
    writer.close()


async def serve(app: Any, port: int) -> None:
    lock = asyncio.Lock()  # one request at a time, to keep the picture simple

    async def on_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        async with lock:
            await handle(app, reader, writer)

    server = await asyncio.start_server(on_connection, "127.0.0.1", port)
    print(f"tiny_asgi serving on http://127.0.0.1:{port}", flush=True)
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("app", help="module:attribute of an ASGI app")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    asyncio.run(serve(load_app(args.app), args.port))


if __name__ == "__main__":
    main()
