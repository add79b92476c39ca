"""Execute notebooks headless in fresh kernels; report time, errors and leftover servers.

    python tests/nbrun.py notebooks/02_event_loop.ipynb [more.ipynb ...] [--repeat N] [--json out.json]

``--json`` writes one record per run: time, error, leftovers and the tally of its claims
(lines starting "✔" held, "… inconclusive" not judged, ClaimFailed raised); the class-load
test starts K of these at once and reads them.

Each kernel gets a unique SERVERLAB_NB_RUN variable in its environment; every server it
starts inherits it, so after the kernel shuts down we can tell whether any survived.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NB_RUN_VAR = "SERVERLAB_NB_RUN"
# The prefixes helpers.checks prints for a claim it did not judge, in every language of the course (helpers/i18n).
INCONCLUSIVE = ("… inconclusive: ", "… 판단 보류(inconclusive): ")


@dataclass
class NotebookRun:
    path: Path
    seconds: float
    error: str | None
    leftovers: list[str]
    outputs: nbformat.NotebookNode

    @property
    def ok(self) -> bool:
        return self.error is None and not self.leftovers

    def tally(self) -> dict[str, int]:
        """Claims held (✔), inconclusive, and ClaimFailed raised, from the executed cells' outputs."""
        held = inconclusive = failed = 0
        for cell in self.outputs.cells:
            for out in cell.get("outputs", []):
                if out.get("output_type") == "stream":
                    for line in str(out.get("text", "")).splitlines():
                        held += line.startswith("✔")
                        inconclusive += line.startswith(INCONCLUSIVE)
                elif out.get("output_type") == "error":
                    failed += out.get("ename") == "ClaimFailed"
        if self.error and "ClaimFailed" in self.error and not failed:
            failed = 1
        return {"held": held, "inconclusive": inconclusive, "claim_failed": failed}

    def inconclusive_lines(self) -> list[str]:
        return [
            line
            for cell in self.outputs.cells
            for out in cell.get("outputs", [])
            if out.get("output_type") == "stream"
            for line in str(out.get("text", "")).splitlines()
            if line.startswith(INCONCLUSIVE)
        ]

    def record(self) -> dict[str, object]:
        return {
            "notebook": self.path.name,
            "seconds": round(self.seconds, 1),
            "error": self.error,
            "leftovers": self.leftovers,
            **self.tally(),
            "inconclusive_lines": self.inconclusive_lines(),
        }


def processes_with(var: str, value: str) -> list[psutil.Process]:
    found = []
    for proc in psutil.process_iter(["pid"]):
        try:
            if proc.environ().get(var) == value and proc.status() != psutil.STATUS_ZOMBIE:
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    return found


def describe(proc: psutil.Process) -> str:
    try:
        return f"[{proc.pid}] ppid {proc.ppid()} {' '.join(proc.cmdline())[:120]}"
    except psutil.Error:
        return f"[{proc.pid}] (gone)"


def run_notebook(path: Path, timeout_s: int = 240, cell_timeout_s: int = 180) -> NotebookRun:
    """Run every cell in a fresh python3 kernel; then wait up to 5 s for its servers to be gone."""
    nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]  # nbformat has no type hints
    token = uuid.uuid4().hex
    client = NotebookClient(
        nb, timeout=cell_timeout_s, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
    )  # fmt: skip
    began = time.monotonic()
    error = None
    try:
        client.execute(env={**os.environ, NB_RUN_VAR: token, "MPLBACKEND": "module://matplotlib_inline.backend_inline"})
    except CellExecutionError as exc:
        error = str(exc)[-3000:]
    except Exception as exc:  # timeouts, dead kernels
        error = f"{type(exc).__name__}: {exc}"[-3000:]
    seconds = time.monotonic() - began
    if seconds > timeout_s and error is None:
        error = f"took {seconds:.0f} s, over the {timeout_s} s budget"
    deadline = time.monotonic() + 5.0
    left = processes_with(NB_RUN_VAR, token)
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = processes_with(NB_RUN_VAR, token)
    leftovers = [describe(p) for p in left]
    for proc in left:  # never leave them running, even when reporting them
        with contextlib.suppress(psutil.Error):
            proc.kill()
    return NotebookRun(path, seconds, error, leftovers, nb)


def default_signals() -> None:
    """SIGINT and SIGQUIT back to their defaults for the kernels and servers started from here.

    A shell starts a background job (``cmd &`` without job control) with both ignored, and every
    process started from it inherits that: a server would then survive the SIGQUIT notebook 02 sends.
    """
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


def main() -> int:
    default_signals()
    parser = argparse.ArgumentParser()
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", type=Path, help="write each run's record (tally of claims) to this file")
    parser.add_argument("--timeout", type=int, default=240, help="whole-notebook budget, seconds")
    parser.add_argument("--cell-timeout", type=int, default=180, help="one cell's budget, seconds")
    parser.add_argument("--save", type=Path, help="write each executed notebook (with outputs) into this folder")
    args = parser.parse_args()
    failures = 0
    records = []
    for round_ in range(args.repeat):
        for path in args.notebooks:
            run = run_notebook(path, timeout_s=args.timeout, cell_timeout_s=args.cell_timeout)
            records.append(run.record())
            verdict = "ok" if run.ok else "FAILED"
            print(f"[{round_ + 1}/{args.repeat}] {path.name}: {verdict} in {run.seconds:.1f} s", flush=True)
            if run.error:
                print(run.error, flush=True)
            for line in run.leftovers:
                print(f"  leftover server process: {line}", flush=True)
            failures += not run.ok
            if args.save:
                args.save.mkdir(parents=True, exist_ok=True)
                nbformat.write(run.outputs, args.save / path.name)  # type: ignore[no-untyped-call]
    if args.json:
        args.json.write_text(json.dumps(records, indent=1, ensure_ascii=False))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
