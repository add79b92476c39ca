"""What one panel run does, without any widget: start the server, wait for its workers, fire, summarise.

The requests go out exactly as ``load.fire`` sends them, plus a callback per finished request;
``background.BackgroundRun.fire`` awaits them on the run's private event loop, where Stop can
cancel them.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

from helpers import i18n, load, measure, servers, supervision
from helpers.panels.settings import ENDPOINTS, SERVERS, Settings
from helpers.records import RequestRecord
from labapp import contract


def start_server(s: Settings, name: str) -> servers.Server:
    """Start the chosen server kind with the lab app, the thread-token size in its environment."""
    env = {contract.THREAD_TOKENS_VAR: str(s.thread_tokens)}
    if ENDPOINTS[s.endpoint].param == "ms":
        env.update(_cpu_env())
    return servers.start(SERVERS[s.server].launch(s.workers, name=name, env=env))


@functools.cache
def _cpu_env() -> dict[str, str]:
    """One CPU-work calibration for every run of this kernel, so runs on different servers do identical work."""
    from helpers import cputime

    return cputime.shared_calibration_env()


async def fire_tracked(
    url: str, s: Settings, timeout_s: float, on_record: Callable[[RequestRecord], None]
) -> list[RequestRecord]:
    """All requests at once (or one every `stagger_ms`), calling `on_record` as each one finishes."""
    delays = [i * s.stagger_ms / 1000 for i in range(s.requests)]
    return await load.fire_async(
        url, s.path, s.requests, delays_s=delays, timeout_s=timeout_s,
        fresh_connections=s.fresh_connections, on_record=on_record,
    )  # fmt: skip


def warm_up(srv: servers.Server, stop: threading.Event) -> bool:
    """Wait (3 s at most) until every worker has answered, so no worker is still waking up; False if one did not."""
    try:
        supervision.wait_until_all_answer(srv, timeout_s=3.0, cancel=stop)
    except TimeoutError:
        return False
    return True


def wave_gap_s(s: Settings) -> float:
    """A pause that separates waves: shorter than one unit of work, never below timer noise."""
    work = 0.0 if ENDPOINTS[s.endpoint].param is None else s.seconds
    return min(0.3, max(0.03, 0.4 * work))


def summary(records: list[RequestRecord], s: Settings) -> dict[str, Any]:
    """The numbers the panel prints and keeps in its history."""
    ok = measure.ok_count(records)
    waves = measure.waves(records, gap_s=wave_gap_s(s)) if ok else []
    failed = [r for r in records if not r.ok]
    return {
        "label": s.label(),
        "ok": ok,
        "n": len(records),
        "span_s": measure.span_s(records),
        "waves": [w.count for w in waves],
        "handler_waves": [w.count for w in measure.handler_waves(records, wave_gap_s(s))] if ok else [],
        "max_overlap": measure.max_overlap(records),
        "per_pid": measure.counts_by_pid(records),
        "threads": len(measure.counts_by_thread(records)),
        "first_error": failed[0].error if failed else None,
    }


def summary_line(info: dict[str, Any]) -> str:
    """The panel's one line on a run, in the kernel's language."""
    per_pid = ", ".join(f"[{pid}]×{count}" for pid, count in info["per_pid"].items()) or i18n.text("none")
    ok, n, span, most, threads = info["ok"], info["n"], info["span_s"], info["max_overlap"], info["threads"]
    responses, handlers = _waves(info["waves"]), _waves(info["handler_waves"])
    line = i18n.text(
        f"{ok}/{n} answered in {span:.2f} s · responses came in {responses}, handlers ended in {handlers} · "
        f"at most {most} handlers at once · {threads} thread(s) · per PID: {per_pid}"
    )
    if info["first_error"]:
        line += " · " + i18n.text(f"{n - ok} failed, first: {info['first_error']}")
    return line


def _waves(sizes: list[int]) -> str:
    shown = "+".join(map(str, sizes[:8])) + ("…" if len(sizes) > 8 else "")
    return i18n.text(f"{len(sizes)} wave(s) ({shown})") if sizes else i18n.text("0 waves")
