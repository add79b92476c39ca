"""serverlab helpers: start real servers, load them, look at their processes, plot, check.

Import the module you need, e.g. ``from helpers import servers, load, procs, plots, checks``.
Read ``servers`` and ``commands`` first (see helpers/README.md for the map). The modules here are
concepts several notebooks build on; ``topics/`` holds the instruments of one notebook each
(``from helpers.topics import awaiting``); ``_plumbing/`` is the private machinery (markers,
watchdog, ports) and ``cli/`` the command-line tools.

Importing ``helpers.servers`` (which most modules do) has one side effect, on purpose: it
installs the kernel-cleanup hook (``helpers._plumbing.kernel.install_cleanup``) that stops
every server when the kernel exits or a cell is interrupted. Importing ``helpers`` itself does one
thing: on a Korean kernel (``SERVERLAB_LANG=ko``) it makes ``print`` translate the lines it prints
(``helpers.i18n.printing``); on any other kernel nothing runs on import.
"""

__all__ = [
    "activity", "busytime", "checks", "commands", "cores", "cputime", "errors", "interpreter", "learner_app",
    "links", "load", "looplag", "measure", "panels", "plots", "procs", "records", "scaling", "servers", "sockopts",
    "source", "supervision", "threadpools", "tiny_asgi", "topics",
]  # fmt: skip

from helpers.i18n import printing as _printing

_printing.install_if_korean()
