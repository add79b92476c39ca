"""The seed's second handler: the same endless loop, declared with plain ``def``.

FastAPI runs ``def`` handlers in a worker thread, so the event loop stays free and the
server keeps answering other requests while this thread spins.
"""

import os

from fastapi import FastAPI

from labapp import contract

app = FastAPI()


@app.get(contract.HEALTH)
async def health() -> dict[str, int]:
    return {"pid": os.getpid()}


@app.get("/")
def root() -> None:
    print(os.getpid(), flush=True)
    while True:
        pass
