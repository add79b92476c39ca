"""The knobs of an experiment panel and their checks, without any widget.

Kept apart from the widgets so that every rule a learner can trip over (a combination the
servers refuse, a run too long for a lesson) is a plain function returning sentences.
What a run then does with the settings is in ``runner``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from helpers import commands, i18n, threadpools
from labapp import contract

APP = contract.LAB_APP


@dataclass(frozen=True)
class ServerChoice:
    """One entry of the panels' server menu: a kind from ``commands`` and the options a panel run gives it.

    The menu, the checks below and the runner all read this one table, so offering another
    server in the panels is one line in ``SERVERS``.
    """

    kind: type[commands.Launch]
    options: Mapping[str, Any] = field(default_factory=dict)
    multi_process: bool = False  # the panel's `workers` becomes the kind's `workers`
    runs_lifespan: bool = True  # False: the lab app's lifespan (calibration, thread tokens) never runs
    one_at_a_time: bool = False  # serves one request at a time, whatever the handler
    why_one_process: str = ""  # said when workers > 1 is asked of a one-process choice

    def launch(self, workers: int, **common: Any) -> commands.Launch:
        """The command object of one run (`common`: name=, env=), checked as ``commands`` checks every one."""
        options: dict[str, Any] = {**self.options, **common}
        if self.multi_process:
            options["workers"] = workers
        return self.kind(**options)


SERVERS: dict[str, ServerChoice] = {
    "uvicorn": ServerChoice(commands.Uvicorn, {"app": APP}),
    "uvicorn --workers": ServerChoice(commands.Uvicorn, {"app": APP}, multi_process=True),
    "gunicorn": ServerChoice(commands.Gunicorn, {"app": APP}, multi_process=True),
    # Watch only labapp/, so edits elsewhere in the project do not restart the server mid-run.
    "uvicorn --reload": ServerChoice(
        commands.Uvicorn, {"app": APP, "reload": True, "reload_dir": str(commands.PROJECT_ROOT / "labapp")},
        why_one_process="uvicorn cannot combine --reload with --workers (it ignores --workers)",
    ),
    "tiny ASGI": ServerChoice(
        commands.Module, {"module": "helpers.tiny_asgi", "args": (APP, "--port", "{port}"),
                          "ready_path": contract.HEALTH},
        runs_lifespan=False, one_at_a_time=True,
    ),
    "fastapi run": ServerChoice(commands.FastapiRun, {"app": APP}, multi_process=True),  # notebook 08
    "gunicorn -k asgi": ServerChoice(commands.GunicornAsgi, {"app": APP}, multi_process=True),
    "granian": ServerChoice(commands.Granian, {"app": APP}, multi_process=True),
}  # fmt: skip
SERVER_KINDS = tuple(SERVERS)
MULTI_PROCESS = tuple(label for label, choice in SERVERS.items() if choice.multi_process)
PANEL_MAX_WORKERS = 4  # the panel's slider (a command accepts up to commands.MAX_WORKERS)
PANEL_MAX_REQUESTS = 200  # the panel's slider (one load.fire sends up to load.MAX_REQUESTS)
MAX_TOKENS = 200
MAX_STAGGER_MS = 1000
MAX_SECONDS = contract.MAX_SECONDS  # the lab app refuses longer work
MAX_CPU_S = contract.MAX_CPU_MS / 1000  # and more CPU work
MAX_RUN_S = 60.0  # a panel run is part of a lesson, not a soak test
DEFAULT_TOKENS = contract.ANYIO_DEFAULT_TOKENS  # AnyIO's default thread limiter
COLOR_BY = ("pid", "thread", "path")


@dataclass(frozen=True)
class Endpoint:
    """One lab endpoint and how its requests share a server process (for the time estimate)."""

    path: str
    param: str | None  # "s" (seconds), "ms" (CPU milliseconds) or None
    shares: str  # "free" (awaits), "serial" (holds the loop or the GIL), "threads" (thread limiter), "executor"


ENDPOINTS: dict[str, Endpoint] = {
    "async sleep": Endpoint(contract.ASYNC_SLEEP, "s", "free"),
    "async block": Endpoint(contract.ASYNC_BLOCK, "s", "serial"),
    "sync sleep": Endpoint(contract.SYNC_SLEEP, "s", "threads"),
    "async spin": Endpoint(contract.ASYNC_SPIN, "s", "serial"),
    "sync spin": Endpoint(contract.SYNC_SPIN, "s", "threads"),
    "async cpu": Endpoint(contract.ASYNC_CPU, "ms", "serial"),
    "sync cpu": Endpoint(contract.SYNC_CPU, "ms", "serial"),
    "offload sleep": Endpoint(contract.OFFLOAD_SLEEP, "s", "threads"),
    "to-thread sleep": Endpoint(contract.TO_THREAD_SLEEP, "s", "executor"),
    "offload cpu": Endpoint(contract.OFFLOAD_CPU, "ms", "serial"),
    "to-thread cpu": Endpoint(contract.TO_THREAD_CPU, "ms", "serial"),
    "ping": Endpoint(contract.PING, None, "free"),
}


@dataclass(frozen=True)
class Settings:
    """The knobs of one run; `seconds` is the work per request (turned into ms for CPU endpoints)."""

    server: str = "uvicorn"
    workers: int = 1
    endpoint: str = "sync sleep"
    seconds: float = 1.0
    requests: int = 20
    thread_tokens: int = DEFAULT_TOKENS
    fresh_connections: bool = False
    stagger_ms: int = 0
    color_by: str = "pid"

    @property
    def path(self) -> str:
        ep = ENDPOINTS[self.endpoint]
        if ep.param == "s":
            return f"{ep.path}?s={self.seconds:g}"
        if ep.param == "ms":
            return f"{ep.path}?ms={self.seconds * 1000:g}"
        return ep.path

    @property
    def processes(self) -> int:
        """Processes that answer requests."""
        return self.workers if SERVERS[self.server].multi_process else 1

    def label(self) -> str:
        server = f"{self.server} ×{self.workers}" if SERVERS[self.server].multi_process else self.server
        work = "" if ENDPOINTS[self.endpoint].param is None else f" {self.seconds:g} s"
        stagger = f", one every {self.stagger_ms} ms" if self.stagger_ms else ""
        return f"{server} · {self.requests} × {self.endpoint}{work}{stagger}"


SETTING_NAMES = tuple(f.name for f in fields(Settings))


def field_problems(values: dict[str, Any]) -> list[str]:
    """One sentence per value that no panel control could hold (unknown name, wrong type, out of range)."""
    problems = []
    for name, value in values.items():
        if name not in SETTING_NAMES:
            problems.append(i18n.text(f"unknown setting {name!r}; the settings are: {', '.join(SETTING_NAMES)}"))
        elif name in ("workers", "requests", "thread_tokens", "stagger_ms"):
            low = 0 if name == "stagger_ms" else 1
            top = {"workers": PANEL_MAX_WORKERS, "requests": PANEL_MAX_REQUESTS, "thread_tokens": MAX_TOKENS}.get(
                name, MAX_STAGGER_MS
            )
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= top:
                problems.append(i18n.text(f"{name} must be a whole number from {low} to {top}, got {value!r}"))
        elif name == "seconds":
            if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
                problems.append(i18n.text(f"seconds must be a number, got {value!r}"))
        elif name == "fresh_connections":
            if not isinstance(value, bool):
                problems.append(i18n.text(f"fresh_connections must be True or False, got {value!r}"))
        else:
            choices = {"server": SERVER_KINDS, "endpoint": tuple(ENDPOINTS), "color_by": COLOR_BY}[name]
            if value not in choices:
                problems.append(i18n.text(f"{name} must be one of {', '.join(map(repr, choices))}, got {value!r}"))
    return problems


def estimate_s(s: Settings) -> tuple[float, float]:
    """(expected, worst) wall time of the run: expected spreads requests evenly, worst puts all on one process."""
    expected, worst = _work_estimate_s(s)
    sending = (s.requests - 1) * s.stagger_ms / 1000
    return max(expected, sending), worst + sending


def _work_estimate_s(s: Settings) -> tuple[float, float]:
    ep = ENDPOINTS[s.endpoint]
    work = 0.002 if ep.param is None else s.seconds
    n = s.requests
    if SERVERS[s.server].one_at_a_time:
        return n * work, n * work
    if ep.shares == "free":
        return work, work
    if ep.shares == "serial":
        return math.ceil(n / s.processes) * work, n * work
    lanes = (
        s.thread_tokens
        if ep.shares == "threads"
        else threadpools.executor_default_size(threadpools.executor_cpu_count())
    )
    return math.ceil(n / (lanes * s.processes)) * work, math.ceil(n / lanes) * work


def problems(s: Settings) -> list[str]:
    """Why this combination cannot run (empty when it can), in words a learner can act on."""
    found = field_problems({f.name: getattr(s, f.name) for f in fields(Settings)})
    if found:
        return found
    ep = ENDPOINTS[s.endpoint]
    server = SERVERS[s.server]
    if s.workers > 1 and server.why_one_process:
        why = i18n.text(server.why_one_process)  # the one such text is in the catalog (ko_helpers)
        found.append(i18n.text(f"{why}: set workers to 1, or pick 'uvicorn --workers'"))
    elif s.workers > 1 and not server.multi_process:
        found.append(i18n.text(f"'{s.server}' runs one process, so workers={s.workers} would be ignored: set "
                               "workers to 1, or pick 'uvicorn --workers' or 'gunicorn'"))  # fmt: skip
    if ep.param == "s" and not 0 <= s.seconds <= MAX_SECONDS:
        found.append(
            i18n.text(f"seconds must be from 0 to {MAX_SECONDS:g} (the lab app refuses more), got {s.seconds:g}")
        )
    if ep.param == "ms" and not 0 < s.seconds <= MAX_CPU_S:
        found.append(
            i18n.text(f"CPU work must be more than 0 and at most {MAX_CPU_S:g} s (10 000 ms), got {s.seconds:g} s")
        )
    if not server.runs_lifespan:
        if ep.param == "ms":
            found.append(i18n.text(f"the {s.server} server runs no lifespan, so the CPU endpoints are not "
                                   "calibrated: pick a sleep, spin or ping endpoint"))  # fmt: skip
        if s.thread_tokens != DEFAULT_TOKENS:
            found.append(i18n.text(f"the {s.server} server runs no lifespan, so the threadpool size is not "
                                   f"applied: leave it at {DEFAULT_TOKENS}"))  # fmt: skip
    if not found:
        expected, _ = estimate_s(s)
        if expected > MAX_RUN_S:
            found.append(i18n.text(f"this run would take about {expected:.0f} s (longer than the panel's "
                                   f"{MAX_RUN_S:.0f} s): use fewer requests, shorter work, or more "
                                   "workers"))  # fmt: skip
    return found
