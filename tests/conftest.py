"""Shared fixtures: every test ends with no server of this test process left alive."""

from __future__ import annotations

import time
from collections.abc import Iterator

import matplotlib
import pytest

matplotlib.use("Agg")

from helpers import servers
from helpers._plumbing.marker import RUN_TOKEN, marked_processes


@pytest.fixture(autouse=True)
def no_server_survives() -> Iterator[None]:
    """Stop whatever a test started, then prove that nothing carrying our marker is alive."""
    yield
    servers.stop_all()
    deadline = time.monotonic() + 5
    left = marked_processes(RUN_TOKEN)
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = marked_processes(RUN_TOKEN)
    assert not left, f"server processes outlived the test: {[p.pid for p in left]}"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--soak", action="store_true", help="also run the long reliability suite (make soak)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--soak"):
        return
    skip = pytest.mark.skip(reason="soak test: run with `make soak`")
    for item in items:
        if "soak" in item.keywords:
            item.add_marker(skip)
