"""production: the scenarios of notebook 08 measure what they claim, on real servers, and end in bounded time."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

import pytest

from helpers import checks, cores, cputime, errors, load, procs, scaling, servers, supervision
from helpers.records import RequestRecord
from helpers.topics import production


def test_reuse_after_idle_fails_once_the_server_closed_the_connection() -> None:
    srv = servers.uvicorn(access_log=False, extra_args=("--timeout-keep-alive", "1"))
    began = time.monotonic()
    reuse = production.reuse_after_idle({"ka 1": srv}, [0.2, 1.8])["ka 1"]
    assert time.monotonic() - began < 5.0  # the probes ran at once, not one after the other
    assert [r.ok for r in reuse] == [True, False]
    assert reuse[1].status is None and reuse[1].error


def test_connect_while_busy_sees_a_full_backlog_as_slow_connects() -> None:
    srv = servers.uvicorn(access_log=False, extra_args=("--backlog", "2"))
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


def test_signals_to_gunicorn_masters_with_requests_in_flight() -> None:
    cases = {
        "classic TERM": (servers.gunicorn(workers=1, access_log=False, name="classic"), "TERM"),
        "asgi QUIT": (servers.gunicorn_asgi(workers=1, access_log=False, graceful_timeout_s=3, name="asgi"), "QUIT"),
    }
    outcomes = production.signal_during_requests(cases, path="/async/sleep?s=2.5", exit_wait_s=6)
    assert [r.ok for r in outcomes["classic TERM"].in_flight] == [True, True]
    assert [r.ok for r in outcomes["asgi QUIT"].in_flight] == [False, False]
    assert all(o.exited_after_s is not None for o in outcomes.values())
    assert "SIGTERM" in outcomes["classic TERM"].describe()


def test_during_restart_follows_a_rolling_restart_to_its_end() -> None:
    # A generous health-check timeout: uvicorn aborts a SIGHUP restart whose new worker is not ready in time.
    srv = servers.uvicorn(workers=2, access_log=False, extra_args=("--timeout-worker-healthcheck", "15"))
    first = set(procs.worker_pids(srv))
    run = production.during_restart({"hup": (srv, lambda: procs.signal(srv, "HUP"))}, rate_per_s=10, max_s=30)["hup"]
    assert run.replaced_after_s is not None, run.describe()
    assert not first & set(procs.worker_pids(srv))
    assert len(run.pids) >= 4 and run.dropped <= 2
    assert len(run.fresh) + len(run.reused) >= 10


def test_os_thread_names_reads_this_process() -> None:
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
    """What notebook 08 claims, and the same claim failing on a server whose queue is not small."""
    with (
        servers.uvicorn(access_log=False, extra_args=("--backlog", "2"), name="backlog 2") as small,
        servers.uvicorn(access_log=False, name="default backlog") as roomy,
    ):
        full = production.full_queue(small, 8, busy_path="/async/block?s=1.2")
        wide = production.full_queue(roomy, 8, busy_path="/async/block?s=1.2")
    assert all(c.status == 200 for c in full.connects + wide.connects)
    if full.unjudgeable(backlog=2) is not None or wide.unjudgeable(backlog=2) is not None:
        pytest.skip(f"the connects missed the block on this busy machine: {full.unjudgeable(backlog=2)}")
    assert full.in_queue_at_once() <= 2 + 2  # backlog + 1, with the notebook's slack of one
    assert sum(c.waited_for_retry for c in full.sent_during_block()) >= len(full.sent_during_block()) - 4
    assert wide.in_queue_at_once() == len(wide.sent_during_block()) == 8  # the wrong set-up: the claim would fail
    assert not any(c.waited_for_retry for c in wide.sent_during_block())


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


def _flaky_start(failures: int) -> tuple[list[int], Callable[[], str]]:
    calls: list[int] = []

    def start() -> str:
        calls.append(1)
        time.sleep(0.02)  # a start takes a while; the load is measured over it
        if len(calls) <= failures:
            raise errors.NotReadyError("Server 'x' was not ready within 20 s (last answer: none).")
        return "up"

    return calls, start


def _machine_busy(monkeypatch: pytest.MonkeyPatch, cores_busy: float) -> None:
    """Fake the machine's busy CPU seconds: `cores_busy` cores' worth per second of wall time."""
    began = time.monotonic()
    monkeypatch.setattr(cputime, "runnable_busy_s", lambda: cores_busy * (time.monotonic() - began))


def test_start_together_starts_again_a_server_not_ready_on_a_busy_machine(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A class starts notebook 08's six servers in the same second; a start that timed out meanwhile is retried."""
    _machine_busy(monkeypatch, 0.95 * cores.detect().runnable)
    calls, start = _flaky_start(failures=1)
    assert supervision.start_together({"ok": lambda: "up", "flaky": start}) == {"ok": "up", "flaky": "up"}
    assert len(calls) == 2 and "flaky: not ready in time while" in capsys.readouterr().out
    calls, start = _flaky_start(failures=5)  # at most two retries, then the error
    with pytest.raises(errors.NotReadyError):
        supervision.start_together({"flaky": start})
    assert len(calls) == 3


def test_start_together_raises_at_once_on_a_quiet_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    _machine_busy(monkeypatch, 0.1)
    calls, start = _flaky_start(failures=1)
    with pytest.raises(errors.NotReadyError):
        supervision.start_together({"flaky": start})
    assert len(calls) == 1
    _machine_busy(monkeypatch, 2.0)
    calls = []

    def broken() -> str:
        calls.append(1)
        raise errors.BadArgumentError("a bad argument is never retried")

    with pytest.raises(errors.BadArgumentError):
        supervision.start_together({"bad": broken})
    assert len(calls) == 1


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
    """08's overload claims, run against the wrong set-up (no --limit-concurrency): ClaimFailed, or inconclusive
    only with the free cores measured short."""
    paths, paced = ["/sync/sleep?s=0.1"] * 40, [i / 40 for i in range(40)]
    with servers.uvicorn(env={"SERVERLAB_THREAD_TOKENS": "2"}, access_log=False, name="no limit") as srv:
        meter = cputime.meter(srv)
        with meter:
            records = load.fire(srv, paths=paths, delays_s=paced, fresh_connections=True)
    usable = cores.detect()
    busy = scaling.too_busy(usable.free(meter.usage.others_cores), scaling.free_cores_needed(1, usable.usable), 2)
    rejected = sum(r.status == 503 for r in records)
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
