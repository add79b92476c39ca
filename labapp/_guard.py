"""Endpoints that stop or reconfigure the server answer only the run that started it.

On a shared JupyterHub node every learner's lab servers listen on the same 127.0.0.1, so any
learner can reach any other's. The helpers give each kernel run a random secret, put it in
the server's environment (SERVERLAB_SECRET) and send it back as a header on their own calls;
a request without it gets 403. A server started by hand, without the variable, stays open.
"""

from __future__ import annotations

import hmac
import os
from typing import Annotated

from fastapi import Header, HTTPException

SECRET_VAR = "SERVERLAB_SECRET"
SECRET_HEADER = "X-Serverlab-Secret"


async def require_run_secret(x_serverlab_secret: Annotated[str | None, Header()] = None) -> None:
    """A FastAPI dependency: 403 unless the request carries this server's run secret.

    ``async def`` on purpose: FastAPI runs a plain ``def`` dependency in the thread pool, so the
    guard would borrow one of the 40 tokens, and a PUT /threadpool meant to raise the limit while
    every token is held (notebook 07) would wait for one to come back.
    """
    expected = os.environ.get(SECRET_VAR)
    if expected and not hmac.compare_digest((x_serverlab_secret or "").encode(), expected.encode()):
        raise HTTPException(403, f"only the notebook that started this server may call this: send its {SECRET_HEADER}")
