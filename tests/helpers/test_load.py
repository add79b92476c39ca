"""load: records from real servers, keep-alive vs fresh connections, bounded failures."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest

from helpers import errors, load, measure, procs, servers
from tests.support import shared


@pytest.fixture(scope="module")
def two_workers() -> Iterator[servers.Server]:
    with shared(servers.uvicorn("labapp.lab:app", workers=2, name="load-tests")) as srv:
        yield srv


def test_records_carry_client_and_server_times(two_workers: servers.Server) -> None:
    recs = load.fire(two_workers, "/async/sleep?s=0.2", 5)
    assert [r.index for r in recs] == list(range(5))
    for r in recs:
        assert r.ok and r.error is None and r.kind == "async"
        assert r.pid in procs.worker_pids(two_workers)
        assert r.sent_at <= r.server_start <= r.server_end <= r.received_at  # type: ignore[operator]
        assert r.handler_s is not None and r.handler_s >= 0.19  # uvloop timers have 1 ms resolution


def test_one_keep_alive_connection_sticks_to_one_worker(two_workers: servers.Server) -> None:
    recs = load.fire(two_workers, "/ping", 30, concurrency=1)
    assert len(measure.counts_by_pid(recs)) == 1


def test_fresh_connections_reach_every_worker(two_workers: servers.Server) -> None:
    seen: set[int] = set()
    for _ in range(10):  # the kernel decides which worker accepts; give it a few rounds
        seen |= set(measure.counts_by_pid(load.fire(two_workers, "/health", 20, fresh_connections=True)))
        if len(seen) == 2:
            break
    assert seen == set(procs.worker_pids(two_workers))


def test_paths_and_delays_make_a_schedule(two_workers: servers.Server) -> None:
    recs = load.fire(two_workers, paths=["/async/sleep?s=0.3", "/ping"], delays_s=[0.0, 0.1])
    assert recs[1].sent_at - recs[0].sent_at >= 0.09
    assert recs[1].path == "/ping"


def test_validation_errors_come_back_as_records(two_workers: servers.Server) -> None:
    (rec,) = load.fire(two_workers, "/async/sleep?s=99")
    assert rec.status == 422 and not rec.ok and "less than or equal to 30" in (rec.error or "")


def test_a_frozen_server_gives_timeouts_not_a_hang() -> None:
    with servers.uvicorn("labapp.seed_async_loop:app") as srv:
        began = time.monotonic()
        recs = load.fire(srv, paths=["/", "/health"], delays_s=[0, 0.2], timeout_s=1.0)
        assert time.monotonic() - began < 5
        assert all(r.status is None and "Timeout" in (r.error or "") for r in recs)
        srv.kill()


def test_fire_async_works_inside_a_running_loop(two_workers: servers.Server) -> None:
    async def inside() -> int:
        sync_result = load.fire(two_workers, "/ping", 2)  # the kernel case: a loop is running here
        async_result = await load.fire_async(two_workers, "/ping", 3)
        return len(sync_result) + len(async_result)

    assert asyncio.run(inside()) == 5


def test_throughput_counts_requests(two_workers: servers.Server) -> None:
    result = load.throughput(two_workers, "/ping", connections=10, duration_s=0.5)
    assert result.completed > 50 and result.errors == 0
    assert result.requests_per_s == pytest.approx(result.completed / result.duration_s)


@pytest.mark.parametrize(
    "kwargs",
    [{"n": 0}, {"n": 5000}, {"path": "ping"}, {"timeout_s": 0}, {"concurrency": 0},
     {"paths": ["/a", "/b"], "delays_s": [0]}],
)  # fmt: skip
def test_bad_load_arguments_are_refused(two_workers: servers.Server, kwargs: dict[str, object]) -> None:
    with pytest.raises(errors.BadArgumentError):
        load.fire(two_workers, **kwargs)  # type: ignore[arg-type]


def test_bad_target_is_refused() -> None:
    with pytest.raises(errors.BadArgumentError):
        load.fire("localhost:8000", "/ping")
