"""The comparison table: each measured result as a short text cell, then one Markdown table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from helpers.errors import BadArgumentError
from helpers.records import RequestRecord
from helpers.topics.compare.deployments import Footprint, LoadResult
from helpers.topics.compare.outages import OutageResult


@dataclass(frozen=True)
class Cell:
    """One cell of the comparison table: a workload measured on a deployment, as a short text."""

    workload: str
    deployment: str
    text: str


def by_deployment(results: Sequence[LoadResult | OutageResult]) -> dict[str, tuple[RequestRecord, ...]]:
    """The records of each result under its deployment's name, ready for ``plots.timelines``."""
    return {r.deployment: r.records for r in results}


def fmt_s(seconds: float | None) -> str:
    """'0.53 s', or 'never' for None (no replacement, no recovery within the window)."""
    return "never" if seconds is None else f"{seconds:.2f} s"


def load_cell(result: LoadResult, baseline: LoadResult | None = None) -> Cell:
    """'0.52 s (1 wave)' plus the ratio to `baseline` when given."""
    text = f"{result.span_s:.2f} s, {result.wave_count} wave{'s' if result.wave_count != 1 else ''}"
    if result.ok < result.sent:
        text += f", {result.sent - result.ok} failed"
    if baseline is not None and baseline.span_s > 0:
        text += f" (×{result.span_s / baseline.span_s:.2f})"
    return Cell(result.workload, result.deployment, text)


def outage_cell(result: OutageResult) -> Cell:
    """What a user of the service saw during a crash or hang, in a few words."""
    parts = [f"{result.failed}/{result.sent} failed"]
    if result.incident.startswith("hang"):
        parts.append(f"{result.slow - result.failed} slow")
        status = "cut off" if result.victim_status is None else f"{result.victim_status}"
        parts.append(f"hung request: {status}")
    if result.answering_after_s is None:
        parts.append("still failing at the end")
    elif result.failed:
        parts.append(f"all OK after {result.answering_after_s:.1f} s")
    replaced = result.replaced_after_s
    parts.append(f"new process after {replaced:.1f} s" if replaced is not None else "no new process")
    return Cell(result.incident, result.deployment, "; ".join(parts))


def footprint_cell(fp: Footprint) -> Cell:
    return Cell("processes (serving), RSS", fp.deployment, f"{fp.processes} ({fp.serving}), {fp.rss_mb:.0f} MB")


def markdown(cells: Sequence[Cell]) -> str:
    """A Markdown table: one row per workload, one column per deployment (in first-seen order)."""
    if not cells:
        raise BadArgumentError("no cells: run some experiments first")
    deployments = list(dict.fromkeys(c.deployment for c in cells))
    workloads = list(dict.fromkeys(c.workload for c in cells))
    lookup = {(c.workload, c.deployment): c.text for c in cells}
    lines = ["| workload | " + " | ".join(deployments) + " |", "|---" * (len(deployments) + 1) + "|"]
    for w in workloads:
        lines.append(f"| {w} | " + " | ".join(lookup.get((w, d), "") for d in deployments) + " |")
    return "\n".join(lines)
