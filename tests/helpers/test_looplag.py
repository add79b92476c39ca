"""looplag against a real server: a blocked loop answers no ping during the work, an awaiting one answers them all."""

from __future__ import annotations

from helpers import looplag, servers


def test_a_blocked_loop_serves_no_ping_while_an_awaiting_one_serves_them_all() -> None:
    with servers.uvicorn("labapp.lab:app") as srv:
        blocked = looplag.probe(srv, "/async/block?s=0.8", pings=4, interval_s=0.1)
        free = looplag.probe(srv, "/async/sleep?s=0.8", pings=4, interval_s=0.1)
    assert blocked.pings_answered_during_work() == 0
    assert blocked.pings_served_while_work_ran() == 0
    assert blocked.max_lag_s > 0.3
    assert free.pings_served_while_work_ran() == len(free.pings) == 4
    assert free.max_lag_s < blocked.max_lag_s
