"""The cgroup CPU limit of this process: the one Linux source of a fractional core count.

A container's or a JupyterHub pod's CPU limit is a cgroup quota: v2 ``cpu.max`` ("150000
100000" is 1.5 cores), v1 ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us``. A parent cgroup's limit
binds its children, so the tightest one on the way up counts. ``helpers.cores`` combines it
with the affinity mask and the machine's count.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from helpers import i18n

CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC_SELF_CGROUP = Path("/proc/self/cgroup")


@dataclass(frozen=True)
class Quota:
    """A cgroup CPU limit in cores (None: no limit) and where it was read."""

    cores: float | None
    source: str


def fmt_cores(value: float) -> str:
    """1.0 → "1", 1.5 → "1.5"."""
    return f"{value:g}" if abs(value - round(value)) > 1e-9 else str(round(value))


def _read(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except OSError:
        return None


def _own_cgroups(proc_self_cgroup: Path) -> tuple[str | None, dict[str, str]]:
    """From /proc/self/cgroup: the v2 path ("0::/x") and the v1 path per controller ("4:cpu,cpuacct:/x")."""
    text = _read(proc_self_cgroup)
    v2: str | None = None
    v1: dict[str, str] = {}
    for line in (text or "").splitlines():
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        _, controllers, path = parts
        if controllers == "":
            v2 = path
        for controller in controllers.split(","):
            v1[controller] = path
    return v2, v1


def _ancestors(base: Path, cgroup_path: str) -> list[Path]:
    """`base`/`cgroup_path` and each parent up to `base`: a parent's limit binds its children too.

    In a container /proc/self/cgroup may name a host path that is not mounted inside; then only
    the container's own root (`base`) is there to read, which is where its limit lives.
    """
    rel = [p for p in cgroup_path.strip("/").split("/") if p and p != ".."]
    dirs = [base.joinpath(*rel[:i]) for i in range(len(rel), -1, -1)]
    return [d for d in dirs if d.is_dir()]


def _v2_limit(directory: Path) -> float | None:
    text = _read(directory / "cpu.max")
    if not text:
        return None
    fields = text.split()
    if fields[0] == "max":
        return None
    period = float(fields[1]) if len(fields) > 1 else 100000.0
    return float(fields[0]) / period if period > 0 else None


def _v1_limit(directory: Path) -> float | None:
    quota, period = _read(directory / "cpu.cfs_quota_us"), _read(directory / "cpu.cfs_period_us")
    if quota is None or period is None:
        return None
    q, p = float(quota), float(period)
    return q / p if q > 0 and p > 0 else None  # -1: no limit


def _tightest(dirs: Iterable[Path], read: Callable[[Path], float | None], kind: str) -> Quota | None:
    found = [(limit, d) for d in dirs if (limit := read(d)) is not None]
    if not found:
        return None
    limit, where = min(found, key=lambda pair: pair[0])
    return Quota(limit, i18n.text(f"{fmt_cores(limit)} cores ({kind} at {where})"))


def cgroup_quota(root: Path = CGROUP_ROOT, proc_self_cgroup: Path = PROC_SELF_CGROUP) -> Quota:
    """The tightest CPU quota of this process's cgroup and its parents (v2, else v1); cores=None if none."""
    if not sys.platform.startswith("linux") and root == CGROUP_ROOT:
        return Quota(None, i18n.text(f"no cgroups on {sys.platform}"))
    v2_path, v1_paths = _own_cgroups(proc_self_cgroup)
    if v2_path is None and not v1_paths:
        return Quota(None, i18n.text(f"none ({proc_self_cgroup} not readable)"))
    if v2_path is not None:
        for base in (root, root / "unified"):
            if (base / "cgroup.controllers").exists():
                quota = _tightest(_ancestors(base, v2_path), _v2_limit, "cgroup v2 cpu.max")
                if quota is not None:
                    return quota
    if "cpu" in v1_paths:
        for name in ("cpu,cpuacct", "cpu", "cpuacct,cpu"):
            base = root / name
            if (base / "cpu.cfs_quota_us").exists():
                quota = _tightest(_ancestors(base, v1_paths["cpu"]), _v1_limit, "cgroup v1 cpu.cfs_quota_us")
                if quota is not None:
                    return quota
                break
    return Quota(None, i18n.text("none (no cgroup CPU limit set)"))
