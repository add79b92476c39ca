"""Pictures of what the servers did: request timelines, PID counts, latencies, process trees.

Only drawing happens here: functions take records or snapshots and return a Figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, NullFormatter

from helpers import i18n
from helpers.errors import BadArgumentError
from helpers.i18n import mpl as i18n_mpl
from helpers.measure import counts_by_pid, start_time
from helpers.procs import ProcDiff, ProcInfo, ProcTree
from helpers.records import RequestRecord

# Korean kernels (SERVERLAB_LANG=ko): NanumGothic with DejaVu Sans as the fallback for ✔ and U+2212, and
# labels through the Korean catalog. English kernels: matplotlib's defaults, untouched.
i18n_mpl.configure()

_ROLE_COLOURS = {
    "master": "#4c72b0", "parent": "#4c72b0", "reloader": "#4c72b0", "server": "#55a868",
    "worker": "#55a868", "pool": "#dd8452", "resource_tracker": "#8c8c8c",
}  # fmt: skip


def _palette(keys: Sequence[object]) -> dict[object, tuple[float, float, float, float]]:
    cmap = plt.get_cmap("tab10")
    return {key: cmap(i % 10) for i, key in enumerate(keys)}


def _group_key(record: RequestRecord, color_by: str) -> object:
    if color_by == "pid":
        return f"pid [{record.pid}]" if record.pid is not None else "no answer"
    if color_by == "thread":
        return record.thread_label if record.thread else "no answer"
    if color_by == "path":
        return record.path.split("?")[0]
    raise BadArgumentError(i18n.text(f"color_by must be 'pid', 'thread' or 'path', got {color_by!r}"))


def timeline(
    records: Sequence[RequestRecord],
    *,
    title: str = "Requests over time",
    color_by: str = "pid",
    ax: Axes | None = None,
) -> Figure:
    """One row per request: a thin line while the client waits, a bar while the handler runs."""
    if not records:
        raise BadArgumentError(i18n.text("timeline needs at least one record"))
    fig, ax = _figure(ax, height=max(2.5, min(8.0, 0.12 * len(records) + 1.5)))
    t0 = start_time(records)
    ordered = sorted(records, key=lambda r: (r.sent_at, r.index))
    keys = list(dict.fromkeys(_group_key(r, color_by) for r in ordered))
    colours = _palette(keys)
    for row, rec in enumerate(ordered):
        ax.hlines(row, rec.sent_at - t0, rec.received_at - t0, color="#b0b0b0", linewidth=1)
        colour = colours[_group_key(rec, color_by)]
        if rec.server_start is not None and rec.server_end is not None:
            ax.barh(row, rec.server_end - rec.server_start, left=rec.server_start - t0, height=0.7, color=colour)
        elif not rec.ok:
            ax.plot(rec.received_at - t0, row, marker="x", color="#c44e52")
    ax.set_xlabel("time since first request sent (s)")
    ax.set_ylabel("request (in send order)")
    ax.set_title(title)
    ax.invert_yaxis()
    handles = [Patch(color=colours[k], label=str(k)) for k in keys[:12]]
    handles.append(Patch(color="#b0b0b0", label="client waiting"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small",
              title=f"handler ran in ({color_by})")  # fmt: skip
    fig.tight_layout()
    return fig


def requests_per_pid(records: Sequence[RequestRecord], *, title: str = "Requests answered per worker") -> Figure:
    counts = counts_by_pid(records)
    if not counts:
        raise BadArgumentError(i18n.text("no successful request reported a PID"))
    fig, ax = _figure(None, height=3.2)
    labels = [f"[{pid}]" for pid in counts]
    ax.bar(labels, list(counts.values()), color=[_palette(list(counts))[p] for p in counts])
    for i, value in enumerate(counts.values()):
        ax.annotate(str(value), (i, value), ha="center", va="bottom")
    ax.set_xlabel("worker PID")
    ax.set_ylabel("requests answered")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def latencies(
    groups: Mapping[str, Sequence[RequestRecord]], *, title: str = "Response times", unit: str = "ms"
) -> Figure:
    """Strip plot of client-side latency per group, with the median marked."""
    if not groups:
        raise BadArgumentError(i18n.text("latencies needs at least one group of records"))
    scale = 1000.0 if unit == "ms" else 1.0
    fig, ax = _figure(None, height=3.5)
    for i, (_label, recs) in enumerate(groups.items()):
        values = sorted(r.latency_s * scale for r in recs if r.ok)
        if not values:
            continue
        jitter = [i + 0.25 * ((k % 7) - 3) / 3 for k in range(len(values))]
        ax.scatter(jitter, values, s=14, alpha=0.7)
        ax.hlines(values[len(values) // 2], i - 0.35, i + 0.35, color="black", linewidth=2)
    ax.set_xticks(range(len(groups)), list(groups))
    ax.set_ylabel(f"latency ({unit})")
    ax.set_title(title + " (bar = median)")
    fig.tight_layout()
    return fig


def bars(values: Mapping[str, float], *, title: str, ylabel: str, reference: float | None = None) -> Figure:
    """Labelled bars, e.g. total time of one experiment under several server set-ups."""
    fig, ax = _figure(None, height=3.2)
    ax.bar(list(values), list(values.values()), color=list(_palette(list(values)).values()))
    for i, value in enumerate(values.values()):
        ax.annotate(f"{value:.2f}", (i, value), ha="center", va="bottom")
    if reference is not None:
        ax.axhline(reference, color="#c44e52", linestyle="--", label=f"reference {reference:g}")
        ax.legend(loc="best")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def pids_over_time(records: Sequence[RequestRecord], *, title: str = "Which worker answered, over time") -> Figure:
    """One dot per request at its send time, on the row of the PID that answered it."""
    answered = [r for r in records if r.pid is not None]
    if not answered:
        raise BadArgumentError(i18n.text("no record reported a PID"))
    t0 = start_time(records)
    pids = list(dict.fromkeys(r.pid for r in sorted(answered, key=lambda r: r.sent_at)))
    fig, ax = _figure(None, height=max(2.5, 0.35 * len(pids) + 1.5))
    colours = _palette(pids)
    for r in answered:
        ax.plot(r.sent_at - t0, pids.index(r.pid), "o", color=colours[r.pid], markersize=4)
    failed = [r for r in records if not r.ok]
    for r in failed:
        ax.plot(r.sent_at - t0, -0.6, "x", color="#c44e52")
    ax.set_yticks(range(len(pids)), [f"[{p}]" for p in pids])
    ax.set_xlabel("time since first request (s)")
    ax.set_ylabel("worker PID (x = failed request)" if failed else "worker PID")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def _layout(tree: ProcTree) -> dict[int, tuple[float, float]]:
    children: dict[int, list[ProcInfo]] = {}
    pids = set(tree.pids)
    roots = [p for p in tree.procs if p.pid == tree.root_pid or p.ppid not in pids]
    for p in tree.procs:
        if p.ppid in pids and p not in roots:
            children.setdefault(p.ppid, []).append(p)
    positions: dict[int, tuple[float, float]] = {}
    next_x = [0.0]

    def place(node: ProcInfo, depth: int) -> float:
        kids = children.get(node.pid, [])
        if not kids:
            x = next_x[0]
            next_x[0] += 1.0
        else:
            xs = [place(k, depth + 1) for k in kids]
            x = sum(xs) / len(xs)
        positions[node.pid] = (x, -float(depth))
        return x

    for root in roots:
        place(root, 0 if root.pid == tree.root_pid else 1)
    return positions


def process_tree(
    tree: ProcTree, *, title: str | None = None, ax: Axes | None = None, highlight: Mapping[int, str] | None = None
) -> Figure:
    """Boxes for processes (role, [pid], threads), lines from parent to child; orphans float free."""
    fig, ax = _figure(ax, height=3.2)
    positions = _layout(tree)
    for p in tree.procs:
        if p.ppid in positions and p.pid != tree.root_pid:
            (x0, y0), (x1, y1) = positions[p.ppid], positions[p.pid]
            ax.plot([x0, x1], [y0, y1], color="#606060", zorder=1)
    for p in tree.procs:
        x, y = positions[p.pid]
        edge = (highlight or {}).get(p.pid, "black")
        label = f"{p.role}\n[{p.pid}]\n{p.num_threads} thr"
        if p in tree.orphans:
            label += f"\nppid {p.ppid}"
        ax.text(x, y, label, ha="center", va="center", fontsize=8, zorder=2,
                bbox={"boxstyle": "round", "facecolor": _ROLE_COLOURS.get(p.role, "#dddddd"), "alpha": 0.35,
                      "edgecolor": edge, "linewidth": 2 if edge != "black" else 1})  # fmt: skip
    xs = [x for x, _ in positions.values()] or [0.0]
    ys = [y for _, y in positions.values()] or [0.0]
    ax.set_xlim(min(xs) - 0.8, max(xs) + 0.8)
    ax.set_ylim(min(ys) - 0.7, max(ys) + 0.7)
    ax.axis("off")
    ax.set_title(title or f"Process tree of [{tree.root_pid}] ({len(tree.procs)} processes)")
    if not tree.procs:
        ax.text(0, 0, "no live processes", ha="center")
    fig.tight_layout()
    return fig


def process_trees(trees: Mapping[str, ProcTree], *, title: str = "Process trees", columns: int = 2) -> Figure:
    """Several `process_tree`s in a grid, one per label, to compare set-ups at a glance."""
    if not trees:
        raise BadArgumentError(i18n.text("process_trees needs at least one tree"))
    rows = -(-len(trees) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(5.5 * columns, 3.0 * rows), squeeze=False)
    for ax, (label, tree) in zip(axes.flat, trees.items(), strict=False):
        process_tree(tree, ax=ax, title=label)
    for ax in list(axes.flat)[len(trees) :]:
        ax.axis("off")
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def tree_change(before: ProcTree, after: ProcTree, change: ProcDiff, *, title: str = "Before and after") -> Figure:
    """Two trees side by side; red = gone, green = new."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.4))
    process_tree(before, ax=left, title="before", highlight={p.pid: "#c44e52" for p in change.gone})
    process_tree(after, ax=right, title="after", highlight={p.pid: "#2ca02c" for p in change.new})
    fig.suptitle(f"{title}: {change.summary()}", fontsize=10)
    fig.tight_layout()
    return fig


def _figure(ax: Axes | None, height: float) -> tuple[Figure, Axes]:
    if ax is not None:
        fig = ax.get_figure()
        assert isinstance(fig, Figure), "draw into an Axes that belongs to a Figure"
        return fig, ax
    fig, new_ax = plt.subplots(figsize=(9, height))
    return fig, new_ax


def timelines(
    groups: Mapping[str, Sequence[RequestRecord]], *, title: str = "Requests over time", color_by: str = "pid"
) -> Figure:
    """One `timeline` per group, stacked, so the same workload on several set-ups compares at a glance."""
    filled = {label: recs for label, recs in groups.items() if recs}
    if not filled:
        raise BadArgumentError(i18n.text("timelines needs at least one non-empty group of records"))
    heights = [max(1.6, min(4.0, 0.1 * len(recs) + 1.2)) for recs in filled.values()]
    fig, axes = plt.subplots(len(filled), 1, figsize=(9, sum(heights) + 0.6), squeeze=False,
                             gridspec_kw={"height_ratios": heights})  # fmt: skip
    for ax, (label, recs) in zip(axes[:, 0], filled.items(), strict=True):
        timeline(recs, title=label, color_by=color_by, ax=ax)
        ax.set_ylabel("request")
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def latency_timelines(
    groups: Mapping[str, Sequence[RequestRecord]], *, title: str = "Latency over time", slow_s: float | None = None
) -> Figure:
    """Per group, one dot per request at (send time, latency), coloured by PID; x = failed; log scale.

    Short requests (pings of a few ms) vanish as bars in `timeline`; here a stall of seconds and a
    ping of milliseconds are both visible, and a dashed line marks what counts as slow.
    """
    filled = {label: recs for label, recs in groups.items() if recs}
    if not filled:
        raise BadArgumentError(i18n.text("latency_timelines needs at least one non-empty group of records"))
    fig, axes = plt.subplots(len(filled), 1, figsize=(9, 2.1 * len(filled) + 0.6), squeeze=False, sharex=True)
    for ax, (label, recs) in zip(axes[:, 0], filled.items(), strict=True):
        t0 = start_time(recs)
        pids = list(dict.fromkeys(r.pid for r in sorted(recs, key=lambda r: r.sent_at) if r.ok))
        colours = _palette(pids)
        for pid in pids:
            mine = [r for r in recs if r.ok and r.pid == pid]
            ax.scatter([r.sent_at - t0 for r in mine], [max(r.latency_s, 1e-3) for r in mine], s=16,
                       color=colours[pid], label=f"[{pid}]")  # fmt: skip
        failed = [r for r in recs if not r.ok]
        if failed:
            ax.scatter([r.sent_at - t0 for r in failed], [max(r.latency_s, 1e-3) for r in failed], marker="x",
                       color="#c44e52", label=f"failed ({len(failed)})")  # fmt: skip
        if slow_s is not None:
            ax.axhline(slow_s, color="#808080", linestyle="--", linewidth=1)
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}"))
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.set_ylabel("latency (s)")
        ax.set_title(label, fontsize=10)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", title="answered by")
    axes[-1, 0].set_xlabel("sent at (s after the first request)")
    fig.suptitle(title)
    fig.tight_layout()
    return fig
