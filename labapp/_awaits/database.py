"""A slow database query: ``sqlite3`` has no ``await``, so in ``async def`` it blocks the loop."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from labapp import contract
from labapp._awaits.state import Lab
from labapp._params import Seconds
from labapp._stamp import Clock, Stamp

router = APIRouter(tags=["a slow database query"])


def create_orders(folder: Path) -> Path:
    """The lifespan's database: one table of 1000 orders."""
    db_path = folder / "orders.sqlite3"
    with sqlite3.connect(db_path) as db:
        db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total REAL)")
        db.executemany("INSERT INTO orders (total) VALUES (?)", [(i * 1.5,) for i in range(1000)])
    db.close()
    return db_path


def _slow_query(db_path: Path, seconds: float) -> int:
    """A query that takes `seconds` inside the driver (like PostgreSQL's pg_sleep): a blocking call."""
    with sqlite3.connect(db_path, timeout=10.0) as db:
        db.create_function("sleep", 1, time.sleep)
        row = db.execute("SELECT (SELECT count(*) FROM orders), sleep(?)", (seconds,)).fetchone()
    db.close()
    return int(row[0])


@router.get(contract.DB_ASYNC)
async def db_async(lab: Lab, s: Seconds = 0.4) -> Stamp:
    clock = Clock()
    rows = _slow_query(lab.db_path, s)  # sqlite3 has no await: this blocks the loop
    return clock.stamp("async", contract.DB_ASYNC, rows=rows)


@router.get(contract.DB_SYNC)
def db_sync(lab: Lab, s: Seconds = 0.4) -> Stamp:
    clock = Clock()
    rows = _slow_query(lab.db_path, s)
    return clock.stamp("sync", contract.DB_SYNC, rows=rows)


@router.get(contract.DB_OFFLOAD)
async def db_offload(lab: Lab, s: Seconds = 0.4) -> Stamp:
    clock = Clock()
    rows = await run_in_threadpool(_slow_query, lab.db_path, s)
    return clock.stamp("async", contract.DB_OFFLOAD, rows=rows)
