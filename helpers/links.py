"""Links to a lab server that a learner's browser can open, with `make lab` and through a JupyterHub.

A lab server listens on 127.0.0.1 of the kernel's machine. With `make lab` that is also the
browser's machine; on a hub it is not, and ``http://127.0.0.1:<port>/`` would point at the
learner's own laptop. jupyter-server-proxy (in the course environment) lets the Jupyter server
that runs the notebook forward ``<base_url>proxy/127.0.0.1:<port>/<path>`` to that server, behind
the same login as the notebook. ``<base_url>`` is ``/`` under `make lab` and
``/user/<name>/`` on a hub; the kernel learns it from its Jupyter server's info file.

    srv.link("/docs")      # in a cell: a link to click; print() shows both addresses
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path

import httpx

from helpers import i18n

# The host is named, not "localhost": the servers bind 127.0.0.1 only, and "localhost" may
# resolve to ::1 first, where another user's server could listen on the same port number.
HOST = "127.0.0.1"


@dataclass(frozen=True)
class JupyterServer:
    """The Jupyter server that launched this kernel, as its info file describes it."""

    pid: int
    url: str  # where the server itself listens, base URL included: http://127.0.0.1:8888/user/ana/
    base_url: str  # the path every browser URL of this server starts with: / or /user/ana/
    token: str  # empty on a hub, where the hub's login guards the server

    def auth_header(self) -> dict[str, str]:
        """Credentials for the kernel's own request through its server (never shown to the learner).

        On a hub, the server's API token may reach its own server (JupyterHub's ``server`` role
        grants ``access:servers!server``); under `make lab`, the server's token."""
        token = os.environ.get("JUPYTERHUB_API_TOKEN") or self.token
        return {"Authorization": f"token {token}"} if token else {}


def jupyter_server() -> JupyterServer | None:
    """This kernel's Jupyter server, or None (a kernel started by nbclient, a plain script).

    jupyter_client puts the launching process's pid in the kernel's ``JPY_PARENT_PID``; every
    running Jupyter server writes ``jpserver-<pid>.json`` into Jupyter's runtime folder."""
    parent = os.environ.get("JPY_PARENT_PID", "")
    if not parent.isdigit():
        return None
    from jupyter_core.paths import jupyter_runtime_dir

    try:
        info = json.loads((Path(jupyter_runtime_dir()) / f"jpserver-{parent}.json").read_text())
        return JupyterServer(int(info["pid"]), str(info["url"]), str(info["base_url"]), str(info.get("token", "")))
    except (OSError, ValueError, KeyError):
        return None


def proxy_available() -> bool:
    """jupyter-server-proxy is installed beside this kernel (the course environment has it)."""
    return importlib.util.find_spec("jupyter_server_proxy") is not None


@dataclass(frozen=True, repr=False)
class Link:
    """A link to one path of a lab server: what the browser opens (`href`) and the server's own URL."""

    label: str
    path: str
    direct: str  # http://127.0.0.1:<port>/<path>: from this machine (a terminal, curl, the kernel)
    href: str  # what the browser opens: through the Jupyter server's proxy when there is one
    through: JupyterServer | None  # None: the link is the direct URL

    @property
    def via(self) -> str:
        if self.through is None:
            return i18n.text("the server's own address: no Jupyter server with jupyter-server-proxy runs this kernel")
        return i18n.text(f"through JupyterLab's proxy at {self.through.base_url}proxy/")

    def fetch(self, timeout_s: float = 10.0) -> httpx.Response:
        """GET the link the way a browser would reach it: through the Jupyter server when it has a proxy.

        This is the check that the link works; it carries the kernel's own credentials for the
        Jupyter server, as the browser carries the learner's login cookie."""
        if self.through is None:
            return httpx.get(self.direct, timeout=timeout_s)
        url = self.through.url.rstrip("/") + self.href[len(self.through.base_url.rstrip("/")) :]
        return httpx.get(url, headers=self.through.auth_header(), timeout=timeout_s)

    def _repr_html_(self) -> str:
        anchor = f'<a href="{html.escape(self.href)}" target="_blank" rel="noopener">{html.escape(self.path)}</a>'
        label, via, direct = html.escape(self.label), html.escape(self.via), html.escape(self.direct)
        if self.through is None:
            return i18n.text(f"<span class='serverlab-link'>{anchor} of {label} <small>({via})</small></span>")
        return i18n.text(
            f"<span class='serverlab-link'>{anchor} of {label} <small>({via}; from this machine: "
            f"<code>{direct}</code>)</small></span>"
        )

    def __repr__(self) -> str:  # what a cell shows where HTML cannot be (a terminal, nbclient)
        if self.through is None:
            return i18n.text(f"{self.path} of {self.label}: {self.href}  ({self.via})")
        return i18n.text(f"{self.path} of {self.label}: {self.href}  ({self.via}; from this machine: {self.direct})")


def to(port: int, path: str, label: str) -> Link:
    """A link to `path` on the server at 127.0.0.1:`port`."""
    path = path if path.startswith("/") else "/" + path
    direct = f"http://{HOST}:{port}{path}"
    server = jupyter_server() if proxy_available() else None
    if server is None:
        return Link(label, path, direct, direct, None)
    return Link(label, path, direct, f"{server.base_url.rstrip('/')}/proxy/{HOST}:{port}{path}", server)
