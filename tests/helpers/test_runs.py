"""runs: programs run to their end (exit status, ports they listened on), learner source, the kernel's footprint."""

from __future__ import annotations

import socket

import pytest

from helpers.errors import BadArgumentError
from helpers.topics import runs

SERVE = """
import os, socket, time
with socket.create_server(("127.0.0.1", int(os.environ["PORT"]))) as listener:
    time.sleep(30)
"""


def test_run_module_reports_a_program_that_ends_at_once() -> None:
    report = runs.run_module("labapp.seed_bare")
    assert report.finished and report.exit_code == 0 and report.listening_ports == ()
    assert "exited with status 0" in report.summary()


def test_run_source_sees_the_port_a_still_running_module_listens_on() -> None:
    report, port = runs.run_source(SERVE, module="serve", run_for_s=5.0)
    assert not report.finished and report.exit_code is None
    assert report.listening_ports == (port,)
    assert "was still running and was killed" in report.summary()


def test_run_source_refuses_what_is_not_a_module() -> None:
    with pytest.raises(BadArgumentError):
        runs.run_source("print(1)", module="a.b")
    with pytest.raises(BadArgumentError):
        runs.run_source("   ")
    with pytest.raises(BadArgumentError):
        runs.run_module("not a module")


def test_footprint_shows_what_this_process_added() -> None:
    before = runs.of_this_process()
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
        after = runs.of_this_process()
    assert after.added_since(before)["listening_ports"] == (port,)
    assert after.added_since(before)["children"] == ()
    assert runs.of_this_process().added_since(before)["listening_ports"] == ()
