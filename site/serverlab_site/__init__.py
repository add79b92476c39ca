"""`make site`: the executed course as a static site (Sphinx + myst-nb), built from a real run.

- course.py: which pages, in which order (read from the files, never a list), and where each one lives;
- stage.py: the Sphinx source of one edition (the notebooks plus a header, the run's machine, a home page);
- ext.py: the Sphinx extension (claims that depend on cores, a per-notebook time budget, local JavaScript);
- build.py (beside this package): install the pinned JavaScript, stage, run sphinx-build, say where the site is.
"""
