"""What every helper needs from "a running server": one Protocol instead of a slice per module.

``servers.Server`` satisfies it; so does any object with these read-only members, which is
how tests and other helpers can stand in for a server without starting one.
"""

from __future__ import annotations

from typing import Protocol


class RunningServer(Protocol):
    """A server the helpers can reach (``url``), inspect (``pid``, ``marker``) and check (``is_running``)."""

    @property
    def name(self) -> str: ...

    @property
    def url(self) -> str: ...

    @property
    def pid(self) -> int: ...

    @property
    def marker(self) -> str:
        """The value of SERVERLAB_SERVER in every process of this server (finds orphaned workers)."""
        ...

    def is_running(self) -> bool: ...
