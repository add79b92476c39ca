"""serverlab helpers: start real servers, load them, look at their processes, plot, check.

Import the module you need, e.g. ``from helpers import servers, load, procs, plots, checks``.
"""

__all__ = ["checks", "load", "measure", "plots", "procs", "records", "servers"]
