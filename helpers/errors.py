"""One hierarchy for everything the helpers refuse or see fail, so a notebook can catch it."""

from __future__ import annotations

from helpers import i18n


class ServerlabError(Exception):
    """Base of every serverlab error."""


class BadArgumentError(ServerlabError, ValueError):
    """A helper was called with a value it cannot use."""


class ServerStartError(ServerlabError):
    """A server did not come up; the message carries the cause and the end of its log."""

    def __init__(self, summary: str, log_tail: str = "", hint: str = "") -> None:
        self.summary = summary
        self.log_tail = log_tail
        self.hint = hint
        parts = [summary]
        if hint:
            parts.append(i18n.text(f"Next step: {hint}"))
        if log_tail:
            parts.append(i18n.text("Last lines of the server log:") + "\n" + log_tail)  # the log itself as it is
        super().__init__("\n".join(parts))


class PortInUseError(ServerStartError):
    """Another process already listens on the port."""


class AppImportError(ServerStartError):
    """The server could not import the app (wrong module or attribute, or an error in it)."""


class ServerExitedError(ServerStartError):
    """The server process ended before it answered."""


class NotReadyError(ServerStartError):
    """The server kept running but never answered its ready path with HTTP 200 in time."""


class ServerNotRunningError(ServerlabError):
    """An action needs a running server, but this one is stopped."""


class ClaimFailed(ServerlabError, AssertionError):
    """A notebook's claim did not hold for the measured values."""
