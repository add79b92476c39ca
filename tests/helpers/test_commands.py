"""commands: the exact command lines, checked arguments, and factories that take exactly the kinds' fields."""

from __future__ import annotations

import dataclasses
import inspect
import sys

import pytest

from helpers import commands, servers
from helpers.errors import BadArgumentError


def test_uvicorn_command_lines() -> None:
    one = commands.Uvicorn("labapp.lab:app").command(8001)
    assert one.argv == (sys.executable, "-m", "uvicorn", "labapp.lab:app", "--host", "127.0.0.1", "--port", "8001")
    assert one.workers is None and str(one) == "python -m uvicorn labapp.lab:app --host 127.0.0.1 --port 8001"
    assert commands.Uvicorn(workers=1).command(1).workers is None  # uvicorn runs --workers 1 as one process
    three = commands.Uvicorn(workers=3, access_log=False, extra_args=("--limit-concurrency", "5")).command(1)
    assert three.workers == 3
    assert three.argv[-5:] == ("--workers", "3", "--no-access-log", "--limit-concurrency", "5")
    reload = commands.Uvicorn("main:app", reload=True, app_dir="/tmp/x").command(1).argv
    assert reload[-5:] == ("--reload", "--reload-dir", "/tmp/x", "--app-dir", "/tmp/x")  # watches where it imports
    watched = commands.Uvicorn(reload=True, reload_dir="labapp").command(1).argv
    assert watched[-3:] == ("--reload", "--reload-dir", "labapp") and "--app-dir" not in watched
    assert "--reload-dir" not in commands.Uvicorn(app_dir="/tmp/x").command(1).argv


def test_every_taught_uvicorn_flag_is_a_typed_field_the_installed_cli_takes_as_int() -> None:
    import click
    from uvicorn.main import main as uvicorn_cli

    cli = {opt: param for param in uvicorn_cli.params for opt in param.opts}
    values = {name: 2 for name in commands.UVICORN_FLAGS}
    argv = commands.Uvicorn(workers=2, **values).command(1).argv  # type: ignore[arg-type]
    for flag in commands.UVICORN_FLAGS.values():
        assert flag in commands.UVICORN_SINCE and isinstance(cli[flag].type, type(click.INT)), flag
        assert argv[argv.index(flag) + 1] == "2", flag
    assert "--keep-alive 4" in str(commands.Gunicorn(keep_alive_s=4).command(1))


def test_gunicorn_command_line_carries_each_flag_once() -> None:
    cmd = commands.Gunicorn(workers=3, timeout_s=3, max_requests=10, max_requests_jitter=0, threads=8).command(8002)
    text = str(cmd)
    assert text.startswith("python -m gunicorn labapp.lab:app --worker-class uvicorn_worker.UvicornWorker")
    for flag in ("--bind 127.0.0.1:8002", "--workers 3", "--timeout 3", "--max-requests 10",
                 "--max-requests-jitter 0", "--threads 8", "--no-control-socket", "--access-logfile -"):  # fmt: skip
        assert text.count(flag) == 1, flag
    assert "--graceful-timeout" not in text and cmd.workers == 3


def test_module_command_passes_the_port_in_the_environment_and_in_args() -> None:
    cmd = commands.Module("helpers.tiny_asgi", args=("labapp.lab:app", "--port", "{port}")).command(8003)
    assert cmd.argv[-3:] == ("labapp.lab:app", "--port", "8003") and cmd.env == {"PORT": "8003"}
    assert commands.Module("labapp.seed_main").ready_path == "/"


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        (commands.Uvicorn, {"app": "no_colon"}, "module:attribute"),
        (commands.Uvicorn, {"workers": 0}, "workers must be a whole number from 1 to 16"),
        (commands.Uvicorn, {"workers": True}, "workers must be"),
        (commands.Uvicorn, {"workers": 2, "reload": True}, "cannot combine reload"),
        (commands.Uvicorn, {"port": 70000}, "port must be"),
        (commands.Gunicorn, {"timeout_s": -1}, "timeout_s must be a number > 0"),
        (commands.Gunicorn, {"max_requests_jitter": -1}, "max_requests_jitter must be a number >= 0"),
        (commands.Gunicorn, {"workers": None}, "workers must be"),
        (commands.Uvicorn, {"limit_concurrency": 0}, "limit_concurrency must be a whole number > 0"),
        (commands.Uvicorn, {"backlog": 4.5}, "backlog must be a whole number"),
        (commands.Uvicorn, {"limit_max_requests_jitter": -1}, "limit_max_requests_jitter must be a whole number >= 0"),
        (commands.Uvicorn, {"reload_dir": "labapp"}, "only applies with reload=True"),
        (commands.Gunicorn, {"keep_alive_s": 0}, "keep_alive_s must be a whole number > 0"),
        (commands.Module, {"module": "not a module"}, "dotted module name"),
        (commands.Module, {"module": "x", "ready_timeout_s": 0}, "ready_timeout_s must be a number > 0"),
    ],
)
def test_bad_arguments_are_refused_when_the_kind_is_made(kind: type, options: dict[str, object], message: str) -> None:
    with pytest.raises(BadArgumentError, match=message):
        kind(**options)


def test_each_factory_takes_exactly_its_kinds_fields() -> None:
    for factory, kind in ((servers.uvicorn, commands.Uvicorn), (servers.gunicorn, commands.Gunicorn),
                          (servers.module, commands.Module)):  # fmt: skip
        names = list(inspect.signature(factory).parameters)  # read through __wrapped__: the kind's own fields
        assert sorted(names) == sorted(f.name for f in dataclasses.fields(kind) if f.init), factory.__name__
        assert factory.__wrapped__ is kind  # type: ignore[attr-defined]
        assert f"commands.{kind.__name__}(" in (factory.__doc__ or "")


def test_uvicorn_and_gunicorn_share_their_app_options() -> None:
    shared = {f.name for f in dataclasses.fields(commands.AppServer)}
    assert {"app", "app_dir", "access_log", "extra_args"} <= shared
    assert issubclass(commands.Uvicorn, commands.AppServer) and issubclass(commands.Gunicorn, commands.AppServer)


def _kinds(cls: type[commands.Launch]) -> set[type[commands.Launch]]:
    """Every concrete kind: the subclasses of Launch that build a command."""
    found = set()
    for sub in cls.__subclasses__():
        found |= _kinds(sub)
        if "command" in vars(sub) or "kind" in vars(sub):
            found.add(sub)
    return found


def test_every_kind_has_its_one_factory_and_a_unique_name() -> None:
    factories = {f.__wrapped__ for f in vars(servers).values() if callable(f) and hasattr(f, "__wrapped__")}
    kinds = _kinds(commands.Launch)
    assert kinds <= factories, f"kinds without their factory line in servers.py: {kinds - factories}"
    assert len({k.kind for k in kinds}) == len(kinds)


def test_every_panel_choice_builds_the_command_of_its_kind() -> None:
    from helpers.panels.settings import MULTI_PROCESS, SERVER_KINDS, SERVERS

    for label, choice in SERVERS.items():
        launch = choice.launch(3, name=f"panel {label}", env={"X": "1"})
        assert isinstance(launch, choice.kind) and launch.env == {"X": "1"}
        assert (launch.command(1).workers == 3) == (label in MULTI_PROCESS), label
    assert tuple(SERVERS) == SERVER_KINDS and SERVER_KINDS[0] == "uvicorn"


def test_a_description_prints_as_the_command_it_starts() -> None:
    assert str(commands.Uvicorn(workers=2)) == "python -m uvicorn labapp.lab:app --host 127.0.0.1 --port 0 --workers 2"
    assert str(commands.Uvicorn(port=8000)).endswith("--port 8000")  # a fixed port as given
    granian = str(commands.Granian(workers=2))  # the helpers pick its port at start
    assert "--port PORT" in granian and granian.startswith("python -m granian")
    module = commands.Module("labapp.seed_main", args=("--port", "{port}"))
    assert str(module) == "python -m labapp.seed_main --port PORT"
