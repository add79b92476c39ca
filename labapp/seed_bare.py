"""The seed post's first ``main.py``: it builds an app and registers a route, nothing more.

Running ``python -m labapp.seed_bare`` exits at once: no line here starts a server.
"""

from fastapi import FastAPI

app = FastAPI()


@app.get("/")
async def root() -> dict[str, str]:
    return {"message": "Hello World"}
