"""serverlab's tests, laid out like the code they test.

- ``tests/helpers/``: the helpers (concept modules and ``helpers/topics/``), against real servers;
- ``tests/labapp/``: the lab apps and the contract between them and the helpers;
- ``tests/hub/``: the class deployment (the rehearsal hub, deploy/);
- ``tests/notebooks/``: the notebooks themselves (headless runs, the browser, a class at once, the site,
  the Korean edition, what they call);
- here: project-wide checks (lint, locks, packaging, project files, the import graph) and the shared
  support every folder imports as ``tests.X`` (``conftest.py`` with the autouse leak check, ``support``,
  ``kernels``, ``nbrun``, ``hubdrive``, ...).

The four folders have no ``__init__.py`` on purpose: ``python tests/nbrun.py`` puts ``tests/`` first on
``sys.path``, and a *package* ``tests/helpers`` would then hide the real ``helpers``; a plain folder
cannot (a regular package later on the path wins over a namespace portion). pytest imports their files
by file name, which are unique across the tree, and ``tests/conftest.py`` applies to all of them.
"""
