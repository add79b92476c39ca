"""compare: round-robin over real independent servers, crash and hang experiments, the table."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helpers import servers
from helpers.errors import BadArgumentError
from helpers.topics import compare


@pytest.fixture
def two_replicas() -> Iterator[compare.Deployment]:
    dep = compare.replicas("pair", 2)
    try:
        yield dep
    finally:
        dep.stop()


def test_round_robin_alternates_servers_and_keeps_send_order(two_replicas: compare.Deployment) -> None:
    first, second = (s.pid for s in two_replicas.servers)
    recs = compare.fire(two_replicas, "/ping", 6)
    assert [r.index for r in recs] == list(range(6))
    assert [r.pid for r in recs] == [first, second] * 3
    assert two_replicas.serving_pids() == [first, second]


def test_footprint_counts_every_process(two_replicas: compare.Deployment) -> None:
    fp = compare.footprint(two_replicas)
    assert (fp.processes, fp.serving) == (2, 2)
    assert fp.rss_mb > 10


def test_blocking_load_on_replicas_takes_half_the_waves(two_replicas: compare.Deployment) -> None:
    result = compare.run_load(two_replicas, "blocking", "/async/block?s=0.3", 4)
    assert result.ok == 4 and result.pids == 2
    assert result.wave_count == 2, [round(r.latency_s, 2) for r in result.records]


def test_crash_of_one_replica_fails_every_other_request(two_replicas: compare.Deployment) -> None:
    result = compare.crash(two_replicas, window_s=1.0, interval_s=0.1)
    assert result.victim_pid == two_replicas.servers[0].pid
    # Requests 0, 2, 4, ... go to the dead server; the first may still reach it before it exits.
    assert result.sent // 2 - 1 <= result.failed <= result.sent // 2 + 1
    assert result.answering_after_s is None  # nobody restarts a replica: its share keeps failing to the end
    assert result.replaced_after_s is None


def test_hang_on_one_process_delays_pings_and_is_not_replaced() -> None:
    dep = compare.deployment("one", servers.uvicorn("labapp.lab:app", name="compare hang"))
    try:
        result = compare.hang(dep, spin_s=1.5, slow_s=0.5)
    finally:
        dep.stop()
    assert result.victim_status == 200
    assert result.slow >= 1 and result.failed == 0
    assert result.replaced_after_s is None


def test_gunicorn_crash_is_replaced_without_failed_requests() -> None:
    dep = compare.deployment("g", servers.gunicorn("labapp.lab:app", workers=2, name="compare crash"))
    try:
        result = compare.crash(dep, window_s=1.5)
    finally:
        dep.stop()
    assert result.replaced_after_s is not None and result.replaced_after_s < 2.5
    assert result.failed <= 2


def test_markdown_pivots_cells_by_workload_and_deployment() -> None:
    cells = [compare.Cell("I/O", "a", "1 s"), compare.Cell("I/O", "b", "2 s"), compare.Cell("CPU", "a", "3 s")]
    table = compare.markdown(cells).splitlines()
    assert table[0] == "| workload | a | b |"
    assert table[2:] == ["| I/O | 1 s | 2 s |", "| CPU | 3 s |  |"]
    with pytest.raises(BadArgumentError):
        compare.markdown([])


def test_bad_arguments_fail_before_anything_starts() -> None:
    with pytest.raises(BadArgumentError):
        compare.replicas("none", 0)
