"""Notebook 04's lab (labapp.awaits + labapp.upstream, helpers.topics.awaiting) against real servers."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest

from helpers import checks, load, measure, procs, servers
from helpers.errors import ClaimFailed
from helpers.topics import awaiting
from tests.support import shared

DELAY_S = 0.4
# Names the module of awaiting.serve_handler defines; here only so that the handler below reads cleanly.
UPSTREAM = "http://127.0.0.1:9"
http_client: Any = None


@pytest.fixture(scope="module")
def up() -> Iterator[servers.Server]:
    with shared(awaiting.upstream(name="test upstream")) as srv:
        yield srv


@pytest.fixture(scope="module")
def lab(up: servers.Server) -> Iterator[servers.Server]:
    with shared(awaiting.lab(up, process_workers=2, name="test awaits lab")) as srv:
        yield srv


def test_expect_speedup_is_inconclusive_without_free_cores_and_strict_with_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert awaiting.expect_speedup("faster", 1.0, 1.0) is None
    assert "inconclusive" in capsys.readouterr().out
    assert awaiting.expect_speedup("faster", 1.8, 2.0) is True
    with pytest.raises(ClaimFailed):
        awaiting.expect_speedup("faster", 1.2, 2.0)
    checks.expect_equal("pool size is 2 to 4", 2 <= awaiting.pool_size() <= 4, True)


def test_requests_in_async_def_is_a_staircase_while_httpx_and_def_overlap(
    up: servers.Server, lab: servers.Server
) -> None:
    runs = awaiting.with_pings(
        lab,
        {
            "blocking": f"/call/requests-in-async?delay_s={DELAY_S}",
            "awaited": f"/call/httpx-async?delay_s={DELAY_S}",
            "thread": f"/call/requests-in-def?delay_s={DELAY_S}",
        },
        3,
        pings=8,
    )
    assert all(r.ok for run in runs.values() for r in run.work)
    assert runs["blocking"].span_s >= 0.95 * 3 * DELAY_S  # one after another: cannot be shorter
    assert runs["blocking"].max_lag_s >= 0.5 * DELAY_S
    for label in ("awaited", "thread"):
        assert runs[label].span_s < 2 * DELAY_S, label
    assert measure.thread_names(list(runs["thread"].work)) == {"AnyIO worker thread"}


def test_a_client_per_request_opens_a_connection_per_call_and_a_shared_one_reuses(
    up: servers.Server, lab: servers.Server
) -> None:
    per_request = awaiting.count_connections(lab, up, "/call/httpx-per-request?delay_s=0", 6, concurrency=2)
    shared = awaiting.count_connections(lab, up, "/call/httpx-async?delay_s=0", 6, concurrency=2)
    assert (per_request.requests, per_request.connections) == (6, 6)
    assert shared.requests == 6 and 1 <= shared.connections <= 2


def test_sqlite_in_async_def_blocks_the_loop_and_in_def_it_does_not(lab: servers.Server) -> None:
    runs = awaiting.with_pings(lab, {"async": "/db/async?s=0.3", "def": "/db/sync?s=0.3"}, 3, pings=6)
    assert runs["async"].span_s >= 0.95 * 3 * 0.3
    assert runs["def"].span_s < 2 * 0.3
    assert runs["async"].work[0].body["rows"] == 1000


def test_def_background_tasks_hold_every_token_so_a_def_ping_waits(lab: servers.Server) -> None:
    tag = awaiting.new_tag("test-bg")
    lab.request("PUT", "/threadpool?size=3")
    try:
        bg = load.fire(lab, f"/bg/sleep?s=1&tag={tag}", 3)
        borrowed = awaiting.wait_borrowed(lab, 3)
        sync_ping, async_ping = load.fire(lab, paths=["/ping/sync", "/ping"])
    finally:
        lab.request("PUT", "/threadpool?size=40")
    log = awaiting.events(lab, tag, until_ended=3)
    first_end = min(e["at"] for e in log if e["what"] == "background task finished")
    assert all(r.ok for r in bg) and borrowed == 3
    assert max(r.received_at for r in bg) < first_end  # answered before any task ended
    assert sync_ping.received_at >= first_end and async_ping.received_at < first_end


@pytest.mark.parametrize("path", ["/tokens/sync-dependency", "/tokens/yield-dependency", "/tokens/streaming"])
def test_sync_dependencies_and_sync_iterators_borrow_a_token(lab: servers.Server, path: str) -> None:
    hold, (borrower, free) = awaiting.while_held(lab, [path, "/tokens/async-only"], hold_s=0.8)
    assert hold.ok and borrower.ok and free.ok and hold.server_end is not None
    assert borrower.received_at >= hold.server_end > free.received_at
    assert lab.get("/threadpool")["total_tokens"] == 40


def test_the_process_pool_computes_in_its_children_and_stops_with_the_server(up: servers.Server) -> None:
    with awaiting.lab(up, process_workers=2, name="test pool") as srv:
        children = awaiting.pool_children(srv)
        tree = procs.of(srv)
        recs = load.fire(srv, "/cpu/process?ms=150", 4)
        roundtrip = srv.get("/pool/roundtrip?kb=64")
    assert len(children) == 2 and all(c.uss_mb > 0 for c in children)
    # one process serves; its pool children are "pool", not workers (procs decides, awaiting reads it)
    assert tree.procs[0].role == "server" and tree.workers == [] and tree.serving[0].pid == srv.pid
    assert sorted(p.pid for p in tree.pool) == sorted(c.pid for c in children)
    answered_by = {r.body["child_pid"] for r in recs if r.ok}
    assert len(answered_by) == 2 and answered_by <= {c.pid for c in children}
    assert roundtrip["bytes"] == 64 * 1024
    assert srv.log_lines(matching="shut down cleanly")
    alive = [c.pid for c in children if psutil.pid_exists(c.pid) and psutil.Process(c.pid).status() != "zombie"]
    assert alive == []


def test_a_handler_outlives_its_client_unless_it_checks_for_the_disconnect(lab: servers.Server) -> None:
    tag = awaiting.new_tag("test-left")
    kinds = ("def", "async", "async-checks")
    recs = load.fire(lab, paths=[f"/outlive/{k}?s=1&tag={tag}" for k in kinds], timeout_s=0.3)
    assert not any(r.ok for r in recs)
    ran = {e["handler"]: e["ran_s"] for e in awaiting.events(lab, tag, until_ended=3) if "ran_s" in e}
    assert ran["def"] >= 0.95 and ran["async def"] >= 0.95
    assert ran["async def, checks is_disconnected()"] < 0.8


def test_serve_handler_serves_the_cell_source_and_removes_its_folder(up: servers.Server) -> None:
    async def relay(delay_s: float = 0.0) -> dict[str, Any]:
        return (await http_client.get(f"{UPSTREAM}/slow?delay_s={delay_s}")).json()

    with awaiting.serve_handler(relay, up) as srv:
        body = srv.get("/handler")
        folder = Path(srv.command.argv[srv.command.argv.index("--app-dir") + 1])
        assert folder.is_dir()
    assert body["endpoint"] == "/slow"
    assert not folder.exists()


def test_events_waits_a_bounded_time(lab: servers.Server) -> None:
    began = time.monotonic()
    assert awaiting.events(lab, awaiting.new_tag("nothing"), until_ended=1, timeout_s=0.5) == []
    assert time.monotonic() - began < 2.0


def test_the_panel_runs_the_chosen_pair_on_a_lab_of_its_own_and_refuses_a_missing_one(up: servers.Server) -> None:
    panel = awaiting.panel(up)
    panel.configure(library="sqlite3", declared="def", requests=2, seconds=0.2)
    got = panel.run()
    assert got is not None and len(got.work) == 2 and all(r.ok for r in got.records), panel.message
    assert {r.path for r in got.work} == {"/db/sync?s=0.2"} and got.pings
    assert panel.message.startswith("2 calls took"), panel.message
    assert bytes(panel._image.value[:4]) == b"\x89PNG"
    assert [s.name for s in servers.running() if s.name.startswith("panel ")] == []  # its lab is stopped
    assert up.is_running()  # the upstream is the notebook's: left running
    panel.configure(library="httpx.AsyncClient, shared", declared="def")
    assert panel.run() is None
    assert "no def handler calling httpx.AsyncClient, shared" in panel.message
