"""Run a coroutine to completion from synchronous code, even inside a Jupyter kernel.

The kernel's own event loop is already running, so ``asyncio.run`` is refused there. We run
the coroutine on a fresh loop in a helper thread and wait in short slices, so that a kernel
interrupt (KeyboardInterrupt in the main thread) cancels the work within a fraction of a second.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")


def run_sync(coro: Coroutine[Any, Any, T], *, use_uvloop: bool = False) -> T:
    """Run `coro` on its own loop in a thread; KeyboardInterrupt cancels it and is re-raised."""
    loop = _new_loop(use_uvloop)
    outcome: dict[str, Any] = {}
    task_ready = threading.Event()

    def target() -> None:
        asyncio.set_event_loop(loop)
        try:
            task = loop.create_task(coro)
            outcome["task"] = task
            task_ready.set()
            outcome["result"] = loop.run_until_complete(task)
        except BaseException as exc:
            outcome["error"] = exc
        finally:
            task_ready.set()
            loop.close()

    thread = threading.Thread(target=target, name="serverlab-load", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(timeout=0.1)
    except KeyboardInterrupt:
        task_ready.wait(1.0)
        task = outcome.get("task")
        if task is not None and not loop.is_closed():
            loop.call_soon_threadsafe(task.cancel)
        thread.join(timeout=2.0)
        raise
    if "error" in outcome:
        raise outcome["error"]
    result: T = outcome["result"]
    return result


def blocking(coroutine_function: Callable[P, Coroutine[Any, Any, T]]) -> Callable[P, T]:
    """The synchronous twin of an ``async def``: same parameters (Shift-Tab shows them), runs via `run_sync`."""

    @functools.wraps(coroutine_function)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        return run_sync(coroutine_function(*args, **kwargs))

    run.__name__ = run.__qualname__ = coroutine_function.__name__.removesuffix("_async")
    return run


def _new_loop(use_uvloop: bool) -> asyncio.AbstractEventLoop:
    if use_uvloop:
        try:
            import uvloop

            return uvloop.new_event_loop()
        except ImportError:
            pass
    return asyncio.new_event_loop()
