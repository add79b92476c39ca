"""No pick-then-bind race: many servers start at once from several processes, and none fails to bind.

uvicorn, gunicorn and the FastAPI CLI start on port 0 and report the port the OS gave them; granian
and ``servers.module`` still pick a free port first, and a lost race restarts them on a new one.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap

import pytest

from helpers import servers
from helpers._plumbing import marker
from helpers.commands import PROJECT_ROOT
from helpers.errors import PortInUseError

PROCESSES = 4
# One process starts these five at the same moment, each from its own thread.
_CHILD = textwrap.dedent(
    """
    import json, threading
    from helpers import servers
    kinds = [
        lambda: servers.uvicorn("labapp.lab:app", name="u1", ready_timeout_s=90),
        lambda: servers.uvicorn("labapp.lab:app", name="u2", workers=2, ready_timeout_s=90),
        lambda: servers.gunicorn("labapp.lab:app", name="g", workers=1, ready_timeout_s=90),
        lambda: servers.granian("labapp.lab:app", name="gr", ready_timeout_s=90),
        lambda: servers.module("helpers.tiny_asgi", args=("labapp.seed_bare:app", "--port", "{port}"),
                               name="t", ready_timeout_s=90),
    ]
    started, failures = [], []
    def one(start):
        try:
            started.append(start())
        except Exception as exc:
            failures.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
    threads = [threading.Thread(target=one, args=(k,)) for k in kinds]
    for t in threads: t.start()
    for t in threads: t.join(120)
    answers = [s.port for s in started if s.is_ready()]
    servers.stop_all()
    print("RESULT " + json.dumps({"ports": answers, "failures": failures}), flush=True)
    """
)


@pytest.mark.servers_checked_elsewhere("each child process stops its own servers; checked below by its run token")
def test_many_servers_from_several_processes_start_without_a_bind_failure() -> None:
    children = [
        subprocess.Popen([sys.executable, "-c", _CHILD], cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
        for _ in range(PROCESSES)
    ]
    results = []
    for child in children:
        out, _ = child.communicate(timeout=240)
        line = next((x for x in out.splitlines() if x.startswith("RESULT ")), None)
        assert line is not None, f"child {child.pid} printed no result (exit {child.returncode}):\n{out[-2000:]}"
        results.append(json.loads(line.removeprefix("RESULT ")))
    failures = [f for r in results for f in r["failures"]]
    assert failures == [], failures
    ports = [p for r in results for p in r["ports"]]
    assert len(ports) == 5 * PROCESSES and len(set(ports)) == len(ports)  # all answered, each on its own port
    child_runs = tuple(f"{c.pid}-" for c in children)
    left = marker.scan(lambda run, server: run.startswith(child_runs))
    assert left == [], f"servers left behind by the child processes: {[p.pid for p in left]}"


def test_a_lost_bind_race_restarts_on_a_new_port(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        stolen = taken.getsockname()[1]
        picks = iter([stolen])  # the first pick is a port another process took meanwhile; then the OS's choice
        monkeypatch.setattr(servers, "free_port", lambda: next(picks, 0) or _os_port())
        srv = servers.module("helpers.tiny_asgi", args=("labapp.seed_bare:app", "--port", "{port}"), name="race")
        try:
            assert srv.port != stolen and srv.is_ready()
            # the first attempt lost the port and was restarted on another; the learner saw nothing
            assert srv.log_lines(("address already in use", "Address already in use"))
        finally:
            srv.stop()


def test_a_fixed_port_in_use_is_still_a_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortInUseError, match=f"port {port}"):
            servers.uvicorn("labapp.lab:app", port=port, name="fixed")


def test_port_zero_kinds_show_the_real_command_and_report_their_port() -> None:
    with servers.gunicorn("labapp.lab:app", workers=1) as srv:
        assert "127.0.0.1:0" in srv.command.argv and srv.port > 0
        assert srv.log_lines(f"Listening at: http://127.0.0.1:{srv.port}")


def _os_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
