"""ipywidgets experiment panels: the learner picks the knobs, presses Run, and sees the measured timeline.

    panels.experiment(endpoint="sync sleep", requests=60)      # one cell, one panel
    panels.live_tree(srv)                                      # a running server's processes, live

Read ``experiment`` (the panel) first; ``settings`` holds the knobs and their checks, ``runner``
what a run does; ``tree`` the live process tree; ``draw`` the figures, drawn off the main thread;
``background`` a run's thread and its Stop. A notebook's own panel is built from these parts in its
topic module (notebook 04's is ``awaiting.panel``).
"""

from helpers.panels.experiment import ExperimentPanel, experiment, live_tree
from helpers.panels.settings import Settings
from helpers.panels.tree import TreePanel

__all__ = ["ExperimentPanel", "Settings", "TreePanel", "experiment", "live_tree"]
