"""panels: the widget panels driven from code against real servers (no browser)."""

from __future__ import annotations

import itertools
import time

import psutil
import pytest

from helpers import measure, panels, procs, servers
from helpers._plumbing.marker import RUN_TOKEN, marked_processes
from helpers.errors import BadArgumentError
from helpers.topics import awaiting

STOP_BOUND_S = 3.0  # the "Stop kills the experiment's servers fast"


def in_flight(srv: servers.Server) -> int:
    """Client connections the server's processes have accepted and hold open right now."""
    count = 0
    for proc in procs.of(srv).procs:
        try:
            conns = psutil.Process(proc.pid).net_connections(kind="tcp")
        except psutil.Error:
            continue
        count += sum(1 for c in conns if c.status == psutil.CONN_ESTABLISHED and c.laddr and c.laddr.port == srv.port)
    return count


def wait_for(predicate: object, timeout_s: float, what: str) -> None:
    procs.wait_until(predicate, timeout_s, poll_s=0.1, what=what)  # type: ignore[arg-type]


def test_run_gives_records_figures_summary_and_stops_its_server() -> None:
    panel = panels.experiment(server="uvicorn --workers", workers=2, endpoint="async sleep", seconds=0.3, requests=12)
    records = panel.run()
    assert len(records) == 12 and all(r.ok for r in records), panel.message
    assert {r.path for r in records} == {"/async/sleep?s=0.3"}
    assert panel.message.startswith("done"), panel.message
    assert "12/12 answered" in panel.summary
    assert len(panel.figures) == 2  # timeline + requests per PID
    assert all(bytes(image.value[:4]) == b"\x89PNG" for image in panel._figures.children)
    assert panel._progress.value == 12
    assert len(panel.history) == 1
    assert servers.running() == []  # the run's server is stopped when the run ends
    assert not marked_processes(RUN_TOKEN)


def test_threadpool_tokens_reach_the_server() -> None:
    # 12 `def` sleeps with 4 tokens: at most 4 handlers overlap, in about 3 waves (measured on the server clock).
    panel = panels.experiment(endpoint="sync sleep", seconds=0.4, requests=12, thread_tokens=4, color_by="thread")
    records = panel.run()
    assert all(r.ok for r in records), panel.message
    info = panel.history[-1]
    assert info["max_overlap"] <= 4
    assert 2 <= len(info["handler_waves"]) <= 4, info
    panel.configure(color_by="pid")  # recolouring redraws without a new run
    assert len(panel.history) == 1 and len(panel.figures) == 2


def test_staggered_requests_leave_one_by_one() -> None:
    panel = panels.experiment(server="tiny ASGI", endpoint="ping", requests=5, stagger_ms=100)
    records = panel.run()
    assert all(r.ok for r in records), panel.message
    sent = sorted(r.sent_at for r in records)
    gaps = [b - a for a, b in itertools.pairwise(sent)]
    assert min(gaps) >= 0.08, gaps  # asyncio.sleep never wakes early; 20 ms of clock slack


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"seconds": 45.0}, "from 0 to 30"),
        ({"server": "uvicorn --reload", "workers": 2}, "--reload"),
        ({"server": "uvicorn", "workers": 3}, "runs one process"),
        ({"endpoint": "async block", "seconds": 20.0, "requests": 100}, "would take about"),
        ({"server": "tiny ASGI", "endpoint": "sync cpu"}, "not calibrated"),
        ({"endpoint": "async cpu", "seconds": 12.0}, "CPU work"),
        ({"endpoint": "ping", "requests": 100, "stagger_ms": 1000}, "would take about"),
    ],
)
def test_bad_choices_give_a_message_and_start_nothing(changes: dict[str, object], expected: str) -> None:
    panel = panels.experiment()
    assert panel.configure(**changes) == []
    assert panel.run() == []
    assert expected in panel.message, panel.message
    assert not panel.running and servers.running() == []


def test_values_no_control_can_hold_are_reported_or_raised() -> None:
    panel = panels.experiment()
    found = panel.configure(requests=500, server="nginx")
    assert len(found) == 2 and "requests must be a whole number from 1 to 200" in panel.message
    assert panel.settings.requests == 20  # nothing was applied
    with pytest.raises(BadArgumentError, match="unknown setting 'sleep'"):
        panels.experiment(sleep=1)


def test_stop_kills_the_servers_fast_and_says_stopped() -> None:
    # 10 blocking requests of 2 s on one gunicorn worker would take ~20 s.
    panel = panels.experiment(server="gunicorn", workers=2, endpoint="async block", seconds=2.0, requests=10)
    assert panel.start()
    wait_for(lambda: panel.message.startswith("10 requests"), 30, "the panel to start firing")
    (srv,) = servers.running()
    wait_for(lambda: in_flight(srv) >= 2, 10, "requests in flight on the server")
    pids = procs.of(srv).pids
    assert len(pids) == 3
    began = time.monotonic()
    message = panel.stop()
    assert time.monotonic() - began < STOP_BOUND_S
    assert message.startswith("stopped"), message
    assert not panel.running
    assert procs.pids_alive(pids) == []
    assert servers.running() == [] and not marked_processes(RUN_TOKEN)
    assert sum(r.ok for r in panel.records) < 10


def test_stop_while_the_server_is_starting() -> None:
    panel = panels.experiment(server="uvicorn --workers", workers=3, endpoint="async sleep", seconds=5.0)
    assert panel.start()
    wait_for(lambda: servers.running() != [], 10, "the panel's server process to exist")
    assert panel.message.startswith("starting"), panel.message  # launched, not yet answering
    began = time.monotonic()
    assert panel.stop().startswith("stopped")
    assert time.monotonic() - began < STOP_BOUND_S
    wait_for(lambda: not marked_processes(RUN_TOKEN), STOP_BOUND_S, "no server process left")
    assert panel.stop() == "stopped: no run was in progress"


def test_tree_kill_button_leads_to_a_new_worker() -> None:
    srv = servers.gunicorn("labapp.lab:app", workers=2)
    tree = panels.live_tree(srv, watch=False)
    before = set(procs.worker_pids(srv))
    killed = tree.kill_worker()
    assert killed in before
    wait_for(lambda: (t := tree.refresh()) is not None and len(t.workers) == 2 and killed not in t.pids, 15,
             "a new worker replacing the killed one")  # fmt: skip
    assert set(procs.worker_pids(srv)) - before
    log = "\n".join(tree.log_lines)
    assert f"SIGKILL → worker [{killed}]" in log and f"gone: worker [{killed}]" in log and "new: worker [" in log, log
    assert tree.add_worker()
    wait_for(lambda: len(procs.worker_pids(srv)) == 3, 15, "a third worker after TTIN")
    assert tree.remove_worker()
    wait_for(lambda: len(procs.worker_pids(srv)) == 2, 15, "two workers after TTOU")
    srv.stop()


def test_tree_watches_by_itself_and_stops_watching() -> None:
    srv = servers.uvicorn("labapp.lab:app", workers=2)
    tree = panels.live_tree(srv, refresh_s=0.2, watch_s=60)
    assert tree.is_watching
    killed = tree.kill_worker()
    wait_for(lambda: any("new: worker" in line for line in tree.log_lines), 15, "the watcher to log a new worker")
    assert killed is not None and killed not in procs.worker_pids(srv)
    began = time.monotonic()
    tree.stop_watching()
    assert time.monotonic() - began < 2 and not tree.is_watching
    srv.stop()


def test_tree_of_a_stopped_server_looks_gone() -> None:
    """After Run All the reset cell stops the server: the panel must say so, not show old PIDs as live."""
    srv = servers.uvicorn("labapp.lab:app", workers=2)
    tree = panels.live_tree(srv, refresh_s=0.2, watch_s=60)
    live_picture = tree._image.value
    servers.stop_all()  # what the reset cell does
    wait_for(lambda: tree.is_gone, 5, "the watcher to notice the server is gone")
    assert "server gone" in tree._header.value and "the reset cell" in tree._header.value, tree._header.value
    assert "re-run the cell above" in tree._header.value
    assert tree._image.value != live_picture and "line-through" in tree._table.value
    assert all(b.disabled for b in tree._buttons if b is not tree._watch_button)
    assert tree.kill_worker() is None and "refused: the server is not running" in tree.log_lines[-1]


def test_tree_refuses_what_a_single_process_cannot_do() -> None:
    srv = servers.uvicorn("labapp.lab:app")
    tree = panels.live_tree(srv, watch=False)
    assert tree.kill_worker() is None
    assert not tree.add_worker()  # SIGTTIN would stop (job control) a single-process uvicorn
    assert srv.is_ready()
    assert sum(line.count("refused") for line in tree.log_lines) == 2
    srv.stop()
    assert tree.refresh() is None
    with pytest.raises(BadArgumentError):
        panels.live_tree(srv, refresh_s=0.01)


@pytest.mark.parametrize("server", ["fastapi run", "gunicorn -k asgi", "granian"])
def test_notebook_08_server_kinds_run_in_the_panel(server: str) -> None:
    panel = panels.experiment(server=server, workers=2, endpoint="async sleep", seconds=0.2, requests=4)
    records = panel.run()
    assert len(records) == 4 and all(r.ok for r in records), panel.message
    assert panel.history[-1]["label"].startswith(f"{server} ×2")  # the kind and worker count that ran
    assert measure.max_overlap(records) == 4  # async sleeps overlap on every kind


def test_notebook_07_panel_stop_kills_its_lab_server_fast() -> None:
    # 10 calls of 1 s with requests inside async def: a 10 s staircase on the run's own lab server.
    with awaiting.upstream(name="test 04 panel upstream") as up:
        panel = awaiting.panel(up)
        panel.configure(library="requests", declared="async def", requests=10, seconds=1.0)
        (run_button,) = [b for b in panel.children[1].children if getattr(b, "description", "") == "Run"]
        (stop_button,) = [b for b in panel.children[1].children if getattr(b, "description", "") == "Stop"]
        run_button.click()
        wait_for(lambda: panel.message.startswith("running"), 30, "the panel to start calling")
        (srv,) = [s for s in servers.running() if s is not up]
        wait_for(lambda: in_flight(srv) >= 1, 10, "calls in flight on the run's lab server")
        pids = procs.of(srv).pids
        began = time.monotonic()
        stop_button.click()
        assert time.monotonic() - began < STOP_BOUND_S
        assert panel.message.startswith("stopped: the lab server was killed"), panel.message
        assert not panel.running
        assert procs.pids_alive(pids) == []
        assert servers.running() == [up]  # the upstream (the notebook's) is left running
        assert panel.stop() == "stopped: no run was in progress"
