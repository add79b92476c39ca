"""Click a `srv.link(...)` in a notebook's output as a learner does, and check the tab it opens.

Shared by the JupyterLab test (`make lab`) and the hub test: the same link must work in both.
"""

from __future__ import annotations

import json
import re
from typing import Any

# A notebook that starts the lab app and shows two links (each call's value is the cell's output).
CELLS = [
    'from helpers import servers\nsrv = servers.uvicorn("labapp.lab:app", name="link probe")\n'
    'print("PROBE", srv.pid, srv.port)\nsrv.link("/docs")',
    'srv.link("/info")',
]

# The docs page names its schema in its inline script; fetch it from the page, as Swagger UI would.
SCHEMA_JS = """async () => {
  const found = document.documentElement.innerHTML.match(/url: '([^']+)'/);
  if (!found) { return {url: null}; }
  const answer = await fetch(found[1]);
  return {url: found[1], status: answer.status, body: answer.ok ? await answer.json() : null};
}"""


def probe_of(page: Any) -> tuple[int, int]:
    """(pid, port) that the probe notebook printed."""
    text = page.locator(".jp-OutputArea-output", has_text="PROBE").first.inner_text()
    match = re.search(r"PROBE (\d+) (\d+)", text)
    assert match, text
    return int(match.group(1)), int(match.group(2))


def click_link(page: Any, path: str) -> Any:
    """Click the output link whose text is `path`; return the browser tab it opened."""
    anchor = page.locator(".jp-OutputArea-output a[target='_blank']", has_text=path).last
    anchor.wait_for(timeout=30_000)
    with page.context.expect_page(timeout=30_000) as opened:
        anchor.click()
    tab = opened.value
    tab.wait_for_load_state("domcontentloaded", timeout=60_000)
    return tab


def check_docs_tab(tab: Any, prefix: str, port: int) -> None:
    """The docs page came through the proxy under `prefix`, and the schema it names does too.

    (Swagger UI's own script comes from a CDN that a test machine without internet cannot reach:
    the page, its title and its schema are what the lab server and the proxy are responsible for.)"""
    expected = f"{prefix}proxy/127.0.0.1:{port}/docs"
    assert tab.url.split("?")[0].endswith(expected), f"the link opened {tab.url}, expected …{expected}"
    assert tab.title() == "serverlab lab app - Swagger UI", f"not the lab app's docs page: {tab.title()!r}"
    schema = tab.evaluate(SCHEMA_JS)
    assert schema["url"] == f"{prefix}proxy/127.0.0.1:{port}/openapi.json", schema
    assert schema["status"] == 200 and schema["body"]["info"]["title"] == "serverlab lab app", schema


def check_info_tab(tab: Any, pid: int) -> None:
    """The /info link shows the JSON of the very server the notebook started."""
    body = json.loads(tab.locator("body").inner_text())
    assert body["pid"] == pid, f"/info came from [{body.get('pid')}], the notebook's server is [{pid}]"
