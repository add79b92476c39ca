"""Run every benchmark row, print the table, and write it to bench-results/bench.md.

python -m benchmarks [--only readiness,load_generator,claim_fidelity,cleanup,course_time]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from benchmarks import rows as bench
from helpers import checks, cores, servers

GROUPS = ["readiness", "load_generator", "claim_fidelity", "cleanup", "course_time"]
OUT = Path(__file__).resolve().parent.parent / "bench-results"


def table(results: list[bench.Row]) -> str:
    lines = ["| # | measurement | target | measured | result | detail |", "| --- | --- | --- | --- | --- | --- |"]
    for r in results:
        value = f"{r.measured:.2f} {r.unit}"
        lines.append(f"| {r.group} | {r.name} | {r.target} | {value} | {'pass' if r.passed else 'MISS'} | {r.detail} |")
    return "\n".join(lines)


def machine() -> str:
    versions = ", ".join(f"{k} {v}" for k, v in checks.versions().items())
    return f"{platform.platform()}, {cores.detect().describe()}, {time.strftime('%Y-%m-%d')}; {versions}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default=",".join(GROUPS))
    args = parser.parse_args()
    results: list[bench.Row] = []
    for group in args.only.split(","):
        print(f"running {group} ...", flush=True)
        results += getattr(bench, group)()
        servers.stop_all()
    report = f"Measured on: {machine()}\n\n{table(results)}\n"
    print("\n" + report)
    OUT.mkdir(exist_ok=True)
    (OUT / "bench.md").write_text(report)
    print(f"written to {OUT / 'bench.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
