"""Sizing tables for deploy/README.md, derived from the per-learner footprint the hub soak measured.

    python deploy/sizing.py [test-artifacts/hub/footprint.json]

`make soak` (tests/hub/test_hub.py) writes footprint.json: for each notebook, each learner's peak memory
(RSS and USS of every process of that learner), CPU seconds and peak processes and threads while the
class ran it at the same moment. This script turns the heaviest learner into per-learner requests and
limits, then fits them on named node sizes after what the node keeps for itself. Nothing is typed in by
hand: re-run it after a soak and paste its output into the README.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MIB_PER_GIB = 1024
# The run deploy/README.md's tables and deploy/z2jh/values.yaml's requests come from (tests/hub/test_deploy.py
# checks they agree): replace it with a newer soak's footprint.json, then re-run this script.
CURRENT_DATA = Path(__file__).resolve().parent / "footprint-2026-12-05.json"
# The node sizes deploy/README.md talks about: (cores, GiB of memory).
NODES: tuple[tuple[int, int], ...] = ((8, 32), (16, 64), (32, 128), (64, 256))
CLASS_SIZE = 30

# GKE's documented reservation for kubelet, container runtime and OS ("Plan GKE Standard node sizes",
# https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes): a share of each band of the
# machine's memory and cores, plus a 100 MiB hard-eviction threshold. AKS (before 1.29) uses the same
# memory bands; EKS and AKS 1.29+ reserve by max pods per node instead: read your node's real figure
# with `kubectl describe node` (Allocatable).
GKE_MEMORY_BANDS_GIB: tuple[tuple[float, float], ...] = ((4, 0.25), (4, 0.20), (8, 0.10), (112, 0.06), (math.inf, 0.02))
GKE_CPU_BANDS: tuple[tuple[float, float], ...] = ((1, 0.06), (1, 0.01), (2, 0.005), (math.inf, 0.0025))
EVICTION_MIB = 100

# Assumed, not measured here (no cluster in CI): requests of the platform's DaemonSets on each node
# (kube-proxy, CNI, logging and metrics agents, CSI driver; the chart's own image puller requests
# nothing), and the chart's core pods if they share the learners' node (hub, proxy, two user-schedulers;
# the chart sets no requests for them, so this is what they use, not what they reserve).
DAEMONSETS_CPU, DAEMONSETS_MIB, DAEMONSET_PODS = 0.4, 512, 8
CORE_PODS_CPU, CORE_PODS_MIB, CORE_PODS = 0.5, 1024, 4
# The kubelet's default maxPods (GKE Standard's default too); one learner is one pod.
MAX_PODS = 110
# TLJH: no kubelet; the OS, the hub, traefik and the idle culler share the machine with the learners.
TLJH_KEPT_MIB = 2048

# Per-learner policy on top of the measured peak: memory is rounded up to this step for the request,
# the limit leaves this much room for a learner's own experiments, and TasksMax leaves this factor.
MEMORY_STEP_MIB = 128
LIMIT_ROOM = 1.5
TASKS_ROOM = 2
TASKS_STEP = 50
CPU_STEP = 0.05


@dataclass(frozen=True)
class Peak:
    """One notebook's heaviest learner (the maximum of each figure over the learners who ran it)."""

    notebook: str
    learners: int
    wall_s: float
    rss_mib: float
    uss_mib: float
    cpu_s: float
    processes: int
    threads: int | None  # None: the run did not count threads


@dataclass(frozen=True)
class PerLearner:
    """What one learner needs, from the heaviest notebook of the run."""

    memory_request_mib: int
    memory_limit_mib: int
    cpu_request: float
    cpu_s: float
    cpu_notebook: str
    tasks_max: int | None


def load_peaks(report: dict[str, Any]) -> list[Peak]:
    """Per notebook, the maximum over its learners of each measured figure."""
    peaks = []
    for notebook, run in sorted(report["notebooks"].items()):
        learners = list(run["learners"].values())
        if not learners:
            continue
        threads = [lr["peak_threads"] for lr in learners if "peak_threads" in lr]
        peaks.append(
            Peak(
                notebook=Path(notebook).stem,
                learners=int(run.get("learners_at_once", len(learners))),
                wall_s=float(run["wall_s"]),
                rss_mib=max(float(lr["peak_rss_mb"]) for lr in learners),
                uss_mib=max(float(lr["peak_uss_mb"]) for lr in learners),
                cpu_s=max(float(lr["cpu_s"]) for lr in learners),
                processes=max(int(lr["peak_processes"]) for lr in learners),
                threads=max(threads) if len(threads) == len(learners) else None,
            )
        )
    if not peaks:
        raise ValueError("footprint report has no notebook with a measured learner")
    return peaks


def per_learner(peaks: list[Peak]) -> PerLearner:
    """Request = the heaviest peak RSS (an upper bound: shared pages counted in each process), rounded up."""
    rss = max(p.rss_mib for p in peaks)
    request = math.ceil(rss / MEMORY_STEP_MIB) * MEMORY_STEP_MIB
    limit = math.ceil(request * LIMIT_ROOM / MEMORY_STEP_MIB) * MEMORY_STEP_MIB
    heaviest = max(peaks, key=lambda p: p.cpu_s)
    threads = [p.threads for p in peaks]
    tasks = None
    if all(t is not None for t in threads):
        tasks = math.ceil(max(t for t in threads if t is not None) * TASKS_ROOM / TASKS_STEP) * TASKS_STEP
    return PerLearner(request, limit, fair_cpu_share(), heaviest.cpu_s, heaviest.notebook, tasks)


def fair_cpu_share() -> float:
    """CPU request: each learner's share when a class of CLASS_SIZE on the smallest node is busy at once.

    CPU is not a hard limit like memory: a learner above the request runs slower, not killed, and the
    limit lets one learner use idle cores. So the request is the share each gets in a class-wide burst.
    """
    cores, gib = NODES[0]
    cpu, _ = k8s_allocatable(cores, gib)
    return round(math.floor((cpu - DAEMONSETS_CPU - CORE_PODS_CPU) / CLASS_SIZE / CPU_STEP) * CPU_STEP, 2)


def banded(total: float, bands: tuple[tuple[float, float], ...]) -> float:
    """Sum of share x amount over consecutive bands (the way GKE states its reservation)."""
    reserved, left = 0.0, total
    for width, share in bands:
        take = min(left, width)
        reserved += take * share
        left -= take
        if left <= 0:
            break
    return reserved


def k8s_allocatable(cores: int, gib: int) -> tuple[float, float]:
    """(cores, MiB) the kubelet offers to pods: capacity - kube/system reserved - eviction threshold."""
    cpu = cores - banded(cores, GKE_CPU_BANDS)
    mib = gib * MIB_PER_GIB - banded(gib, GKE_MEMORY_BANDS_GIB) * MIB_PER_GIB - EVICTION_MIB
    return cpu, mib


@dataclass(frozen=True)
class NodeFit:
    cores: int
    gib: int
    allocatable_cpu: float
    allocatable_mib: float
    for_learners_cpu: float
    for_learners_mib: float
    k8s_learners: int
    k8s_bound: str  # what stops one more learner: memory, CPU or max pods
    tljh_learners: int


def fit(cores: int, gib: int, need: PerLearner) -> NodeFit:
    cpu, mib = k8s_allocatable(cores, gib)
    free_cpu = cpu - DAEMONSETS_CPU - CORE_PODS_CPU
    free_mib = mib - DAEMONSETS_MIB - CORE_PODS_MIB
    bounds = {
        "memory": math.floor(free_mib / need.memory_request_mib),
        "CPU": math.floor(free_cpu / need.cpu_request),
        "max pods": MAX_PODS - DAEMONSET_PODS - CORE_PODS,
    }
    bound = min(bounds, key=lambda name: bounds[name])
    k8s = max(0, bounds[bound])
    tljh = max(0, math.floor((gib * MIB_PER_GIB - TLJH_KEPT_MIB) / need.memory_request_mib))
    return NodeFit(cores, gib, cpu, mib, free_cpu, free_mib, k8s, bound, tljh)


def drain_s(learners: int, cpu_s: float, cores: float) -> float:
    """CPU time a class-wide Run All needs on these cores (a lower bound: sleeps and waits come on top)."""
    return learners * cpu_s / cores


def _gib(mib: float) -> str:
    return f"{mib / MIB_PER_GIB:.1f} GiB"


def footprint_table(peaks: list[Peak]) -> str:
    rows = [
        "| notebook | learners at once | wall time | peak RSS | peak USS | CPU s | peak processes | peak threads |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for p in peaks:
        threads = "not counted" if p.threads is None else str(p.threads)
        rows.append(
            f"| {p.notebook} | {p.learners} | {p.wall_s:.0f} s | {p.rss_mib:.0f} MiB | {p.uss_mib:.0f} MiB "
            f"| {p.cpu_s:.1f} | {p.processes} | {threads} |"
        )
    return "\n".join(rows)


def sizing_table(need: PerLearner) -> str:
    rows = [
        "| node | allocatable (Kubernetes) | left for learners | learners (Kubernetes) "
        f"| {CLASS_SIZE} learners Run All {need.cpu_notebook} at once | learners (TLJH) |",
        "|---|---|---|---|---|---|",
    ]
    for cores, gib in NODES:
        f = fit(cores, gib, need)
        if f.k8s_learners >= CLASS_SIZE:
            drain = f"{drain_s(CLASS_SIZE, need.cpu_s, f.for_learners_cpu):.0f} s of CPU"
        else:
            drain = f"does not fit ({f.k8s_learners} max)"
        rows.append(
            f"| {cores} cores, {gib} GiB | {f.allocatable_cpu:.2f} cores, {_gib(f.allocatable_mib)} "
            f"| {f.for_learners_cpu:.2f} cores, {_gib(f.for_learners_mib)} "
            f"| {f.k8s_learners} ({f.k8s_bound}) | {drain} | {f.tljh_learners} |"
        )
    return "\n".join(rows)


def summary(need: PerLearner) -> str:
    tasks = (
        f"TasksMax {need.tasks_max} ({TASKS_ROOM} x the peak threads)"
        if need.tasks_max is not None
        else "TasksMax: threads were not counted in this run, so no figure"
    )
    return (
        f"Per learner: memory request {need.memory_request_mib} MiB (the heaviest peak RSS, rounded up to "
        f"{MEMORY_STEP_MIB} MiB), limit {need.memory_limit_mib} MiB ({LIMIT_ROOM} x); CPU request "
        f"{need.cpu_request:.2f} (the share of {CLASS_SIZE} learners on the smallest node); {need.cpu_s:.1f} CPU s "
        f"for a Run All of {need.cpu_notebook}; {tasks}."
    )


def render(report: dict[str, Any]) -> str:
    peaks = load_peaks(report)
    need = per_learner(peaks)
    return "\n\n".join([footprint_table(peaks), summary(need), sizing_table(need)]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("footprint", nargs="?", default="test-artifacts/hub/footprint.json", type=Path)
    args = parser.parse_args(argv)
    if not args.footprint.is_file():
        print(f"{args.footprint}: no such file; `make soak` writes it (tests/hub/test_hub.py)", file=sys.stderr)
        return 2
    sys.stdout.write(render(json.loads(args.footprint.read_text())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
