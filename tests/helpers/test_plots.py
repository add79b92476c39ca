"""plots: every figure draws from real measurements, with titles and labelled axes."""

from __future__ import annotations

import pytest
from matplotlib.figure import Figure

from helpers import errors, load, plots, procs, servers


@pytest.fixture(scope="module")
def measured() -> tuple[list, procs.ProcTree, procs.ProcTree]:  # type: ignore[type-arg]
    with servers.uvicorn("labapp.lab:app", workers=2, name="plots") as srv:
        recs = load.fire(srv, "/sync/sleep?s=0.2", 8, fresh_connections=True)
        before = procs.of(srv)
        victim = before.workers[0].pid
        procs.signal(srv, "KILL", pid=victim)
        # One snapshot per check: two separate reads can race with the victim turning zombie.
        procs.wait_until(lambda: replaced(procs.worker_pids(srv), victim), 15, what="respawn")
        return recs, before, procs.of(srv)


def labelled(fig: Figure) -> None:
    ax = fig.axes[0]
    assert ax.get_title()
    assert ax.get_xlabel() and ax.get_ylabel()


def test_timeline_by_pid_and_thread(measured) -> None:  # type: ignore[no-untyped-def]
    recs = measured[0]
    for colour in ("pid", "thread", "path"):
        fig = plots.timeline(recs, color_by=colour)
        labelled(fig)
        assert len(fig.axes[0].patches) >= len(recs)  # one bar per request
    with pytest.raises(errors.BadArgumentError):
        plots.timeline(recs, color_by="colour")


def test_counts_latency_bars_and_pids_over_time(measured) -> None:  # type: ignore[no-untyped-def]
    recs = measured[0]
    labelled(plots.requests_per_pid(recs))
    labelled(plots.pids_over_time(recs))
    assert plots.latencies({"a": recs, "b": recs}).axes[0].get_ylabel() == "latency (ms)"
    assert plots.bars({"x": 1.0, "y": 2.0}, title="t", ylabel="s", reference=1.5).axes[0].get_title() == "t"


def test_process_trees_and_their_change(measured) -> None:  # type: ignore[no-untyped-def]
    _, before, after = measured
    fig = plots.process_tree(before)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(f"[{before.root_pid}]" in t for t in texts)
    assert sum("worker" in t for t in texts) == 2
    change = procs.diff(before, after)
    fig = plots.tree_change(before, after, change)
    assert len(fig.axes) == 2 and "gone: worker" in fig._suptitle.get_text()  # type: ignore[union-attr]


def test_empty_inputs_are_refused() -> None:
    with pytest.raises(errors.BadArgumentError):
        plots.timeline([])


def replaced(workers: list[int], victim: int) -> bool:
    return len(workers) == 2 and victim not in workers
