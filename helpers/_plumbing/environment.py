"""The environment every process the helpers start runs with: the markers that let cleanup find it."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping

from helpers._plumbing.marker import RUN_TOKEN, RUN_VAR, SERVER_VAR
from helpers.commands import PROJECT_ROOT
from labapp.contract import SECRET_HEADER, SECRET_VAR

__all__ = ["RUN_SECRET", "SECRET_HEADER", "SECRET_VAR", "marked_env"]

# One secret per kernel run, in every server's environment: the lab app's destructive endpoints
# (POST /crash, PUT /threadpool) answer only requests that carry it (labapp/_guard.py; the names
# are defined once, in labapp/contract.py), so another learner on a shared node cannot crash this
# learner's servers, and a server without any secret refuses them. The helpers' own calls send it.
RUN_SECRET = secrets.token_hex(16)


def marked_env(server_id: str, *layers: Mapping[str, str]) -> dict[str, str]:
    """This process's environment, then `layers` in order, then the run markers (which nothing overrides)."""
    env = dict(os.environ)
    for layer in layers:
        env.update({k: str(v) for k, v in layer.items()})
    python_path = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    env.update({RUN_VAR: RUN_TOKEN, SERVER_VAR: server_id, "PYTHONUNBUFFERED": "1", "PYTHONPATH": python_path})
    env[SECRET_VAR] = RUN_SECRET
    return env
