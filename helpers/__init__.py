"""serverlab helpers: start real servers, load them, look at their processes, plot, check.

Import the module you need, e.g. ``from helpers import servers, load, procs, plots, checks``.
Read ``servers`` and ``commands`` first (see helpers/README.md for the map). ``_plumbing/`` is
the private machinery (markers, watchdog, ports) and ``cli/`` the command-line tools.

Importing ``helpers.servers`` (which most modules do) has one side effect, on purpose: it
installs the kernel-cleanup hook (``helpers._plumbing.kernel.install_cleanup``) that stops
every server when the kernel exits or a cell is interrupted. Nothing else runs on import.
"""

__all__ = [
    "activity", "awaiting", "checks", "commands", "compare", "cores", "cputime", "diagrams", "errors",
    "interpreter", "learner_app", "load", "looplag", "measure", "panels", "plots", "procs", "records", "reloading",
    "runs", "scaling", "servers", "sockopts", "source", "supervision", "threadpools", "tiny_asgi",
]  # fmt: skip
