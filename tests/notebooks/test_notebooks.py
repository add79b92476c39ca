"""Every notebook (course and solutions) runs top to bottom in a fresh kernel, in time, leaving no server."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.nbrun import run_notebook

ROOT = Path(__file__).resolve().parents[2]
COURSE = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SOLUTIONS = sorted((ROOT / "notebooks" / "solutions").glob("*.ipynb"))
NOTEBOOK_BUDGET_S = 150  # the target is 90 s on 2 cores; the budget leaves room for a slow CI machine


@pytest.mark.slow
@pytest.mark.servers_checked_elsewhere("the notebook's own kernel is checked by run_notebook")
@pytest.mark.timeout(NOTEBOOK_BUDGET_S + 60)
@pytest.mark.parametrize("path", COURSE + SOLUTIONS, ids=[p.stem for p in COURSE + SOLUTIONS])
def test_notebook_runs_clean(path: Path) -> None:
    run = run_notebook(path, timeout_s=NOTEBOOK_BUDGET_S)
    print(f"{path.name}: {run.seconds:.1f} s")
    assert run.error is None, run.error
    assert not run.leftovers, f"server processes outlived the kernel: {run.leftovers}"
