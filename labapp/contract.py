"""What the lab apps and the helpers agree on: every name one side writes and the other reads.

The lab apps (``labapp/*``) serve these routes and read these variables; the helpers start the
apps by these import strings, set these variables and call these routes. Both sides import the
names from here, so a rename is one edit, and a name that no longer exists fails at import or in
``mypy``, not in a notebook cell. No FastAPI import: the helpers load this module without loading
a web framework.
"""

from __future__ import annotations

from typing import Final

# -- the apps, as a server imports them ---------------------------------------------------------
LAB_APP: Final = "labapp.lab:app"  # the instrumented lab app (notebooks 01-06, 08, the panels)
AWAITS_APP: Final = "labapp.awaits:app"  # notebook 04's lab app
UPSTREAM_APP: Final = "labapp.upstream:app"  # notebook 04's slow dependency

# -- environment variables a lab app reads at start ---------------------------------------------
SECRET_VAR: Final = "SERVERLAB_SECRET"  # the run secret (labapp/_guard.py)
THREAD_TOKENS_VAR: Final = "SERVERLAB_THREAD_TOKENS"  # resize AnyIO's thread limiter in the lifespan
CPU_CALIBRATION_VAR: Final = "SERVERLAB_CPU_ITERATIONS_PER_MS"  # one CPU calibration for servers compared
UPSTREAM_VAR: Final = "SERVERLAB_UPSTREAM_URL"  # where labapp.awaits finds labapp.upstream
PROCESS_WORKERS_VAR: Final = "SERVERLAB_PROCESS_WORKERS"  # labapp.awaits' process pool size, 0 for none
IMPORT_DELAY_VAR: Final = "SERVERLAB_IMPORT_DELAY_S"  # labapp.slow_import sleeps this long when imported
MARKER_PREFIX: Final = "SERVERLAB_"  # GET /info reports every variable with this prefix but the secret

# -- request headers ----------------------------------------------------------------------------
SECRET_HEADER: Final = "X-Serverlab-Secret"  # carries the run secret to a destructive endpoint
PREFIX_HEADER: Final = "X-Forwarded-Prefix"  # what JupyterLab's proxy removed from the path (_proxied.py)

# -- routes every lab app serves (labapp/_basics.py) --------------------------------------------
HEALTH: Final = "/health"  # the helpers' readiness check
PING: Final = "/ping"  # returns at once: its latency is the event loop's lag

# -- routes of labapp.lab and labapp.awaits that the helpers call -------------------------------
INFO: Final = "/info"
THREADPOOL: Final = "/threadpool"  # GET: AnyIO's limiter; PUT ?size=N (secret): resize it
CRASH: Final = "/crash"  # POST (secret): the process exits
ASYNC_SLEEP: Final = "/async/sleep"
ASYNC_BLOCK: Final = "/async/block"
SYNC_SLEEP: Final = "/sync/sleep"
ASYNC_SPIN: Final = "/async/spin"
SYNC_SPIN: Final = "/sync/spin"
ASYNC_CPU: Final = "/async/cpu"
SYNC_CPU: Final = "/sync/cpu"
OFFLOAD_SLEEP: Final = "/async/offload/sleep"
OFFLOAD_CPU: Final = "/async/offload/cpu"
TO_THREAD_SLEEP: Final = "/async/to-thread/sleep"
TO_THREAD_CPU: Final = "/async/to-thread/cpu"

# -- routes of labapp.awaits (notebook 04) that the helpers call --------------------------------
CALL_REQUESTS_IN_ASYNC: Final = "/call/requests-in-async"
CALL_REQUESTS_IN_DEF: Final = "/call/requests-in-def"
CALL_HTTPX_ASYNC: Final = "/call/httpx-async"
CALL_HTTPX_PER_REQUEST: Final = "/call/httpx-per-request"
DB_ASYNC: Final = "/db/async"
DB_SYNC: Final = "/db/sync"
DB_OFFLOAD: Final = "/db/offload"
HOLD: Final = "/hold"  # ?s=: a `def` that holds one thread token for s seconds
EVENTS: Final = "/events"  # ?tag=: the server's own log of handlers that outlive their client

# -- routes of labapp.deadlines (notebook 06: what asyncio.timeout stops) -------------------------
DEADLINE_THREADPOOL: Final = "/deadline/threadpool"  # ?s=&limit=: run_in_threadpool under asyncio.timeout
DEADLINE_TO_THREAD: Final = "/deadline/to-thread"  # asyncio.to_thread under asyncio.timeout
DEADLINE_SPIN: Final = "/deadline/spin"  # a busy loop in async def under asyncio.timeout
DEADLINE_SLEEP: Final = "/deadline/sleep"  # await asyncio.sleep under asyncio.timeout
DEADLINE_THREADS: Final = "/threads"  # abandoned work still running, AnyIO tokens borrowed now
DEADLINE_THREAD_COUNT: Final = "/deadline/thread-count"  # threading.active_count()

# -- routes of labapp.upstream --------------------------------------------------------------------
SLOW: Final = "/slow"  # ?delay_s=
CONNECTIONS: Final = "/connections"  # GET: requests served and distinct connections seen
CONNECTIONS_RESET: Final = "/connections/reset"  # POST: start counting again

# -- limits and defaults both sides use ---------------------------------------------------------
# AnyIO's default thread limiter: anyio/_backends/_asyncio.py, current_default_thread_limiter(),
# CapacityLimiter(40) (anyio 4.x). Every `def` handler borrows one of these tokens.
ANYIO_DEFAULT_TOKENS: Final = 40
MAX_SECONDS: Final = 30.0  # labapp.lab refuses longer sleeping or spinning (?s=)
MAX_CPU_MS: Final = 10_000.0  # and more CPU work (?ms=)
