"""The calls the notebooks make, for ``mypy --strict`` (``make lint``): a renamed or retyped helper fails here.

Never run: each function mirrors the cells of one notebook, so the type checker sees the
notebooks' own calls with the helpers' real signatures.
"""

from __future__ import annotations

import threading

import labapp.awaits
from helpers import (
    activity,
    checks,
    cores,
    cputime,
    load,
    looplag,
    measure,
    panels,
    plots,
    procs,
    scaling,
    servers,
    source,
    supervision,
)
from helpers.records import RequestRecord
from helpers.topics import awaiting, compare, diagrams, production, reloading, runs


def notebook_00() -> None:
    checks.environment()
    srv = servers.uvicorn("labapp.lab:app")
    print(srv.get("/info"), srv.log_tail(3), srv.ready_after_s, srv.command, procs.of(srv).table())
    print(srv.link("/docs"), srv.link("/info"))
    frozen = servers.uvicorn("labapp.seed_async_loop:app")
    load.fire(frozen, paths=["/", "/health"], delays_s=[0, 0.3], timeout_s=2)
    checks.expect_equal("SIGKILL", frozen.exitcode, -9)
    checks.expect_equal("gone", procs.pids_alive([srv.pid]), [])
    print(servers.stop_all(), servers.running())


def notebook_01() -> None:
    bare = runs.run_module("labapp.seed_bare", timeout_s=10)
    print(bare.summary(), bare.exit_code, bare.listening_ports)
    srv = servers.uvicorn("labapp.seed_bare:app", ready_path="/")
    response = srv.request("GET", "/")
    root_link = srv.link("/")
    checks.expect_equal(f"the link answers ({root_link.via})", root_link.fetch().json(), response.json())
    checks.expect_equal("listens", procs.listening_ports(srv.pid), (srv.port,))
    diagrams.request_flow(client="curl", server=f"uvicorn [{srv.pid}]", app="app", process=str(response.status_code))
    main_srv = servers.module("labapp.seed_main")
    tiny = servers.module("helpers.tiny_asgi", args=("labapp.seed_bare:app", "--port", "{port}"), ready_path="/")
    before, after = runs.of_this_process(), runs.of_this_process()
    print(after.added_since(before), main_srv.url, tiny.url_for("/"))
    main_py = reloading.copy_app("labapp.seed_bare", "main.py")
    folder = str(main_py.parent)
    dev = servers.uvicorn("main:app", reload=True, reload_dir=folder, app_dir=folder, ready_path="/")
    old_child = reloading.server_children(procs.of(dev))[0]
    reloading.edit(main_py, "Hello World", "Hello again")
    report = reloading.wait_for_reload(dev, old_child, "/", {"message": "Hello again"}, timeout_s=15)
    print(report.new_child_pid, report.new_code_after_s)
    reloading.remove(main_py)
    attempt, port = runs.run_source("print('hi')", module="serve", run_for_s=3.0)
    print(attempt.finished, port)


def notebook_02() -> None:
    srv = servers.uvicorn("labapp.lab:app")
    overlap = load.fire(srv, "/async/sleep?s=1", 20)
    checks.expect_between("one sleep", measure.span_s(overlap), 1.0, 2.0, "s")
    checks.expect_equal("overlap", measure.max_overlap(overlap), 20)
    checks.expect_equal("thread", measure.thread_names(overlap), {"MainThread"})
    busy = activity.of(srv, window_s=1.5)
    checks.expect_at_least("spins", busy.cores_used, 0.2, "cores", busy=busy.too_busy())
    idle = looplag.idle_baseline(srv)
    lag = looplag.probe(srv, "/async/cpu?ms=1500", pings=10, interval_s=0.12)
    plots.latencies({"idle loop": idle, "cpu": lag.pings}, title="lag")
    checks.expect_equal("none", lag.pings_answered_during_work(), 0)
    probe = cputime.fire(srv, "/health", 1, timeout_s=1.0)
    report = supervision.term_then_kill(srv, grace_s=1.5)
    print(probe.cores_used, report.describe(), report.exited_on_term, report.leftovers)
    checks.verdict("Exercise 1", 1.0, lambda answer: (answer > 0, "measured"), strict=True)
    plots.timeline(overlap + lag.records, title="t", color_by="path")


def notebook_03() -> None:
    srv = servers.uvicorn("labapp.lab:app")
    print(srv.request("PUT", "/threadpool?size=100").json())
    solo = cputime.fire(srv, "/sync/cpu?ms=400", 1)
    together = cputime.fire(srv, "/sync/cpu?ms=400", 2)
    checks.expect_at_most("GIL", together.cores_used, 1.3)
    probe, use = cputime.during(srv, looplag.probe, srv, "/async/cpu?ms=400", work_n=4, pings=8, interval_s=0.15)
    cputime.expect_one_core("serial", use.cores_over(measure.span_s(list(probe.work))), use.others_cores, threads=4)
    print(solo.cpu_s, together.wall_s, measure.counts_by_thread(list(together.records)))
    plots.bars({"a": 1.0}, title="b", ylabel="s")
    panels.experiment("Try it", server="uvicorn", endpoint="sync sleep", requests=60)


def notebook_04() -> None:
    srv = servers.uvicorn("labapp.lab:app", workers=3, timeout_worker_healthcheck_s=1)
    tree = procs.of(srv)
    plots.process_tree(tree, title="uvicorn --workers 3")
    print(tree.by_role("parent"), tree.workers, supervision.wait_until_all_answer(srv))
    cpu_servers = {"1 worker": servers.uvicorn("labapp.lab:app", env=cputime.shared_calibration_env())}
    cpu_runs = cputime.interleaved(cpu_servers, "/async/cpu?ms=100", 12, rounds=3)
    spans = cputime.median_by_label(cpu_runs, "wall_s")
    quiet = cputime.quiet_rounds(cpu_runs, ["1 worker"], min_free_cores=1.5)
    best = cputime.best_by_label(cpu_runs, "cores_used", quiet)
    plots.bars(spans, title="t", ylabel="cores", reference=cores.detect().count)
    before = procs.of(srv)
    replaced = supervision.kill_and_replace(srv, before.workers[0].pid)
    checks.expect_at_most("at once", replaced.appeared_after_s, 0.5, "s", busy=replaced.too_busy())
    plots.tree_change(before, procs.of(srv), procs.diff(before, procs.of(srv)), title="t")
    procs.signal(srv, "TTIN")
    grown: list[int] = procs.wait_for_workers(srv, 4)
    print(best, replaced.appeared_after_s, replaced.serving_after_s, grown, procs.worker_pids(srv))
    panels.live_tree(srv)


def notebook_05() -> None:
    srv = servers.gunicorn("labapp.lab:app", workers=2, timeout_s=3)
    before = procs.of(srv)
    traffic = load.fire(srv, "/ping", 100, fresh_connections=True, concurrency=5)
    cpu_used = procs.cpu_by_role(before, procs.of(srv))
    print(cpu_used.get("master", 0.0), measure.counts_by_pid(traffic))
    print("\n".join(srv.log_lines(matching=("TIMEOUT", "SIGABRT", "Booting"), last=3)))
    pending = supervision.fire_in_background(srv, "/async/spin?s=6", timeout_s=20)
    spun: list[RequestRecord] = pending.result()
    rec = servers.gunicorn("labapp.lab:app", workers=2, max_requests=10, max_requests_jitter=0, name="recycling")
    recycled = load.fire(rec, "/ping", 60, delays_s=[0.04 * i for i in range(60)], fresh_connections=True)
    plots.pids_over_time(recycled, title="t")
    procs.signal(srv, "KILL")
    procs.wait_until(lambda: not srv.is_running(), 5, what="the master to die")
    checks.expect_equal("exit", srv.exitcode, 0)
    checks.expect_equal("left", len(procs.server_processes(srv.marker)), 0)
    print(spun, " ".join(srv.command.argv), procs.of(srv).orphans)
    servers.gunicorn("labapp.lab:app", workers=1, threads=8, env={"SERVERLAB_THREAD_TOKENS": "5"})
    servers.uvicorn("labapp.lab:app", workers=2, timeout_worker_healthcheck_s=3)


def notebook_06() -> None:
    env = cputime.shared_calibration_env()
    one = compare.deployment("one process", servers.uvicorn("labapp.lab:app", name="one", env=env))
    lb = compare.replicas("2 containers", 2, env=env)
    io = compare.run_load(one, "I/O", "/async/sleep?s=0.5", 20)
    crashed = compare.crash(lb)
    hung = compare.hang(one, spin_s=3.0, handler="sync")
    cells = [compare.load_cell(io), compare.outage_cell(crashed), compare.footprint_cell(compare.footprint(one))]
    print(compare.markdown(cells), compare.fmt_s(hung.replaced_after_s), io.free_cores)
    plots.timelines(compare.by_deployment([io]), title="t")
    plots.latency_timelines({"a": list(hung.records)}, slow_s=1.0, title="t")
    print(compare.fire(lb, "/ping", 4, fresh_connections=True))
    servers.uvicorn("labapp.lab:app", workers=2, limit_max_requests=5, name="uvicorn recycling")


def notebook_07() -> None:
    machine = cores.detect()
    up = awaiting.upstream()
    srv = awaiting.lab(up)
    print(source.of_handler(labapp.awaits.app, labapp.awaits.httpx_async))
    calls = awaiting.with_pings(srv, {"a": "/call/requests-in-async?delay_s=0.8"}, 4, pings=32)
    plots.timelines({k: run.work for k, run in calls.items()}, title="t")
    plots.latency_timelines({k: run.pings for k, run in calls.items()}, title="t", slow_s=0.4)
    shared = awaiting.count_connections(srv, up, "/call/httpx-async?delay_s=0.05", 20, concurrency=4)
    checks.expect_at_most("s", shared.connections, 4)
    pooled = cputime.fire(srv, "/cpu/process?ms=300", 4)
    plots.timelines({"p": awaiting.by_child(pooled.records)}, title="t")
    awaiting.expect_speedup("s", pooled.cores_used, min(2, machine.free(pooled.others_cores)))
    children = awaiting.pool_children(srv)
    print(awaiting.memory(srv.pid).rss_mb, [c.uss_mb for c in children], srv.log_lines(matching="process pool"))
    hold, sent = awaiting.while_held(srv, ["/tokens/async-only"], hold_s=1.2)
    print(hold.server_end, [r.received_at for r in sent], awaiting.wait_borrowed(srv, 40))
    tag = awaiting.new_tag("left")
    print(awaiting.events(srv, tag, until_ended=3), awaiting.panel(up), up.url)

    async def handler() -> dict[str, str]:
        return {}

    with awaiting.serve_handler(handler, up) as exercise:
        print(exercise.get("/progress"))


def notebook_08() -> None:
    pairs = supervision.start_together(
        {
            "run": lambda: servers.fastapi_run(workers=2),
            "dev": servers.fastapi_dev,
            "reload": lambda: servers.uvicorn(reload=True, reload_dir="labapp", name="uvicorn --reload"),
        }
    )
    plots.process_trees({label: procs.of(srv) for label, srv in pairs.items()}, title="t")
    own = servers.gunicorn_asgi(workers=2, threads=4, timeout_s=2)
    print(
        supervision.kill_and_replace(own, procs.of(own).workers[0].pid), own.log_lines(("TIMEOUT", "Booting"), last=3)
    )
    signalled = {"asgi": (servers.gunicorn_asgi(workers=1, graceful_timeout_s=5), "QUIT")}
    outcomes = production.signal_during_requests(
        signalled,
        path="/sync/sleep?s=3",
        exit_wait_s=8,
        in_progress=lambda srv: srv.get("/threadpool")["borrowed_tokens"],
    )
    print(
        {
            label: (o.describe(), o.exited_after_s, measure.ok_count(o.in_flight), o.after.ok)
            for label, o in outcomes.items()
        }
    )
    gran = servers.granian(workers=1, respawn_failed_workers=True, respawn_interval_s=0.5)
    print(production.os_thread_names(gran.pid), gran.request("POST", "/crash").json(), gran.exitcode)
    busy, connects = production.connect_while_busy(gran, 12, busy_path="/async/block?s=1.5")
    print(busy.ok, [(c.index, c.connect_s, c.status) for c in connects], production.accepted_connections(gran))
    queue = production.full_queue(gran, 12, busy_path="/async/block?s=1.5")
    during = queue.sent_during_block()
    print(queue.queue_peak, queue.in_queue_at_once(), queue.unjudgeable(backlog=4))
    print([c.waited_for_retry for c in during])
    checks.inconclusive("a claim", "a measured reason")
    checks.expect_at_most("fast", 0.1, 0.33, "x", busy=scaling.too_busy(1.0, 1.5, 2))
    keepers = {"ka": servers.uvicorn(timeout_keep_alive_s=1), "ka 4": servers.gunicorn(workers=1, keep_alive_s=4)}
    reuse = production.reuse_after_idle(keepers, [0.5, 1.5])
    servers.uvicorn(access_log=False, limit_concurrency=4, backlog=4, timeout_graceful_shutdown_s=2)
    plots.bars({label: float(sum(r.ok for r in records)) for label, records in reuse.items()}, title="t", ylabel="n")
    rolling = servers.uvicorn(workers=2, access_log=False)
    servers.uvicorn(workers=2, limit_max_requests=20, limit_max_requests_jitter=10)
    runs = production.during_restart({"hup": (rolling, lambda: procs.signal(rolling, "HUP")), "none": (rolling, None)})
    plots.latency_timelines({label: run.fresh + run.reused for label, run in runs.items()}, title="t", slow_s=0.5)
    print({label: (run.new_pids, run.too_busy(), run.free_cores) for label, run in runs.items()})
    print(
        {
            label: (run.describe(), run.dropped, run.reused_failed, run.pids, run.replaced_after_s)
            for label, run in runs.items()
        }
    )


def panel_from_code() -> None:
    panel = panels.experiment("t", server="gunicorn", workers=2, endpoint="async block", seconds=1.0, requests=6)
    panel.configure(requests=10)
    records: list[RequestRecord] = panel.run()
    print(records, panel.summary, panel.stop())
    supervision.wait_until_all_answer(servers.uvicorn(), cancel=threading.Event())
