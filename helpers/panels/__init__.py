"""ipywidgets experiment panels: the learner picks the knobs, presses Run, and sees the measured timeline.

    panels.experiment(endpoint="sync sleep", requests=60)      # one cell, one panel
    panels.live_tree(srv)                                      # a running server's processes, live
    panels.what_awaits(up)                                     # 04: a library, a declaration, /ping meanwhile

Read ``experiment`` (the panel) first; ``settings`` holds the knobs and their checks, ``runner``
what a run does; ``tree`` the live process tree; ``awaits`` notebook 04's panel; ``draw`` the figures,
drawn off the main thread.
"""

from helpers.panels.awaits import AwaitsPanel, what_awaits
from helpers.panels.experiment import ExperimentPanel, experiment, live_tree
from helpers.panels.settings import Settings
from helpers.panels.tree import TreePanel

__all__ = ["AwaitsPanel", "ExperimentPanel", "Settings", "TreePanel", "experiment", "live_tree", "what_awaits"]
