"""serverlab helpers: start real servers, load them, look at their processes, plot, check.

Import the module you need, e.g. ``from helpers import servers, load, procs, plots, checks``.
"""

__all__ = [
    "checks", "cleanup", "compare", "cpuscale", "cputime", "diagrams", "errors", "footprint", "labsetup", "load",
    "looplag", "measure", "panels", "plots", "procs", "records", "reloading", "runs", "scratch", "selfcheck",
    "servers", "shutdown", "supervision", "tiny_asgi",
]  # fmt: skip
