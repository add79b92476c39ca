"""srv.link(): a link a learner's browser can open, through a real Jupyter server's jupyter-server-proxy.

The Jupyter server is real (``jupyter server`` with the course's jupyter-server-proxy), on the
base URL `make lab` gives (``/``) and on the one a hub gives a learner (``/user/ana/``). The
kernel side is this test process, told which server "launched" it the way jupyter_client tells
a kernel (``JPY_PARENT_PID``, Jupyter's runtime folder). Clicking through a real browser, with
`make lab` and through a real hub, is in test_browser.py and test_hub.py.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from helpers import links, servers
from helpers.errors import ServerNotRunningError
from tests.support import shared

TOKEN = "serverlab-test-token"


def _jupyter_server(runtime: Path, base_url: str) -> Iterator[tuple[links.JupyterServer, Path]]:
    """A real Jupyter server on 127.0.0.1 (the OS picks its port): what its info file says, and its runtime folder."""
    runtime.mkdir(parents=True, exist_ok=True)
    argv = [
        str(Path(sys.executable).parent / "jupyter"), "server", "--no-browser", "--ServerApp.ip=127.0.0.1",
        "--ServerApp.port=0", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.base_url={base_url}",
        f"--ServerApp.root_dir={runtime}",
    ]  # fmt: skip
    if os.geteuid() == 0:
        argv.append("--allow-root")
    log = runtime / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            env={**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime)},
        )  # fmt: skip
    try:
        info = runtime / f"jpserver-{proc.pid}.json"
        deadline = time.monotonic() + 60
        while not info.exists():
            assert proc.poll() is None, f"jupyter server exited: {log.read_text()[-2000:]}"
            assert time.monotonic() < deadline, f"jupyter server wrote no info file in 60 s: {log.read_text()[-2000:]}"
            time.sleep(0.2)
        data = json.loads(info.read_text())
        yield links.JupyterServer(proc.pid, data["url"], data["base_url"], data["token"]), runtime
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module", params=["/", "/user/ana/"], ids=["make-lab", "hub-prefix"])
def jupyter(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[links.JupyterServer, Path]]:
    yield from _jupyter_server(tmp_path_factory.mktemp("jupyter"), request.param)


@pytest.fixture
def as_its_kernel(jupyter: tuple[links.JupyterServer, Path], monkeypatch: pytest.MonkeyPatch) -> links.JupyterServer:
    """This process plays a kernel of `jupyter`: the two facts a real kernel inherits from its server."""
    server, runtime = jupyter
    monkeypatch.setenv("JPY_PARENT_PID", str(server.pid))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    return server


@pytest.fixture(scope="module")
def lab_server() -> Iterator[servers.Server]:
    with shared(servers.uvicorn("labapp.lab:app", name="links lab")) as srv:
        yield srv


def _through(jupyter: links.JupyterServer, href: str, **kwargs: object) -> httpx.Response:
    """GET an href as the browser would, from the Jupyter server (with the token unless told otherwise)."""
    url = jupyter.url.rstrip("/") + href[len(jupyter.base_url.rstrip("/")) :]
    headers = kwargs.pop("headers", {"Authorization": f"token {TOKEN}"})
    return httpx.get(url, headers=headers, timeout=10, **kwargs)  # type: ignore[arg-type]


def test_without_a_jupyter_server_the_link_is_the_servers_own_url(
    lab_server: servers.Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JPY_PARENT_PID", raising=False)
    link = lab_server.link("info")
    assert link.href == link.direct == f"http://127.0.0.1:{lab_server.port}/info"
    assert link.through is None and "the server's own address" in link.via
    assert link.fetch().json()["pid"] == lab_server.pid


def test_a_parent_that_is_no_jupyter_server_gives_the_direct_url(
    lab_server: servers.Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("JPY_PARENT_PID", str(os.getpid()))  # nbclient's kernels: the parent wrote no info file
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
    (tmp_path / f"jpserver-{os.getpid()}.json").write_text("{ half written")
    assert links.jupyter_server() is None
    assert lab_server.link("/docs").href == f"http://127.0.0.1:{lab_server.port}/docs"


def test_a_stopped_server_gives_no_link_but_says_why() -> None:
    srv = servers.uvicorn("labapp.seed_bare:app", ready_path="/", name="links stopped")
    srv.stop()
    with pytest.raises(ServerNotRunningError, match="'links stopped' is not running"):
        srv.link("/")


def test_the_link_goes_through_the_jupyter_servers_proxy_under_its_base_url(
    as_its_kernel: links.JupyterServer, lab_server: servers.Server
) -> None:
    link = lab_server.link("/info")
    base = as_its_kernel.base_url
    assert link.href == f"{base}proxy/127.0.0.1:{lab_server.port}/info"
    assert link.through == as_its_kernel
    answer = link.fetch()
    assert answer.status_code == 200, answer.text[:300]
    assert answer.json()["pid"] == lab_server.pid, "the proxy reached another process than the lab server"
    assert str(lab_server.pid) in link._repr_html_() and 'href="' + link.href + '"' in link._repr_html_()


def test_the_docs_page_through_the_proxy_names_a_schema_the_proxy_serves(
    as_its_kernel: links.JupyterServer, lab_server: servers.Server
) -> None:
    """Without the lab app's ForwardedPrefix, the page would ask the Jupyter server for /openapi.json: 404."""
    docs = lab_server.link("/docs").fetch()
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    schema_url = re.search(r"url: '([^']+)'", docs.text)
    assert schema_url, docs.text[:500]
    prefix = f"{as_its_kernel.base_url}proxy/127.0.0.1:{lab_server.port}"
    assert schema_url.group(1) == f"{prefix}/openapi.json"
    schema = _through(as_its_kernel, schema_url.group(1))
    assert schema.status_code == 200 and schema.json()["info"]["title"] == "serverlab lab app"
    assert schema.json()["servers"] == [{"url": prefix}], "Try it out would call the Jupyter server, not the lab server"


def test_a_seed_app_answers_its_root_through_the_proxy_as_it_does_directly(as_its_kernel: links.JupyterServer) -> None:
    with servers.uvicorn("labapp.seed_bare:app", ready_path="/") as seed:
        link = seed.link("/")
        assert link.fetch().json() == seed.get("/") == {"message": "Hello World"}


def test_the_proxy_keeps_the_notebooks_login(as_its_kernel: links.JupyterServer, lab_server: servers.Server) -> None:
    """Anyone who can reach the Jupyter server's port cannot use the link without the learner's login."""
    anonymous = _through(as_its_kernel, lab_server.link("/info").href, headers={})
    assert anonymous.status_code in (302, 401, 403), anonymous.status_code
    assert "pid" not in anonymous.text


def test_forwarded_prefix_sets_root_path_only_for_the_docs_not_the_routing(lab_server: servers.Server) -> None:
    plain = httpx.get(lab_server.url_for("/docs"), timeout=10).text
    prefixed = httpx.get(lab_server.url_for("/docs"), headers={"X-Forwarded-Prefix": "/a/proxy/1/"}, timeout=10).text
    assert "url: '/openapi.json'" in plain
    assert "url: '/a/proxy/1/openapi.json'" in prefixed
    info = httpx.get(lab_server.url_for("/info"), headers={"X-Forwarded-Prefix": "/a/proxy/1"}, timeout=10)
    assert info.status_code == 200 and info.json()["pid"] == lab_server.pid
