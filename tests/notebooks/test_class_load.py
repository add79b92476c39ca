"""A class, headless: K learners run the same notebook at the same moment; no claim may fail.

In a class everyone runs the same cell within seconds. 30 learners on an 8-core hub node is
about 4 kernels per core: on this 2-core machine that is 8 learners at once. Each learner is
its own ``tests/nbrun.py`` process with its own kernel, all started together; every claim of
the notebook must then hold (✔) or say "… inconclusive: " with the measured reason. A
ClaimFailed or any other error fails the test. The tally per learner is printed and written
to test-artifacts/class/<notebook>.json.

    .venv/bin/python -m pytest tests/notebooks/test_class_load.py --soak -m soak -x
    SERVERLAB_CLASS_SIZE=4 .venv/bin/python -m pytest tests/notebooks/test_class_load.py --soak -m soak -k 08
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from helpers import cores

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0[2-9]_*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts" / "class"
LEARNERS_PER_CORE = 4  # 30 learners on an 8-core node
NOTEBOOK_BUDGET_S = 1500  # one learner's notebook, at 4 kernels per core
CELL_BUDGET_S = 900


def class_size() -> int:
    """Learners at once: 4 per usable core (8 on 2 cores), or SERVERLAB_CLASS_SIZE."""
    override = os.environ.get("SERVERLAB_CLASS_SIZE")
    return int(override) if override else max(2, LEARNERS_PER_CORE * cores.detect().count)


@pytest.mark.soak
@pytest.mark.slow
@pytest.mark.servers_checked_elsewhere("each learner's kernel is checked by its own nbrun process")
@pytest.mark.timeout(NOTEBOOK_BUDGET_S + 300)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem[:2] for p in NOTEBOOKS])
def test_a_class_runs_the_notebook_at_once(path: Path) -> None:
    k = class_size()
    with tempfile.TemporaryDirectory(prefix="serverlab-class-") as tmp:
        outs = [Path(tmp) / f"learner{i}.json" for i in range(k)]
        began = time.monotonic()
        budgets = ["--timeout", str(NOTEBOOK_BUDGET_S), "--cell-timeout", str(CELL_BUDGET_S)]
        learners = [
            subprocess.Popen(
                [sys.executable, str(ROOT / "tests" / "nbrun.py"), str(path), "--json", str(out), *budgets],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for out in outs
        ]
        logs = []
        for proc in learners:
            try:
                logs.append(proc.communicate(timeout=NOTEBOOK_BUDGET_S + 200)[0])
            except subprocess.TimeoutExpired:
                proc.kill()
                logs.append(proc.communicate()[0] + "\n(learner killed: over the budget)")
        seconds = time.monotonic() - began
        records = [
            json.loads(out.read_text())[0] if out.exists() else {"error": log[-3000:], "held": 0, "inconclusive": 0}
            for out, log in zip(outs, logs, strict=True)
        ]
    summary = {
        "notebook": path.name,
        "learners": k,
        "usable_cores": cores.detect().usable,
        "seconds": round(seconds, 1),
        "held": [r.get("held", 0) for r in records],
        "inconclusive": [r.get("inconclusive", 0) for r in records],
        "claim_failed": [r.get("claim_failed", 0) for r in records],
        "learners_detail": records,
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{path.stem}.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False))
    print(
        f"\n{path.name}: {k} learners at once in {seconds:.0f} s; held per learner {summary['held']}, "
        f"inconclusive {summary['inconclusive']}, ClaimFailed {summary['claim_failed']}"
    )
    for i, r in enumerate(records):
        for line in r.get("inconclusive_lines", []):
            print(f"  learner {i}: {line}")
    failed = [(i, r.get("error")) for i, r in enumerate(records) if r.get("error") or r.get("leftovers")]
    assert not failed, "\n\n".join(f"learner {i}: {err}" for i, err in failed)
