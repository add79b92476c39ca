"""The server's own record of its handlers (started, ended, stopped), per tag: handlers that outlive their client."""

from __future__ import annotations

import uuid
from typing import Any

from helpers._plumbing.deadline import poll_until
from helpers.servers import Server
from labapp import contract


def new_tag(label: str) -> str:
    """A tag no earlier run used, so re-running a cell reads only its own events."""
    return f"{label}-{uuid.uuid4().hex[:6]}"


def events(srv: Server, tag: str, *, until_ended: int = 0, timeout_s: float = 5.0) -> list[dict[str, Any]]:
    """The server's event log for `tag`, waiting (bounded) until `until_ended` handlers finished or stopped."""

    def read() -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = srv.get(f"{contract.EVENTS}?tag={tag}")
        return found

    def ended_enough(found: list[dict[str, Any]]) -> bool:
        return len([e for e in found if "started" not in e["what"]]) >= until_ended

    return poll_until(read, ended_enough, timeout_s, 0.1)
