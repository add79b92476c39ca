"""The seed's freezing handler: ``async def`` with ``while True: pass``.

The loop never yields, so the event loop of the worker that runs it serves nothing else
ever again. Only killing the process ends it (the helpers do that for you).
``/health`` exists so that helpers can tell when the server is ready before you freeze it.
"""

import os

from fastapi import FastAPI

from labapp import contract

app = FastAPI()


@app.get(contract.HEALTH)
async def health() -> dict[str, int]:
    return {"pid": os.getpid()}


@app.get("/")
async def root() -> None:
    print(os.getpid(), flush=True)
    while True:
        pass
