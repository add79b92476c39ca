"""The seed app plus ``uvicorn.run`` under ``__main__``: now ``python -m`` serves it.

The port comes from the ``PORT`` environment variable so that helpers can pick a free one.
"""

import os

import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.get("/")
async def root() -> dict[str, str]:
    return {"message": "Hello World"}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ.get("PORT", "8000")))
