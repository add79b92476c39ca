"""Let /docs work when a lab app is reached through JupyterLab's proxy (``srv.link("/docs")``).

jupyter-server-proxy forwards ``<base>/proxy/<port>/docs`` to this server as ``/docs`` and names
the part it removed in an ``X-Forwarded-Prefix`` header. FastAPI builds the URL of
``openapi.json`` inside the docs page from the ASGI ``root_path``; without it, the browser would
ask the Jupyter server for ``/openapi.json`` and get a 404. This middleware copies the header
into ``root_path``. Routing is unchanged: Starlette strips ``root_path`` only from paths that
start with it, and the proxied path (``/docs``) does not.

The seed apps do not have it (they stay as the seed wrote them): their ``/`` works through the
proxy, their ``/docs`` page does not find its schema there.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from labapp.contract import PREFIX_HEADER as _HEADER

PREFIX_HEADER = _HEADER.lower().encode("latin-1")  # ASGI header names are lower-case bytes


class ForwardedPrefix:
    """Pure ASGI middleware: ``root_path`` from ``X-Forwarded-Prefix``, when the server set none itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope.get("root_path"):
            prefix = next((value for name, value in scope["headers"] if name == PREFIX_HEADER), None)
            if prefix:
                scope = {**scope, "root_path": prefix.decode("latin-1").rstrip("/")}
        await self.app(scope, receive, send)
