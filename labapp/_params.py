"""Query parameter types the lab apps share, so one name has one meaning in every app.

``Seconds`` is any duration a request asks a lab app to sleep, spin, hold or wait for: 0 to
``contract.MAX_SECONDS``. An app refuses a longer one with a 422 that names the limit, so no request
keeps a server busy past what the helpers' timeouts expect.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from labapp import contract

Seconds = Annotated[
    float, Query(ge=0.0, le=contract.MAX_SECONDS, description=f"seconds, 0 to {contract.MAX_SECONDS:g}")
]
