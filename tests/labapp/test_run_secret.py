"""The lab app's destructive endpoints answer only whoever holds the server's secret (issue 15 item 7, issue 19
point 10): the helpers' own run secret, or one a learner set for a server started by hand; none at all: 403."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from helpers import servers
from helpers._plumbing import environment
from helpers._plumbing.diagnose import reported_port
from helpers.commands import PROJECT_ROOT
from labapp import _guard, awaits, contract, lab

SECRET_VAR, SECRET_HEADER, RUN_SECRET = contract.SECRET_VAR, contract.SECRET_HEADER, environment.RUN_SECRET
UVICORN_CLI = Path(sys.executable).parent / "uvicorn"  # the plain CLI a learner types, from the course's environment


def test_the_names_are_defined_once_and_the_helpers_use_them() -> None:
    assert environment.SECRET_VAR is _guard.SECRET_VAR is contract.SECRET_VAR
    assert environment.SECRET_HEADER is _guard.SECRET_HEADER is contract.SECRET_HEADER
    assert environment.marked_env("x")[SECRET_VAR] == RUN_SECRET


@pytest.mark.parametrize("app", [lab.app, awaits.app])
def test_resizing_the_threadpool_needs_the_secret(app: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_VAR, "s3cret")
    with TestClient(app) as client:  # type: ignore[arg-type]
        refused = client.put("/threadpool?size=7")
        assert refused.status_code == 403 and SECRET_HEADER in refused.json()["detail"]
        assert client.put("/threadpool?size=7", headers={SECRET_HEADER: "wrong"}).status_code == 403
        assert client.put("/threadpool?size=40", headers={SECRET_HEADER: "s3cret"}).status_code == 200


@pytest.mark.parametrize("app", [lab.app, awaits.app])
def test_without_any_secret_the_endpoints_are_closed_and_say_how_to_open_them(
    app: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SECRET_VAR, raising=False)
    with TestClient(app) as client:  # type: ignore[arg-type]
        for headers in ({}, {SECRET_HEADER: ""}, {SECRET_HEADER: "anything"}):
            refused = client.put("/threadpool?size=7", headers=headers)
            assert refused.status_code == 403, refused.text
            detail = refused.json()["detail"]
            assert f"{SECRET_VAR}=" in detail and SECRET_HEADER in detail and "\n" not in detail
        assert client.get("/threadpool").json()["total_tokens"] == 40  # nothing changed; reading stays open


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


@contextlib.contextmanager
def by_hand(env: dict[str, str], tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`uvicorn labapp.lab:app --host 127.0.0.1 --port 0` typed in a terminal: no helper, no marker."""
    log = tmp_path / "uvicorn.log"
    argv = [str(UVICORN_CLI), "labapp.lab:app", "--host", "127.0.0.1", "--port", "0"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(argv, cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        deadline, port = time.monotonic() + 30, 0
        while not port and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
            port = reported_port(log.read_text(errors="replace"))
        assert port, f"uvicorn did not report its port: {log.read_text(errors='replace')[-1500:]}"
        url = f"http://127.0.0.1:{port}"
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(url + "/health", timeout=2.0).status_code == 200:
                    break
            time.sleep(0.05)
        yield proc, url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def hand_env(**extra: str) -> dict[str, str]:
    """A terminal's environment: none of the helpers' markers or secret."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SERVERLAB_")}
    return {**env, "PYTHONPATH": str(PROJECT_ROOT), **extra}


@pytest.mark.timeout(90)
def test_a_server_started_by_hand_with_the_plain_uvicorn_cli_refuses_crash(tmp_path: Path) -> None:
    with by_hand(hand_env(), tmp_path) as (proc, url):
        for headers in ({}, {SECRET_HEADER: "guess"}, {SECRET_HEADER: ""}):
            refused = httpx.post(url + "/crash", headers=headers, timeout=5.0)  # another learner on the node
            assert refused.status_code == 403, refused.text
            detail = refused.json()["detail"]
            assert f"{SECRET_VAR}=" in detail and SECRET_HEADER in detail, detail  # it says how to set one
        assert httpx.put(url + "/threadpool?size=1", timeout=5.0).status_code == 403
        time.sleep(0.3)  # a wrongly accepted /crash exits 0.1 s after answering
        assert proc.poll() is None and httpx.get(url + "/health", timeout=5.0).status_code == 200


@pytest.mark.timeout(90)
def test_the_way_the_403_describes_opens_crash_for_its_owner(tmp_path: Path) -> None:
    with by_hand(hand_env(**{SECRET_VAR: "pick-one"}), tmp_path) as (proc, url):
        assert httpx.post(url + "/crash", headers={SECRET_HEADER: "guess"}, timeout=5.0).status_code == 403
        assert httpx.post(url + "/crash", headers={SECRET_HEADER: "pick-one"}, timeout=5.0).status_code == 200
        assert proc.wait(timeout=10) == 1  # os._exit(1): the crash happened
