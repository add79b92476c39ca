"""Run the same workloads against several ways of deploying one app, and tabulate what happened.

    one = compare.deployment("one process", servers.uvicorn("labapp.lab:app", name="one"))
    lb = compare.replicas("2 containers", 2)
    result = compare.run_load(one, "I/O", "/async/sleep?s=0.5", 20)
    print(compare.markdown([compare.load_cell(result)]))

Read ``deployments`` first (what a deployment is, how requests reach it, one workload), then
``outages`` (a crash, a hang) and ``table`` (the cells and the Markdown table).
"""

from helpers.topics.compare.deployments import (
    Deployment,
    Footprint,
    LoadResult,
    deployment,
    fire,
    fire_async,
    footprint,
    replicas,
    run_load,
)
from helpers.topics.compare.outages import OutageResult, crash, hang
from helpers.topics.compare.table import Cell, by_deployment, fmt_s, footprint_cell, load_cell, markdown, outage_cell

__all__ = [
    "Cell", "Deployment", "Footprint", "LoadResult", "OutageResult", "by_deployment", "crash", "deployment", "fire",
    "fire_async", "fmt_s", "footprint", "footprint_cell", "hang", "load_cell", "markdown", "outage_cell", "replicas",
    "run_load",
]  # fmt: skip
