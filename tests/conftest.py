"""Shared fixtures: every test ends with no server of this test process left alive.

A longer-lived server (a module-scoped fixture) is registered with ``support.shared(srv)`` and
kept until its fixture ends: the check skips exactly that server, never anything else. A test
whose servers belong to another process (a notebook's kernel, a JupyterLab) says so with
``@pytest.mark.servers_checked_elsewhere(reason)``, one test at a time; that process is checked there.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import matplotlib
import pytest

matplotlib.use("Agg")

from helpers import servers
from helpers._plumbing.marker import RUN_TOKEN, scan
from tests.support import SHARED_SERVERS


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "servers_checked_elsewhere(reason): the test's servers belong to another process, checked there"
    )


def _ours(keep: set[str]) -> list[int]:
    return [p.pid for p in scan(lambda run, server: run == RUN_TOKEN and server not in keep)]


@pytest.fixture(autouse=True)
def no_server_survives(request: pytest.FixtureRequest) -> Iterator[None]:
    """Stop whatever a test started, then prove that nothing carrying our marker is alive."""
    yield
    if request.node.get_closest_marker("servers_checked_elsewhere") is not None:
        return
    keep = set(SHARED_SERVERS)
    for srv in servers.running():
        if srv.marker not in keep:
            srv.stop(timeout_s=1.0)
    deadline = time.monotonic() + 5
    left = _ours(keep)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = _ours(keep)
    assert not left, f"server processes outlived the test: {left}"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--soak", action="store_true", help="also run the long reliability suite (make soak)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--soak"):
        return
    skip = pytest.mark.skip(reason="soak test: run with `make soak`")
    for item in items:
        if "soak" in item.keywords:
            item.add_marker(skip)
