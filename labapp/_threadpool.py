"""AnyIO's thread limiter as the lab apps show and resize it (``GET|PUT /threadpool``).

Every ``def`` handler, ``def`` dependency and ``def`` background task borrows one token of this
limiter for as long as it runs (``starlette.concurrency.run_in_threadpool``); its default size
is ``contract.ANYIO_DEFAULT_TOKENS``.
"""

from __future__ import annotations

import os

import anyio.to_thread
from typing_extensions import TypedDict  # pydantic needs this TypedDict on Python < 3.12


class ThreadPoolState(TypedDict):
    """The response of ``GET|PUT /threadpool``: which process, its limiter's size and use."""

    pid: int
    total_tokens: int
    borrowed_tokens: int


def state() -> ThreadPoolState:
    limiter = anyio.to_thread.current_default_thread_limiter()
    return {"pid": os.getpid(), "total_tokens": int(limiter.total_tokens), "borrowed_tokens": limiter.borrowed_tokens}


def resize(tokens: int) -> ThreadPoolState:
    """Only on the event loop (an ``async def`` handler or the lifespan): the limiter belongs to it."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = tokens
    return state()
