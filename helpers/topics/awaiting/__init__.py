"""Notebook 04 (what really awaits): its servers and the instruments read off them, one file per subject.

    up = awaiting.upstream()                      # apps: labapp.upstream answers after ?delay_s
    srv = awaiting.lab(up)                        # apps: labapp.awaits, told the upstream's URL (env var)
    runs = awaiting.with_pings(srv, {"requests in async def": "/call/requests-in-async?delay_s=0.5"}, 5)

- ``apps``: ``upstream()``, ``lab(up, process_workers=)``, ``pool_size()``;
- ``pings``: ``with_pings`` → ``PingedRun`` (``span_s``, ``max_lag_s``), ``ping_plan``;
- ``connections``: ``count_connections`` → ``ConnectionCount`` (a shared client reuses connections);
- ``tokens``: ``wait_borrowed``, ``while_held`` (requests sent once a sleeping ``def`` holds the one token);
- ``pool``: ``pool_children`` / ``memory`` (RSS and USS), ``by_child``, ``expect_speedup``;
- ``events``: ``new_tag``, ``events`` (the server's own record of its handlers);
- ``exercise``: ``serve_handler`` (a learner's handler served through ``learner_app.serve``);
- ``panel``: ``panel(up)``, the notebook's panel (a library, a declaration, Run).

The notebook calls them all as ``awaiting.X``; nothing else in helpers/ imports this package.
"""

from helpers.topics.awaiting.apps import MAX_POOL, lab, pool_size, upstream
from helpers.topics.awaiting.connections import ConnectionCount, count_connections
from helpers.topics.awaiting.events import events, new_tag
from helpers.topics.awaiting.exercise import EXERCISE_PREAMBLE, serve_handler
from helpers.topics.awaiting.panel import AwaitsPanel, panel
from helpers.topics.awaiting.pings import PingedRun, ping_plan, with_pings
from helpers.topics.awaiting.pool import Child, by_child, expect_speedup, memory, pool_children
from helpers.topics.awaiting.tokens import wait_borrowed, while_held

__all__ = [
    "EXERCISE_PREAMBLE", "MAX_POOL", "AwaitsPanel", "Child", "ConnectionCount", "PingedRun", "by_child",
    "count_connections", "events", "expect_speedup", "lab", "memory", "new_tag", "panel", "ping_plan", "pool_children",
    "pool_size", "serve_handler", "upstream", "wait_borrowed", "while_held", "with_pings",
]  # fmt: skip
