"""The two thread pools behind blocking calls, and the wave arithmetic notebook 03 checks.

asyncio's default executor (``asyncio.to_thread``, ``run_in_executor(None, ...)``) is a
``ThreadPoolExecutor`` of min(32, cpu_count + 4) threads; Starlette's ``run_in_threadpool`` (every
``def`` handler) borrows one of AnyIO's 40 thread tokens. Equal blocking calls through a pool of N
threads finish in ceil(calls / N) waves, so one batch can tell the two pools apart.

    size = threadpools.default_executor_size()
    n = threadpools.contrast_batch(size)          # 2 waves on the executor, 1 on the limiter
    threadpools.sleeping_waves(n, size)           # {"asyncio.to_thread": 2, "run_in_threadpool": 1}
"""

from __future__ import annotations

import math
import os

from helpers import cores, i18n
from labapp import contract

ANYIO_DEFAULT_TOKENS = contract.ANYIO_DEFAULT_TOKENS  # anyio: CapacityLimiter(40) in current_default_thread_limiter()
EXECUTOR_CAP = 32  # concurrent.futures.ThreadPoolExecutor: min(32, cpu_count + 4)


def executor_default_size(cpu_count: int) -> int:
    """ThreadPoolExecutor's default max_workers for this cpu count: min(32, cpu_count + 4)."""
    return min(EXECUTOR_CAP, max(1, cpu_count) + 4)


def executor_cpu_count() -> int:
    """The count ThreadPoolExecutor sizes itself by: os.process_cpu_count() (3.13+) or os.cpu_count().

    It is not the CPU quota: inside a 1.5-CPU container on a 64-core host this is 64.
    """
    return cores.process_count() or os.cpu_count() or 1


def default_executor_size() -> int:
    """The real default size of asyncio's executor here (asyncio.to_thread, run_in_executor(None, ...))."""
    from concurrent.futures import ThreadPoolExecutor

    pool = ThreadPoolExecutor()  # threads start lazily: creating one starts none
    size = getattr(pool, "_max_workers", None)
    pool.shutdown(wait=False)
    return size if isinstance(size, int) else executor_default_size(executor_cpu_count())


def wave_count(n_calls: int, lanes: int) -> int:
    """Equal blocking calls through a pool of `lanes` threads finish in ceil(n / lanes) waves."""
    if lanes < 1:
        raise ValueError(i18n.text("a pool needs at least one thread"))
    return math.ceil(n_calls / lanes) if n_calls > 0 else 0


def contrast_batch(executor_size: int, tokens: int = ANYIO_DEFAULT_TOKENS) -> int | None:
    """Calls that take 2 waves on the executor but 1 on the limiter: min(2 × executor, tokens).

    None when the executor is at least as large as the limiter (no batch can tell them apart).
    """
    if executor_size >= tokens:
        return None
    return min(2 * executor_size, tokens)


def sleeping_waves(n_calls: int, executor_size: int, tokens: int = ANYIO_DEFAULT_TOKENS) -> dict[str, int]:
    """Expected waves of `n_calls` sleeping calls through asyncio.to_thread vs run_in_threadpool."""
    return {
        "asyncio.to_thread": wave_count(n_calls, executor_size),
        "run_in_threadpool": wave_count(n_calls, tokens),
    }
