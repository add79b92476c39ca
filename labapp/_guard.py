"""Endpoints that stop or reconfigure the server answer only whoever holds the server's secret.

On a shared JupyterHub node every learner's lab servers listen on the same 127.0.0.1, so any
learner can reach any other's. The helpers give each kernel run a random secret, put it in
the server's environment (``contract.SECRET_VAR``) and send it back as a header on their own calls;
a request without it gets 403. A server without the variable (one started by hand with the
command a notebook shows) refuses these endpoints too: fail closed, and the 403 says how to
set a secret of your own.
"""

from __future__ import annotations

import hmac
import os
from typing import Annotated

from fastapi import Header, HTTPException, Request

from labapp.contract import LAB_APP, SECRET_HEADER, SECRET_VAR

__all__ = ["SECRET_HEADER", "SECRET_VAR", "require_run_secret"]


def how_to_set_one(method: str, path: str) -> str:
    """One line: how a learner who started the server by hand gets this endpoint to answer."""
    return (
        f"start the server with a secret of your own in its environment, e.g. "
        f"`{SECRET_VAR}=pick-one python -m uvicorn {LAB_APP} --host 127.0.0.1 --port 8000`, "
        f"and send it as a header: `curl -X {method} -H '{SECRET_HEADER}: pick-one' http://127.0.0.1:8000{path}`"
    )


async def require_run_secret(
    request: Request, secret: Annotated[str | None, Header(alias=SECRET_HEADER)] = None
) -> None:
    """A FastAPI dependency: 403 unless the server has a secret and the request carries it.

    ``async def`` on purpose: FastAPI runs a plain ``def`` dependency in the thread pool, so the
    guard would borrow one of the 40 tokens, and a PUT /threadpool meant to raise the limit while
    every token is held (notebook 04) would wait for one to come back.
    """
    expected = os.environ.get(SECRET_VAR)
    endpoint = f"{request.method} {request.url.path}"
    if not expected:
        raise HTTPException(
            403,
            f"{endpoint} is refused: this server has no {SECRET_VAR}, and without one anybody on this machine "
            f"could call it; {how_to_set_one(request.method, request.url.path)}",
        )
    if not hmac.compare_digest((secret or "").encode(), expected.encode()):
        raise HTTPException(
            403,
            f"{endpoint} is refused: only the notebook that started this server may call it "
            f"(send its {SECRET_HEADER}; the helpers' srv.request does)",
        )
