"""The CPU-sensitive notebooks hold on one core and under a fractional CPU quota, not only on this machine.

Learners run the course on 1-64 cores and in containers with a CPU limit. Each claim derives its
expectation from helpers.cores, so notebooks 03 and 05 must pass when the kernel (and every
server it starts) is pinned to one core (`taskset -c 0`) and, where the test may create a
cgroup (root, writable cgroup v2 with the cpu controller, or v1 cpu), under a 1.5-CPU quota.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import cores

ROOT = Path(__file__).resolve().parents[2]
# 03 and 05 make the core-count claims; the other notebooks that measure CPU run limited in `make soak`.
CPU_NOTEBOOKS = [
    *(ROOT / "notebooks" / name for name in ("03_def_and_the_threadpool.ipynb", "05_uvicorn_workers.ipynb")),
    *(
        pytest.param(ROOT / "notebooks" / name, marks=pytest.mark.soak, id=name[:-6])
        for name in ("04_what_really_awaits.ipynb", "06_gunicorn_master_worker.ipynb",
                     "07_choosing_a_deployment.ipynb", "08_serving_today.ipynb", "09_production_settings.ipynb")
    ),
]  # fmt: skip
QUOTA_US, PERIOD_US = 150_000, 100_000  # 1.5 CPUs
RUN_BUDGET_S = 330


def run_nbrun(path: Path, prefix: list[str]) -> subprocess.CompletedProcess[str]:
    """tests/nbrun.py in a child process, so the limit applies to its kernel and every server the kernel starts."""
    argv = [*prefix, sys.executable, str(ROOT / "tests" / "nbrun.py"), str(path)]
    print("$", " ".join(argv))
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=RUN_BUDGET_S)


def report(result: subprocess.CompletedProcess[str]) -> str:
    return (result.stdout + result.stderr)[-4000:]


def one_core_prefix() -> list[str]:
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if not cpus:
        pytest.skip(f"no CPU affinity on {sys.platform}: cannot pin the notebooks to one core")
    taskset = shutil.which("taskset")
    if taskset is None:
        pytest.skip("taskset (util-linux) is not installed")
    return [taskset, "-c", str(cpus[0])]


def _write(path: Path, text: str) -> None:
    path.write_text(text)


def _v2_quota_group() -> Path | str:
    """A child cgroup v2 of the root with cpu.max = 1.5 CPUs, or why not."""
    root = cores.CGROUP_ROOT
    if not (root / "cgroup.controllers").exists():
        return "no cgroup v2 hierarchy mounted at /sys/fs/cgroup"
    if "cpu" not in (root / "cgroup.controllers").read_text().split():
        return "cgroup v2 has no cpu controller here"
    try:
        if "cpu" not in (root / "cgroup.subtree_control").read_text().split():
            _write(root / "cgroup.subtree_control", "+cpu")
        group = root / f"serverlab-quota-{uuid.uuid4().hex[:8]}"
        group.mkdir()
        _write(group / "cpu.max", f"{QUOTA_US} {PERIOD_US}")
        return group
    except OSError as exc:
        return f"cgroup v2 at {root} is not writable here ({exc})"


def _v1_quota_group() -> Path | str:
    """A child cgroup v1 (cpu controller) with cfs_quota_us = 1.5 CPUs, or why not."""
    for name in ("cpu,cpuacct", "cpu", "cpuacct,cpu"):
        base = cores.CGROUP_ROOT / name
        if (base / "cpu.cfs_quota_us").exists():
            try:
                group = base / f"serverlab-quota-{uuid.uuid4().hex[:8]}"
                group.mkdir()
                _write(group / "cpu.cfs_period_us", str(PERIOD_US))
                _write(group / "cpu.cfs_quota_us", str(QUOTA_US))
                return group
            except OSError as exc:
                return f"cgroup v1 cpu controller at {base} is not writable here ({exc})"
    return "no cgroup v1 cpu controller mounted"


@contextlib.contextmanager
def quota_group() -> Iterator[Path]:
    """A fresh cgroup limited to 1.5 CPUs (skip with the reason where that is impossible); removed afterwards."""
    if not sys.platform.startswith("linux"):
        pytest.skip(f"cgroups exist only on Linux, not {sys.platform}")
    if os.geteuid() != 0:
        pytest.skip("creating a cgroup with a CPU quota needs root")
    reasons = []
    group: Path | None = None
    for make in (_v2_quota_group, _v1_quota_group):
        made = make()
        if isinstance(made, Path):
            group = made
            break
        reasons.append(made)
    if group is None:
        pytest.skip("cannot create a CPU-quota cgroup: " + "; ".join(reasons))
    try:
        yield group
    finally:
        deadline = time.monotonic() + 10
        while group.exists() and time.monotonic() < deadline:
            try:
                group.rmdir()  # possible once the notebook's processes are gone
            except OSError:
                time.sleep(0.2)


@pytest.mark.slow
@pytest.mark.timeout(RUN_BUDGET_S + 30)
@pytest.mark.parametrize("path", CPU_NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_on_one_core(path: Path) -> None:
    result = run_nbrun(path, one_core_prefix())
    print(report(result))
    assert result.returncode == 0, report(result)


@pytest.mark.slow
@pytest.mark.timeout(RUN_BUDGET_S + 30)
@pytest.mark.parametrize("path", CPU_NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_under_a_cpu_quota(path: Path) -> None:
    with quota_group() as group:
        procs = group / "cgroup.procs"
        # the shell joins the group, then becomes nbrun: its kernel and servers inherit the quota
        prefix = ["sh", "-c", f'echo $$ > "{procs}" && exec "$@"', "sh"]
        seen = subprocess.run(
            [*prefix, sys.executable, "-c", "from helpers import cores; print(cores.detect().describe())"],
            cwd=ROOT, capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        print(f"cgroup {group}: a process inside reports {seen.stdout.strip()!r}")
        assert "quota 1.5" in seen.stdout, seen.stdout + seen.stderr
        result = run_nbrun(path, prefix)
        print(report(result))
        assert result.returncode == 0, report(result)
