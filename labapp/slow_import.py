"""The lab app behind a slow import: sleeps SERVERLAB_IMPORT_DELAY_S seconds when first imported.

Notebook 05 serves it with ``--workers 2`` and a health-check timeout shorter than the import, to
show what uvicorn's parent waits for: a spawned worker starts its ``always_pong`` thread before it
imports the app (``Process.target`` in ``uvicorn/supervisors/multiprocess.py``), so a slow import
does not fail the health check; only interpreter start-up and the spawn bootstrap must fit in it.
"""

from __future__ import annotations

import os
import time

from labapp import contract

IMPORT_DELAY_S = min(float(os.environ.get(contract.IMPORT_DELAY_VAR, "0")), contract.MAX_SECONDS)
time.sleep(IMPORT_DELAY_S)  # stands for an app that loads a large model or many modules at import

from labapp.lab import app  # noqa: E402  (imported after the delay, as a slow app would be)

__all__ = ["app"]
