"""Reliability: interrupts, restarts and SIGKILLs of real kernels; reruns; many start/stop cycles.

The heavy part (every notebook run twice in one kernel, two kernels on one notebook at once)
runs with `make soak` (pytest --soak); the rest is part of `make test`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from helpers import errors, load, servers
from helpers.topics import runs
from tests.kernels import LabKernel

ROOT = Path(__file__).resolve().parents[2]
COURSE = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
START = "from helpers import servers, load\nsrv = servers.uvicorn('labapp.lab:app', workers=2)\nprint('up', srv.pid)"
STARTED = "print('started', flush=True)"  # printed by a long cell right before its long call


@pytest.fixture
def kernel() -> Iterator[LabKernel]:
    k = LabKernel(cwd=str(ROOT / "notebooks"))
    try:
        yield k
    finally:
        k.shutdown()
        k.wait_servers_gone(5)


@pytest.mark.parametrize(
    "long_cell",
    [
        f"{STARTED}\nload.fire(srv, '/async/sleep?s=20', 5)",  # a slow experiment
        f"frozen = servers.uvicorn('labapp.seed_async_loop:app')\n{STARTED}\nload.fire(frozen, '/', timeout_s=60)",
        f"import time\n{STARTED}\ntime.sleep(30)",  # plain user code
    ],
    ids=["slow-load", "frozen-server", "user-sleep"],
)
def test_interrupt_stops_the_cell_fast_and_the_rerun_works(kernel: LabKernel, long_cell: str) -> None:
    assert kernel.run(START).status == "ok"
    msg = kernel.execute(long_cell)
    kernel.wait_for_stdout(msg, "started", timeout_s=30)  # the cell is at its long call (frozen: server up)
    kernel.interrupt()
    reply = kernel.wait(msg, timeout_s=5)
    assert reply.status == "error" and "KeyboardInterrupt" in reply.error
    assert reply.seconds < 3.0, f"the cell took {reply.seconds:.1f} s to stop after the interrupt"
    kernel.wait_servers_gone(3)  # an interrupt stops every server of the kernel
    again = kernel.run(START + "\nprint(len(load.fire(srv, '/ping', 3)))", timeout_s=60)
    assert again.status == "ok" and again.stdout.strip().endswith("3"), again


def test_sigkilled_kernel_mid_experiment_leaves_nothing(kernel: LabKernel) -> None:
    assert kernel.run(START + "\ng = servers.gunicorn('labapp.lab:app', workers=2)").status == "ok"
    kernel.execute("load.fire(srv, '/sync/sleep?s=20', 10)")
    assert len(kernel.servers_alive()) >= 7
    kernel.sigkill()
    assert kernel.wait_servers_gone(3) < 3


def test_restarted_kernel_leaves_nothing(kernel: LabKernel) -> None:
    assert kernel.run(START).status == "ok"
    kernel.execute("load.fire(srv, '/async/sleep?s=20', 5)")
    kernel.manager.restart_kernel(now=True)
    assert kernel.wait_servers_gone(3) < 3


@pytest.mark.parametrize("kind", ["uvicorn", "uvicorn-workers", "gunicorn", "module", "tiny-asgi"])
def test_start_stop_cycles_leak_no_process_fd_or_thread(kind: str, request: pytest.FixtureRequest) -> None:
    cycles = 20 if request.config.getoption("--soak") else 5  # make test keeps 5; make soak does all 20
    start = {
        "uvicorn": lambda: servers.uvicorn("labapp.lab:app"),
        "uvicorn-workers": lambda: servers.uvicorn("labapp.lab:app", workers=2),
        "gunicorn": lambda: servers.gunicorn("labapp.lab:app", workers=2),
        "module": lambda: servers.module("labapp.seed_main"),
        "tiny-asgi": lambda: servers.module("helpers.tiny_asgi", args=("labapp.seed_bare:app", "--port", "{port}")),
    }[kind]
    me = psutil.Process()
    start().stop()  # the first start creates the watchdog and the log folder
    children, fds, threads = len(me.children()), me.num_fds(), me.num_threads()
    for _ in range(cycles):
        srv = start()
        assert srv.is_ready()
        srv.stop()
    assert len(me.children()) == children and me.num_fds() <= fds + 1 and me.num_threads() <= threads + 1


@pytest.mark.parametrize(
    "call",
    [
        lambda: load.throughput("http://127.0.0.1:1", connections=0),
        lambda: load.throughput("http://127.0.0.1:1", duration_s=100),
        lambda: runs.run_module("x y"),
        lambda: runs.run_module("labapp.seed_bare", timeout_s=0),
        lambda: servers.gunicorn("labapp.lab:app", max_requests_jitter=-1),
        lambda: servers.uvicorn("labapp.lab:app", ready_timeout_s=0),
    ],
)
def test_bad_inputs_to_public_helpers_are_refused_with_nothing_left(call: object) -> None:
    with pytest.raises(errors.BadArgumentError):
        call()  # type: ignore[operator]
    assert servers.running() == []


def test_lab_endpoints_refuse_bad_inputs_on_a_real_server() -> None:
    bad = ["/async/sleep?s=-1", "/sync/sleep?s=abc", "/async/cpu?ms=0", "/sync/spin?s=31", "/threadpool?size=0"]
    with servers.uvicorn("labapp.lab:app") as srv:
        recs = load.fire(srv, paths=bad[:-1]) + load.fire(srv, bad[-1], method="PUT")
        assert [r.status for r in recs] == [422] * len(bad)
        assert all(r.error for r in recs)
        assert srv.request("POST", "/crash?delay_s=9").status_code == 422
        assert srv.is_ready()


@pytest.mark.soak
@pytest.mark.parametrize("path", COURSE, ids=[p.stem for p in COURSE])
def test_run_all_twice_in_one_kernel(path: Path, kernel: LabKernel) -> None:
    import nbformat

    cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    for round_ in range(2):
        for source in cells:
            reply = kernel.run(source, timeout_s=180)
            assert reply.status == "ok", f"round {round_ + 1}: {reply.error}\n--- cell ---\n{source}"
        assert kernel.run("print(len(servers.running()))").stdout.strip() == "0"


@pytest.mark.soak
@pytest.mark.parametrize("path", COURSE, ids=[p.stem for p in COURSE])
def test_two_kernels_run_one_notebook_at_once(path: Path) -> None:
    import threading

    from tests.nbrun import run_notebook

    results = []
    runners = [threading.Thread(target=lambda: results.append(run_notebook(path))) for _ in range(2)]
    for t in runners:
        t.start()
    for t in runners:
        t.join(timeout=600)
    assert len(results) == 2 and all(r.ok for r in results), [(r.error, r.leftovers) for r in results]


def _disturb_first_long_cell(kernel: LabKernel, cells: list[str]) -> tuple[str, int]:
    """Run cells from the top; from a third of the way on, the first cell still busy after 0.4 s is left running.

    Returns that cell's message id and index (the caller then interrupts, restarts or kills).
    """
    for index, source in enumerate(cells):
        msg = kernel.execute(source)
        if index < len(cells) // 3:
            reply = kernel.wait(msg, timeout_s=180)
            assert reply.status == "ok", f"cell {index}: {reply.error}"
            continue
        reply = kernel.wait(msg, timeout_s=0.4)
        if reply.status == "timeout":
            return msg, index
        if reply.status != "ok":  # finished, but badly: the notebook itself is broken
            raise AssertionError(f"cell {index}: {reply.error}")
    raise AssertionError("no cell after the first third ran longer than 0.4 s")


@pytest.mark.soak
@pytest.mark.parametrize("action", ["interrupt", "restart", "sigkill"])
@pytest.mark.parametrize("path", COURSE, ids=[p.stem for p in COURSE])
def test_disturbing_the_kernel_mid_notebook(path: Path, action: str, kernel: LabKernel) -> None:
    import nbformat

    cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    msg, index = _disturb_first_long_cell(kernel, cells)
    if action == "interrupt":
        kernel.interrupt()
        reply = kernel.wait(msg, timeout_s=5)
        assert reply.status in ("ok", "error") and reply.seconds < 3.5, f"cell {index} did not stop: {reply}"
        kernel.wait_servers_gone(3)
        for i, source in enumerate(cells):  # the next Run All works
            again = kernel.run(source, timeout_s=180)
            assert again.status == "ok", f"rerun, cell {i}: {again.error}"
    elif action == "restart":
        kernel.manager.restart_kernel(now=True)
        kernel.wait_servers_gone(3)
    else:
        kernel.sigkill()
        kernel.wait_servers_gone(3)
