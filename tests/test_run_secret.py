"""The lab app's destructive endpoints answer only the run that started the server (issue 15, item 7)."""

from __future__ import annotations

import time

import httpx
import pytest
from fastapi.testclient import TestClient

from helpers import servers
from helpers._plumbing.environment import RUN_SECRET, SECRET_HEADER, SECRET_VAR
from labapp import awaits, lab


@pytest.mark.parametrize("app", [lab.app, awaits.app])
def test_resizing_the_threadpool_needs_the_secret(app: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_VAR, "s3cret")
    with TestClient(app) as client:  # type: ignore[arg-type]
        refused = client.put("/threadpool?size=7")
        assert refused.status_code == 403 and SECRET_HEADER in refused.json()["detail"]
        assert client.put("/threadpool?size=7", headers={SECRET_HEADER: "wrong"}).status_code == 403
        assert client.put("/threadpool?size=40", headers={SECRET_HEADER: "s3cret"}).status_code == 200


def test_crash_without_the_secret_is_refused_and_with_it_the_process_exits() -> None:
    with servers.uvicorn("labapp.lab:app", name="guarded") as srv:
        assert SECRET_VAR not in srv.get("/info")["markers"]  # a read-only endpoint must not hand it out
        for headers in ({}, {SECRET_HEADER: "guess"}):
            refused = httpx.post(srv.url_for("/crash"), headers=headers, timeout=5.0)  # another learner's call
            assert refused.status_code == 403, refused.text
            assert "\n" not in refused.json()["detail"]
        time.sleep(0.3)  # /crash exits 0.1 s after answering: give a wrongly accepted one time to show
        assert srv.is_ready()
        accepted = httpx.post(srv.url_for("/crash"), headers={SECRET_HEADER: RUN_SECRET}, timeout=5.0)
        assert accepted.status_code == 200
        deadline = time.monotonic() + 10.0
        while srv.exitcode is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert srv.exitcode == 1  # os._exit(1): the crash happened


def test_server_request_sends_the_secret_so_cells_work_unchanged() -> None:
    with servers.uvicorn("labapp.lab:app", name="cells") as srv:
        assert srv.request("PUT", "/threadpool?size=12").json()["total_tokens"] == 12
