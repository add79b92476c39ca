"""The comparison table: each measured result as a short text cell, then one Markdown table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from helpers import i18n
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
    return i18n.text("never") if seconds is None else f"{seconds:.2f} s"


def load_cell(result: LoadResult, baseline: LoadResult | None = None) -> Cell:
    """'0.52 s (1 wave)' plus the ratio to `baseline` when given."""
    span, waves = f"{result.span_s:.2f}", result.wave_count
    text = i18n.text(f"{span} s, {waves} wave") if waves == 1 else i18n.text(f"{span} s, {waves} waves")
    if result.ok < result.sent:
        text += i18n.text(f", {result.sent - result.ok} failed")
    if baseline is not None and baseline.span_s > 0:
        text += f" (×{result.span_s / baseline.span_s:.2f})"
    return Cell(result.workload, result.deployment, text)


def outage_cell(result: OutageResult) -> Cell:
    """What a user of the service saw during a crash or hang, in a few words."""
    parts = [i18n.text(f"{result.failed}/{result.sent} failed")]
    if result.incident.startswith("hang"):
        parts.append(i18n.text(f"{result.slow - result.failed} slow"))
        status = i18n.text("cut off") if result.victim_status is None else f"{result.victim_status}"
        parts.append(i18n.text(f"hung request: {status}"))
    if result.answering_after_s is None:
        parts.append(i18n.text("still failing at the end"))
    elif result.failed:
        parts.append(i18n.text(f"all OK after {result.answering_after_s:.1f} s"))
    replaced = result.replaced_after_s
    parts.append(
        i18n.text(f"new process after {replaced:.1f} s") if replaced is not None else i18n.text("no new process")
    )
    return Cell(_incident(result.incident), result.deployment, "; ".join(parts))


def _incident(incident: str) -> str:
    """The row of a crash or a hang ("crash", "hang (async def)": `outages` names them) in the kernel's language."""
    if incident == "crash":
        return i18n.text("crash")
    if incident.startswith("hang (") and incident.endswith(" def)"):
        handler = incident.removeprefix("hang (").removesuffix(" def)")
        return i18n.text(f"hang ({handler} def)")
    return incident


def footprint_cell(fp: Footprint) -> Cell:
    return Cell(
        i18n.text("processes (serving), RSS"), fp.deployment, f"{fp.processes} ({fp.serving}), {fp.rss_mb:.0f} MB"
    )


def markdown(cells: Sequence[Cell]) -> str:
    """A Markdown table: one row per workload, one column per deployment (in first-seen order)."""
    if not cells:
        raise BadArgumentError(i18n.text("no cells: run some experiments first"))
    deployments = list(dict.fromkeys(c.deployment for c in cells))
    workloads = list(dict.fromkeys(c.workload for c in cells))
    lookup = {(c.workload, c.deployment): c.text for c in cells}
    lines = [f"| {i18n.text('workload')} | " + " | ".join(deployments) + " |", "|---" * (len(deployments) + 1) + "|"]
    for w in workloads:  # a row's label as the kernel's language names it (a notebook's workload: its catalog entry)
        lines.append(f"| {i18n.text(w)} | " + " | ".join(lookup.get((w, d), "") for d in deployments) + " |")
    return "\n".join(lines)
