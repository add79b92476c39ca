"""learner_app: a handler written in a cell, served for real with the lab apps' /ping and /health."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from helpers import learner_app, load, servers
from helpers.errors import BadArgumentError

# Names the served module defines (the last two: the test's preamble); here only so that handlers read cleanly.
blocking_library_call: Any = None
COUNTER: dict[str, int] = {}
json: Any = None


def fixed_lookup() -> dict[str, object]:
    blocking_library_call(0.05)
    return {"found": True}


def app_dir(argv: tuple[str, ...]) -> Path:
    return Path(argv[argv.index("--app-dir") + 1])


def test_serve_runs_the_handler_next_to_the_lab_endpoints_and_removes_its_folder() -> None:
    with learner_app.serve(fixed_lookup, name="test learner") as srv:
        folder = app_dir(srv.command.argv)
        assert folder.name.startswith(learner_app.FOLDER_PREFIX) and folder.is_dir()
        work = load.fire(srv, learner_app.ROUTE, 3)
        ping = srv.get("/ping")
        health = srv.request("GET", "/health")
        calls = learner_app.library_calls(srv)
    assert [r.body for r in work] == [{"found": True}] * 3
    # labapp._basics' /ping: who answered and when, by the server's clock (looplag reads start and end)
    assert ping["pid"] == srv.pid and ping["endpoint"] == "/ping" and ping["end"] >= ping["start"]
    assert health.status_code == 200
    assert calls == 3
    assert not folder.exists()


def overlapping_lookup() -> dict[str, object]:  # def: FastAPI runs each call on a worker thread
    blocking_library_call(0.5)
    return {"found": True}


async def queued_lookup() -> dict[str, object]:  # blocks the loop: one call at a time
    blocking_library_call(0.1)
    return {"found": True}


@pytest.mark.parametrize(("handler", "expected"), [(overlapping_lookup, 4), (queued_lookup, 1)])
def test_the_served_process_counts_the_library_calls_that_ran_at_once(handler: Any, expected: int) -> None:
    with learner_app.serve(handler) as srv:
        assert learner_app.library_calls_at_once(srv) == 0
        assert all(r.ok for r in load.fire(srv, learner_app.ROUTE, 4))
        assert learner_app.library_calls(srv) == 4
        assert learner_app.library_calls_at_once(srv) == expected


def test_the_folder_goes_even_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError, match="the check failed"), learner_app.serve(fixed_lookup) as srv:
        folder = app_dir(srv.command.argv)
        raise RuntimeError("the check failed")
    assert not folder.exists()


def test_a_preamble_adds_names_and_routes_and_reserves_them() -> None:
    preamble = learner_app.Preamble(
        imports="import json", setup='COUNTER = {"n": 0}\n\n\n@app.get("/counter")\nasync def counter():\n'
        '    return COUNTER\n', routes=("/counter",),
    )  # fmt: skip

    async def count() -> dict[str, object]:
        COUNTER["n"] += 1
        return json.loads('{"counted": true}')  # type: ignore[no-any-return]

    text = learner_app.source(count, "/count", preamble)
    assert (
        text.index("import json")
        < text.index("app = FastAPI()")
        < text.index("COUNTER =")
        < text.index("async def count")
    )
    with learner_app.serve(count, route="/count", preamble=preamble) as srv:
        assert srv.get("/count") == {"counted": True}
        assert srv.get("/counter") == {"n": 1}
    for taken in ("/ping", "/health", "/calls", "/counter", "work"):
        with pytest.raises(BadArgumentError, match="route must start with /"):
            learner_app.source(count, taken, preamble)


def test_bad_input_fails_before_any_server_starts() -> None:
    with pytest.raises(BadArgumentError, match="pass the handler function itself"):
        learner_app.source(print)
    with pytest.raises(BadArgumentError, match="server must be"):
        learner_app.serve(fixed_lookup, server="granian").__enter__()  # type: ignore[arg-type]
    assert servers.running() == []
