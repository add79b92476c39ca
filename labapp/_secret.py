"""The names of the run secret, shared by the lab apps (which check it) and the helpers (which set and send it).

No FastAPI import here: the helpers import these two names without loading a web framework.
"""

from __future__ import annotations

SECRET_VAR = "SERVERLAB_SECRET"  # in the server's environment
SECRET_HEADER = "X-Serverlab-Secret"  # on each request to a destructive endpoint
