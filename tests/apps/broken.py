"""An app module that raises while being imported."""

raise RuntimeError("this module is broken on purpose")
