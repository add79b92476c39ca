"""production: the scenarios of notebook 09 measure what they claim, on real servers, and end in bounded time."""

from __future__ import annotations

import os
import threading
import time

import pytest

from helpers import checks, errors, load, procs, servers, supervision
from helpers.records import RequestRecord
from helpers.topics import production


def test_reuse_after_idle_fails_once_the_server_closed_the_connection() -> None:
    srv = servers.uvicorn(access_log=False, timeout_keep_alive_s=1)
    began = time.monotonic()
    reuse = production.reuse_after_idle({"ka 1": srv}, [0.2, 1.8])["ka 1"]
    assert time.monotonic() - began < 5.0  # the probes ran at once, not one after the other
    assert [r.ok for r in reuse] == [True, False]
    assert reuse[1].status is None and reuse[1].error


def test_connect_while_busy_sees_a_full_backlog_as_slow_connects() -> None:
    srv = servers.uvicorn(access_log=False, backlog=2)
    busy, connects = production.connect_while_busy(srv, 8, busy_path="/async/block?s=1.2")
    assert busy.ok
    assert all(c.status == 200 for c in connects)
    slow = [c for c in connects if c.connect_s is not None and c.connect_s >= 0.9]
    assert 8 - 2 - 2 <= len(slow) < 8  # about backlog + 1 got in at once, the others waited for a SYN retry


def test_accepted_connections_counts_only_what_a_worker_accepted() -> None:
    srv = servers.gunicorn(workers=1, access_log=False)
    assert production.accepted_connections(srv) == 0
    pending = threading.Thread(
        target=load.fire, args=(srv, "/async/sleep?s=1.5", 2), kwargs={"fresh_connections": True}
    )
    pending.start()
    procs.wait_until(lambda: production.accepted_connections(srv) == 2, 5, what="two accepted connections")
    pending.join()


def test_during_restart_follows_a_rolling_restart_to_its_end() -> None:
    # A generous health-check timeout: uvicorn aborts a SIGHUP restart whose new worker is not ready in time.
    srv = servers.uvicorn(workers=2, access_log=False, timeout_worker_healthcheck_s=15)
    first = set(procs.worker_pids(srv))
    run = production.during_restart({"hup": (srv, lambda: procs.signal(srv, "HUP"))}, rate_per_s=10, max_s=30)["hup"]
    assert run.replaced_after_s is not None, run.describe()
    assert not first & set(procs.worker_pids(srv))
    assert len(run.pids) >= 4 and run.dropped <= 2
    assert len(run.fresh) + len(run.reused) >= 10


def test_thread_names_reads_this_process() -> None:
    names = production.os_thread_names(os.getpid())
    assert len(names) == len(os.listdir(f"/proc/{os.getpid()}/task"))


@pytest.mark.parametrize(
    "call",
    [
        lambda s: production.reuse_after_idle({"s": s}, []),
        lambda s: production.reuse_after_idle({"s": s}, [31]),
        lambda s: production.connect_while_busy(s, 0, busy_path="/ping"),
        lambda s: production.during_restart({"s": (s, None)}, rate_per_s=0),
    ],
)
def test_bad_arguments_are_refused_before_any_request(call: object) -> None:
    srv = servers.uvicorn(access_log=False)
    with pytest.raises(errors.BadArgumentError):
        call(srv)  # type: ignore[operator]


def test_full_queue_reads_the_kernels_listen_queue_while_the_loop_is_blocked() -> None:
    """What notebook 09 claims, and the same claim failing on a server whose queue is not small."""
    with (
        servers.uvicorn(access_log=False, backlog=2, name="backlog 2") as small,
        servers.uvicorn(access_log=False, name="default backlog") as roomy,
    ):
        full = production.full_queue(small, 8, busy_path="/async/block?s=1.2")
        wide = production.full_queue(roomy, 8, busy_path="/async/block?s=1.2")
    assert all(c.status == 200 for c in full.connects + wide.connects)
    if full.granted_backlog is not None:  # `ss` is installed: the queue sizes the kernel granted
        assert full.granted_backlog == 2
        assert wide.granted_backlog == min(2048, production.somaxconn() or 2048)  # uvicorn's default, capped
    if full.unjudgeable(backlog=2) is not None or wide.unjudgeable(backlog=2) is not None:
        pytest.skip(f"the connects missed the block on this busy machine: {full.unjudgeable(backlog=2)}")
    assert full.in_queue_at_once() <= 2 + 2  # backlog + 1, with the notebook's slack of one
    assert sum(c.waited_for_retry for c in full.sent_during_block()) >= len(full.sent_during_block()) - 4
    assert wide.in_queue_at_once() == len(wide.sent_during_block()) == 8  # the wrong set-up: the claim would fail
    assert not any(c.waited_for_retry for c in wide.sent_during_block())
    if full.overflows is not None:  # the kernel counted the SYNs the full queue dropped (other programs only add)
        assert full.overflows >= sum(c.waited_for_retry for c in full.sent_during_block()) >= 1


def _connect(index: int, sent_at: float, connect_s: float) -> production.Connect:
    return production.Connect(index, connect_s, connect_s + 0.01, 200, None, sent_at)


def _busy(start: float, end: float) -> RequestRecord:
    return RequestRecord(0, "/async/block?s=1.5", start - 0.01, end + 0.01, 200, server_start=start, server_end=end)


def test_a_queue_run_is_judged_only_on_connects_sent_while_the_loop_was_blocked() -> None:
    late = production.QueueRun(  # a busy machine: the handler started after most connects were answered
        _busy(100.0, 101.5),
        (*tuple(_connect(i, 99.0 + 0.001 * i, 0.01) for i in range(10)), _connect(10, 100.2, 1.0)),
        None,
    )
    reason = late.unjudgeable(backlog=4)
    assert reason is not None and "only 1 of 11 connects were sent while the loop was blocked" in reason
    on_time = production.QueueRun(
        _busy(100.0, 101.5), tuple(_connect(i, 100.2, 0.01 if i < 5 else 1.1) for i in range(12)), None
    )
    assert on_time.unjudgeable(backlog=4) is None
    assert on_time.in_queue_at_once() == 5  # without the kernel's count: the connects that did not wait
    assert production.QueueRun(on_time.busy, on_time.connects, 7).in_queue_at_once() == 7  # the kernel's count wins
    failed = production.QueueRun(RequestRecord(0, "/x", 1.0, 2.0, None, "ReadTimeout"), on_time.connects, None)
    assert "ReadTimeout" in (failed.unjudgeable(backlog=4) or "")


def test_a_slow_replacement_is_inconclusive_only_when_free_cores_were_measured_short() -> None:
    quiet = supervision.Replacement(1, 2, appeared_after_s=0.9, serving_after_s=1.5, free_cores=1.8)
    with pytest.raises(errors.ClaimFailed):  # a slow supervisor on a quiet machine fails the claim
        checks.expect_at_most("replaced at once", quiet.appeared_after_s, 0.5, "s", busy=quiet.too_busy())
    busy = supervision.Replacement(1, 2, appeared_after_s=0.9, serving_after_s=1.5, free_cores=0.1)
    assert "left only 0.10" in (busy.too_busy() or "")
    assert supervision.Replacement(1, 2, 0.9, 1.5).too_busy() is None  # not measured: judged as on a quiet machine


def test_the_fast_503_claims_fail_on_a_server_without_the_limit_on_a_quiet_machine(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """09's overload claims, run against the wrong set-up (no --limit-concurrency): ClaimFailed, or inconclusive
    only with the free cores measured short."""
    with servers.uvicorn(env={"SERVERLAB_THREAD_TOKENS": "2"}, access_log=False, name="no limit") as srv:
        run = production.overload({"no limit": srv}, "/sync/sleep?s=0.1", 40, rate_per_s=40)
    assert run.free_cores is not None and "40 × 200, 0 × 503" in run.describe()
    busy = run.too_busy()
    rejected = sum(r.status == 503 for r in run.records["no limit"])
    try:
        checks.expect_at_least("the excess got 503", rejected, 10, "× 503", busy=busy)
    except errors.ClaimFailed:
        assert busy is None
        return
    assert busy is not None and capsys.readouterr().out.startswith("… inconclusive: the excess got 503")


def test_an_unfinished_restart_is_inconclusive_only_when_free_cores_were_measured_short() -> None:
    quiet = production.RestartRun((), (), None, free_cores=1.9, original_pids=(10, 11))
    with pytest.raises(errors.ClaimFailed):
        checks.claim("both workers replaced", quiet.replaced_after_s is not None, "not all", busy=quiet.too_busy())
    assert "left only 0.20" in (production.RestartRun((), (), None, free_cores=0.2).too_busy() or "")
    served = RequestRecord(0, "/", 1.0, 1.1, 200, pid=12)
    assert production.RestartRun((served,), (), 2.0, original_pids=(10, 11)).new_pids == [12]


def test_the_kernel_caps_a_backlog_at_somaxconn_and_counts_overflows() -> None:
    if production.somaxconn() is None or production.backlog_cap(4)[1] is None:
        pytest.skip("no /proc/sys/net/core/somaxconn or no `ss` on this machine")
    assert production.backlog_cap(4) == (4, 4)
    assert production.backlog_cap(65535) == (65535, min(65535, production.somaxconn() or 0))
    assert isinstance(production.listen_overflows(), int)
    assert "net.core.somaxconn = " in production.describe_backlog_cap()
    with pytest.raises(errors.BadArgumentError):
        production.backlog_cap(0)


def test_granian_workers_listen_on_a_socket_each_uvicorns_share_one() -> None:
    with (
        servers.uvicorn(workers=2, access_log=False, name="shared listener") as shared,
        servers.granian(workers=2, access_log=False, name="one listener each") as each,
    ):
        for srv in (shared, each):
            supervision.wait_until_all_answer(srv)  # a worker still starting has not opened its listener yet
        assert production.listeners(shared) == 1
        assert production.listeners(each) == 2
    assert production.tcp_migrate_req() in (0, 1, None)


def test_a_signal_that_stops_the_server_ends_the_restart_run_with_the_server_gone() -> None:
    with pytest.raises(errors.BadArgumentError):
        production.signal_action(servers.uvicorn(access_log=False, name="never signalled"), "NOPE")
    srv = servers.uvicorn(workers=2, access_log=False, name="stopped by TERM")
    run = production.during_restart(
        {"term": (srv, production.signal_action(srv, "TERM"))}, act_at_s=0.5, max_s=3, rate_per_s=10
    )["term"]
    assert not run.still_running and run.replaced_after_s is None and not run.new_pids
    assert "the server itself exited" in run.describe()
    assert run.dropped >= len(run.fresh) // 2  # refused once the server had gone


def test_reuse_is_described_per_idle_time_and_its_longest_success_found() -> None:
    ok = RequestRecord(0, "/ping", 1.0, 1.1, 200)
    failed = RequestRecord(1, "/ping", 1.0, 1.1, None, "RemoteProtocolError: closed")
    reuse = {"a": [ok, failed], "b": [failed, failed]}
    assert production.longest_idle_reused(reuse, [0.5, 2.5]) == {"a": 0.5, "b": 0.0}
    assert production.describe_reuse(reuse, [0.5, 2.5]).splitlines()[0].endswith("0.5 s: ok  2.5 s: FAILED")


def test_a_handler_whose_client_left_keeps_its_place_under_the_limit() -> None:
    with servers.uvicorn(access_log=False, limit_concurrency=3, name="limit 3") as srv:
        places = production.places_after_clients_left(srv, 3, hold_s=2.0)
    if places.unjudgeable() is not None:
        pytest.skip(f"this busy machine cannot judge it now: {places.unjudgeable()}")
    assert places.held == (200, 200)
    assert places.stayed == (503, 503)  # N - 1 in progress with their clients connected
    assert places.left == (200, 503)  # N handlers: the abandoned ones still count as tasks
    with pytest.raises(errors.BadArgumentError):
        production.places_after_clients_left(srv, 2)


def test_stop_during_request_tells_a_bounded_shutdown_from_one_that_needs_sigkill() -> None:
    """09 §3: SIGTERM with --timeout-graceful-shutdown exits; two SIGINTs cancel the request, yet the endless
    `def` handler's thread keeps the process alive until the helper's SIGKILL."""
    with pytest.raises(errors.BadArgumentError):
        production.stop_during_request({"x": (servers.uvicorn(access_log=False, name="never stopped"), ["NOPE"])})
    cases = {
        "bounded": (
            servers.uvicorn("labapp.seed_sync_loop:app", timeout_graceful_shutdown_s=1, name="bounded"),
            ["TERM"],
        ),
        "twice": (servers.uvicorn("labapp.seed_sync_loop:app", name="ctrl-c twice"), ["INT", "INT"]),
    }
    began = time.monotonic()
    stops = production.stop_during_request(cases, grace_s=3.0)
    assert time.monotonic() - began < 15.0
    assert stops["bounded"].exited_after_s is not None and stops["bounded"].request.status == 500
    assert stops["twice"].exited_after_s is None and stops["twice"].request.status == 500
    assert "SIGINT then SIGINT" in stops["twice"].describe() and "SIGKILLed" in stops["twice"].describe()
    procs.wait_until(lambda: not cases["twice"][0].is_running(), 5, what="the SIGKILLed server gone")
