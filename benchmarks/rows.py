"""One function per benchmark row; each measures both sides in the same run and returns Rows."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from helpers import commands, cores, load, measure, procs, scaling, servers, supervision
from helpers._plumbing.ports import free_port

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Row:
    group: str
    name: str
    target: str
    measured: float
    unit: str
    passed: bool
    detail: str = ""


def _bare_time_to_first_200(app: str) -> float:
    """Start the same command with a bare 10 ms polling loop and no helper machinery."""
    port = free_port()
    argv = commands.Uvicorn(app).command(port).argv
    began = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while time.monotonic() - began < 30:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            try:
                conn.request("GET", "/health")
                if conn.getresponse().status == 200:
                    return time.monotonic() - began
            except OSError:
                pass
            finally:
                conn.close()
            time.sleep(0.01)
        raise RuntimeError("bare server never answered")
    finally:
        proc.kill()
        proc.wait()


def readiness(repeats: int = 5) -> list[Row]:
    servers.uvicorn("labapp.lab:app", name="warm-up").stop()  # starts the watchdog, warms caches
    helper, bare = [], []
    for _ in range(repeats):
        bare.append(_bare_time_to_first_200("labapp.lab:app"))
        began = time.monotonic()
        srv = servers.uvicorn("labapp.lab:app", name="bench-ready")
        helper.append(time.monotonic() - began)
        srv.stop()
    ratio = statistics.median(helper) / statistics.median(bare)
    detail = f"helper median {statistics.median(helper):.3f} s, bare loop {statistics.median(bare):.3f} s"
    return [
        Row(
            "1 readiness",
            "helper start-to-ready / bare time to first 200",
            "<= 1.10",
            ratio,
            "x",
            ratio <= 1.10,
            detail,
        )
    ]


def _wrk(url: str, connections: int, seconds: int) -> float:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", url], capture_output=True, text=True, timeout=seconds + 30
    ).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not match:
        raise RuntimeError(f"could not read wrk's output: {out[-500:]}")
    return float(match.group(1))


def load_generator(connections: int = 50, seconds: int = 3) -> list[Row]:
    if shutil.which("wrk") is None:
        return [Row("2 load generator", "helpers throughput / wrk", ">= 0.5", float("nan"), "x", False, "wrk missing")]
    rows = []
    for label, start in (
        ("uvicorn 1 process", lambda: servers.uvicorn("labapp.lab:app", access_log=False, name="bench-load")),
        ("gunicorn -w 2", lambda: servers.gunicorn("labapp.lab:app", workers=2, access_log=False, name="bench-load")),
    ):
        with start() as srv:
            load.throughput(srv, "/ping", connections=connections, duration_s=1)  # warm-up
            ours = load.throughput(srv, "/ping", connections=connections, duration_s=seconds).requests_per_s
            theirs = _wrk(srv.url_for("/ping"), connections, seconds)
        ratio = ours / theirs
        detail = f"helpers {ours:,.0f} req/s vs wrk {theirs:,.0f} req/s, {connections} keep-alive connections"
        rows.append(Row("2 load generator", f"throughput / wrk ({label})", ">= 0.5", ratio, "x", ratio >= 0.5, detail))
    return rows


def _fidelity(name: str, measured: float, theory: float, detail: str) -> Row:
    ratio = measured / theory
    return Row("3 claim fidelity", name, "0.8 - 1.25", ratio, "x", 0.8 <= ratio <= 1.25, detail)


def claim_fidelity() -> list[Row]:
    rows = []
    with servers.uvicorn("labapp.lab:app", name="bench-claims", access_log=False) as srv:
        recs = load.fire(srv, "/async/sleep?s=1", 40)
        rows.append(_fidelity("40 async sleeps of 1 s overlap: span / 1 s", measure.span_s(recs), 1.0, ""))
        recs = load.fire(srv, "/async/block?s=0.3", 5)
        rows.append(_fidelity("5 blocking 0.3 s sleeps in async def: span / 1.5 s", measure.span_s(recs), 1.5, ""))
        recs = load.fire(srv, "/sync/sleep?s=1", 60)
        waves = measure.waves(recs)
        rows.append(_fidelity("60 def sleeps of 1 s on 40 tokens: span / 2 s", measure.span_s(recs), 2.0,
                              f"waves {[w.count for w in waves]}"))  # fmt: skip
        solo = statistics.median(measure.span_s(load.fire(srv, "/sync/cpu?ms=250", 1)) for _ in range(3))
        recs = load.fire(srv, "/sync/cpu?ms=250", 4)
        if srv.get("/info")["gil_enabled"]:
            rows.append(_fidelity("4 CPU-bound def requests, one process (GIL): span / 4 x solo", measure.span_s(recs),
                                  4 * solo, f"solo {solo:.3f} s"))  # fmt: skip
        else:  # a free-threaded server without the GIL: threads share the usable cores like processes would
            parallel = scaling.parallel_capacity(4, cores.detect().usable)
            rows.append(_fidelity("4 CPU-bound def requests, free-threaded (no GIL): span / (4 x solo / min(4, c))",
                                  measure.span_s(recs), 4 * solo / parallel, f"solo {solo:.3f} s"))  # fmt: skip
    with servers.uvicorn("labapp.lab:app", workers=2, name="bench-claims", access_log=False) as srv:
        supervision.wait_until_all_answer(srv)  # raises, naming the silent workers, if one never answers
        solo = statistics.median(measure.span_s(load.fire(srv, "/sync/cpu?ms=250", 1)) for _ in range(3))
        recs = load.fire(srv, "/sync/cpu?ms=250", 8, fresh_connections=True)
        busiest = max(measure.counts_by_pid(recs).values())
        # two workers run in parallel only on two usable cores: below that the 8 requests share min(2, c) cores
        theory = max(busiest * solo, 8 * solo / scaling.parallel_capacity(2, cores.detect().usable))
        rows.append(_fidelity("8 CPU-bound requests on 2 workers: span / max(busiest worker's count x solo, "
                              "8 x solo / min(2, c))", measure.span_s(recs), theory,
                              f"split {list(measure.counts_by_pid(recs).values())}, solo {solo:.3f} s"))  # fmt: skip
    return rows


KERNEL = """
import json, time
from helpers import procs, servers
a = servers.uvicorn("labapp.lab:app", workers=2, name="a")
b = servers.gunicorn("labapp.lab:app", workers=2, name="b")
print(json.dumps(procs.of(a).pids + procs.of(b).pids), flush=True)
time.sleep(60)
"""


def cleanup(repeats: int = 3) -> list[Row]:
    stops = []
    for _ in range(repeats):
        srv = servers.uvicorn("labapp.lab:app", workers=3, name="bench-stop")
        pids = procs.of(srv).pids
        began = time.monotonic()
        srv.stop()
        procs.wait_until(lambda pids=pids: procs.pids_alive(pids) == [], 10)
        stops.append(time.monotonic() - began)
    kills = []
    for _ in range(repeats):
        kernel = subprocess.Popen([sys.executable, "-c", KERNEL], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert kernel.stdout is not None
        pids = json.loads(kernel.stdout.readline())
        began = time.monotonic()
        kernel.send_signal(signal.SIGKILL)
        kernel.wait()
        procs.wait_until(lambda pids=pids: procs.pids_alive(pids) == [], 15, poll_s=0.02)
        kills.append(time.monotonic() - began)
    worst_stop, worst_kill = max(stops), max(kills)
    return [
        Row("4 cleanup", "stop() of a 3-worker uvicorn tree (worst of 3)", "< 1 s", worst_stop, "s", worst_stop < 1,
            ", ".join(f"{s:.2f}" for s in stops)),
        Row("4 cleanup", "all 7 server processes gone after kernel SIGKILL (worst of 3)", "< 3 s", worst_kill, "s",
            worst_kill < 3, ", ".join(f"{s:.2f}" for s in kills)),
    ]  # fmt: skip


def course_time() -> list[Row]:
    sys.path.insert(0, str(ROOT))
    from tests.nbrun import run_notebook

    rows, total = [], 0.0
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        run = run_notebook(path)
        total += run.seconds
        rows.append(Row("5 course time", path.stem, "< 90 s", run.seconds, "s", run.ok and run.seconds < 90,
                        "" if run.ok else (run.error or "leftovers")[:120]))  # fmt: skip
    rows.append(Row("5 course time", "whole course, headless", "< 300 s", total, "s", total < 300))
    return rows
