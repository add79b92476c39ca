"""A handler's source as a learner should read it: the request that reaches it, then its code.

The lab apps name their paths once, in ``labapp/contract.py``, so a decorator reads
``@router.get(contract.CALL_HTTPX_ASYNC)`` and no longer shows the URL. The app's own routing
table still knows it: this prints ``GET /call/httpx-async`` above the code.

    print(source.of_handler(labapp.awaits.app, labapp.awaits.httpx_async))
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, Protocol

from helpers import i18n
from helpers.errors import BadArgumentError


class _Routed(Protocol):
    """What a Starlette or FastAPI app exposes: its routes, each with an endpoint, a path and methods."""

    @property
    def routes(self) -> list[Any]: ...


def _routes(app: _Routed) -> list[Any]:
    """Every route with its full path. FastAPI >= 0.16x keeps an included router as one entry of
    ``app.routes`` and lists its routes through ``fastapi.routing.iter_route_contexts`` (what its
    OpenAPI schema reads); older versions copied them into ``app.routes``."""
    import fastapi.routing

    expand = getattr(fastapi.routing, "iter_route_contexts", None)
    return list(expand(app.routes)) if expand is not None else list(app.routes)


def requests_to(app: _Routed, endpoint: Callable[..., Any]) -> list[str]:
    """``METHOD /path`` for every route of `app` that `endpoint` answers (HEAD, added with GET, left out)."""
    found = []
    for route in _routes(app):
        if getattr(route, "endpoint", None) is endpoint:
            methods = sorted(set(getattr(route, "methods", None) or ()) - {"HEAD"}) or ["GET"]
            found += [f"{method} {route.path}" for method in methods]
    return found


def of_handler(app: _Routed, endpoint: Callable[..., Any]) -> str:
    """The requests `endpoint` answers in `app`, as a comment line, then its source (decorator included)."""
    served = requests_to(app, endpoint)
    if not served:
        name = getattr(endpoint, "__name__", repr(endpoint))
        raise BadArgumentError(
            i18n.text(f"{name} is not a handler of this app: none of its {len(_routes(app))} routes calls it")
        )
    return f"# {', '.join(served)}\n{inspect.getsource(endpoint)}"
