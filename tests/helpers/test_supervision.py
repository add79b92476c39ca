"""supervision against real servers: every worker answers, a lost worker is replaced, SIGTERM then SIGKILL."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from helpers import load, procs, servers, supervision


def test_wait_until_all_answer_sees_every_worker() -> None:
    with servers.gunicorn("labapp.lab:app", workers=3) as srv:
        supervision.wait_until_all_answer(srv, timeout_s=15)
        pids = set(procs.serving_pids(srv))
        assert len(pids) == 3
        answered: set[int] = set()
        for _ in range(20):  # after the wait, each worker accepts: bursts reach all of them soon
            answered |= supervision.answering_pids(srv)
            if answered == pids:
                break
        assert answered == pids


def test_wait_until_all_answer_names_a_worker_that_never_answers() -> None:
    with servers.gunicorn("labapp.lab:app", workers=2) as srv:
        stopped = procs.worker_pids(srv)[0]
        procs.send_signal(stopped, "STOP")  # frozen: it holds its place but accepts nothing
        try:
            began = time.monotonic()
            with pytest.raises(TimeoutError, match="an answer from every worker"):
                supervision.wait_until_all_answer(srv, timeout_s=2.0)
            assert time.monotonic() - began < 6.0
            cancel = threading.Event()
            cancel.set()
            assert supervision.wait_until_all_answer(srv, timeout_s=2.0, cancel=cancel) < 1.0  # Stop wins at once
        finally:
            procs.send_signal(stopped, "CONT")


def test_kill_and_replace_times_the_successor() -> None:
    with servers.uvicorn("labapp.lab:app", workers=2) as srv:
        victim = procs.worker_pids(srv)[0]
        replaced = supervision.kill_and_replace(srv, victim)
        assert replaced.old_pid == victim and replaced.new_pid in procs.worker_pids(srv)
        assert victim not in procs.pids_alive([victim])
        assert 0 < replaced.appeared_after_s <= replaced.serving_after_s


def test_fire_in_background_returns_at_once_with_load_fire_records() -> None:
    with servers.uvicorn("labapp.lab:app") as srv:
        began = time.monotonic()
        pending = supervision.fire_in_background(srv, "/async/sleep?s=0.5", 2)
        assert time.monotonic() - began < 0.3 and not pending.done()
        records = pending.result(timeout=10)
        assert [r.ok for r in records] == [True, True]
        assert load.fire(srv, "/ping")[0].ok


def test_a_frozen_server_ignores_sigterm_and_leaves_nothing_after_sigkill() -> None:
    srv = servers.uvicorn("labapp.seed_async_loop:app")

    assert not load.fire(srv, "/", 1, timeout_s=0.5)[0].ok
    report = supervision.term_then_kill(srv, grace_s=0.8)
    assert not report.exited_on_term
    assert report.returncode == -signal.SIGKILL
    assert report.leftovers == ()


def test_a_healthy_server_exits_on_sigterm() -> None:
    srv = servers.uvicorn("labapp.lab:app")
    report = supervision.term_then_kill(srv, grace_s=5.0)
    assert report.exited_on_term and report.leftovers == ()
    # uvicorn shuts down gracefully, then re-raises the signal it caught (Server.capture_signals), so its exit
    # status says "ended by SIGTERM": the signal ended it, after it had finished cleanly.
    assert report.returncode == -signal.SIGTERM
