"""labapp: handler stamps, validation, thread-pool size, the seed apps (in-process TestClient)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from fastapi.testclient import TestClient

from helpers.topics import runs
from labapp import awaits, contract, deadlines, lab, seed_bare, upstream
from labapp.contract import SECRET_HEADER, SECRET_VAR


@pytest.fixture(scope="module")
def client() -> TestClient:
    with TestClient(lab.app) as c:
        yield c


def test_sync_handlers_run_in_anyio_worker_threads(client: TestClient) -> None:
    body = client.get("/sync/sleep?s=0").json()
    assert body["kind"] == "sync" and body["thread"].startswith("AnyIO worker thread")
    assert body["pid"] == os.getpid()
    assert client.get("/async/sleep?s=0").json()["kind"] == "async"


def test_offload_reports_the_thread_that_did_the_work(client: TestClient) -> None:
    assert client.get("/async/offload/sleep?s=0").json()["work_thread"].startswith("AnyIO worker thread")
    assert client.get("/async/to-thread/cpu?ms=1").json()["work_thread"].startswith("asyncio_")


@pytest.mark.parametrize("path", ["/async/sleep?s=31", "/sync/spin?s=-1", "/sync/cpu?ms=0", "/async/cpu?ms=20000"])
def test_out_of_range_parameters_get_422_with_a_message(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"].startswith("Input should be")


def test_threadpool_can_be_read_and_resized(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_VAR, "s3cret")  # resizing needs the server's secret (labapp/_guard.py)
    owner = {SECRET_HEADER: "s3cret"}
    assert client.get("/threadpool").json()["total_tokens"] == 40
    assert client.put("/threadpool?size=7", headers=owner).json()["total_tokens"] == 7
    assert client.put("/threadpool?size=0", headers=owner).status_code == 422
    client.put("/threadpool?size=40", headers=owner)


def test_thread_tokens_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(contract.THREAD_TOKENS_VAR, "100")
    with TestClient(lab.app) as c:
        assert c.get("/threadpool").json()["total_tokens"] == 100


def test_cpu_work_scales_with_ms(client: TestClient) -> None:
    short = client.get("/sync/cpu?ms=20").json()
    long = client.get("/sync/cpu?ms=200").json()
    assert long["end_perf"] - long["start_perf"] > 3 * (short["end_perf"] - short["start_perf"])


def test_seed_bare_app_answers_in_process_but_python_m_exits_without_a_port() -> None:
    with TestClient(seed_bare.app) as c:
        assert c.get("/").json() == {"message": "Hello World"}
    report = runs.run_module("labapp.seed_bare")
    assert report.finished and report.exit_code == 0 and report.listening_ports == ()


def _served(routes: list[Any]) -> set[str]:
    """Every path an app serves, routers included (FastAPI keeps an included router as one entry)."""
    found: set[str] = set()
    for route in routes:
        if hasattr(route, "original_router"):
            found |= _served(route.original_router.routes)
        elif hasattr(route, "path"):
            found.add(route.path)
    return found


def test_every_route_in_the_contract_is_served_by_a_lab_app() -> None:
    apps = (lab.app, awaits.app, upstream.app, deadlines.app)
    served = set().union(*(_served(app.routes) for app in apps))
    routes = {name: value for name, value in vars(contract).items() if name.isupper() and str(value).startswith("/")}
    assert routes and not {name: path for name, path in routes.items() if path not in served}


def test_the_lifespan_state_reaches_each_request_and_no_handler_reads_a_module_global() -> None:
    assert not hasattr(lab, "calibration")  # no `global calibration` any more
    with TestClient(lab.app) as c:
        assert c.get("/info").json()["cpu_iterations_per_ms"] > 0  # from request.state
        assert c.get("/sync/cpu?ms=1").status_code == 200
    bare = TestClient(lab.app)  # no `with`: no lifespan ran, as under helpers.tiny_asgi
    refused = bare.get("/async/cpu?ms=1")
    assert refused.status_code == 503 and "lifespan" in refused.json()["detail"]
    assert bare.get("/info").json()["cpu_iterations_per_ms"] is None


def test_awaits_and_upstream_keep_their_state_per_app_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(contract.PROCESS_WORKERS_VAR, "0")
    with TestClient(awaits.app) as c:
        tag = "state-test"
        c.get(f"/outlive/async?s=0&tag={tag}")
        assert [e["what"] for e in c.get(f"{contract.EVENTS}?tag={tag}").json()] == ["started", "finished"]
        assert c.get("/pool").json()["size"] == 0
    with TestClient(upstream.app) as c:
        c.get(f"{contract.SLOW}?delay_s=0")
        assert c.get(contract.CONNECTIONS).json()["requests"] == 1
    with TestClient(upstream.app) as c:  # a new run starts from zero
        assert c.get(contract.CONNECTIONS).json() == {"requests": 0, "connections": 0}


def test_a_timed_out_threadpool_call_gives_its_token_back_while_its_thread_still_runs() -> None:
    """asyncio.timeout abandons the await: AnyIO's limiter counts the token free, the thread sleeps on."""
    with TestClient(deadlines.app) as c:
        body = c.get(contract.DEADLINE_THREADPOOL, params={"s": 1.0, "limit": 0.2}).json()
        assert body["timed_out"] and body["work_still_running"]
        assert (body["tokens_while_working"], body["tokens_after_timeout"]) == (1, 0)
        to_thread = c.get(contract.DEADLINE_TO_THREAD, params={"s": 1.0, "limit": 0.2}).json()
        assert to_thread["work_still_running"] and to_thread["tokens_while_working"] == 0  # not AnyIO's pool
