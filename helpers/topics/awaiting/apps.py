"""The two servers of notebook 04: the slow upstream, and the lab app that calls it (with a process pool)."""

from __future__ import annotations

from helpers import cores, cputime, servers
from helpers.servers import Server
from labapp import contract

MAX_POOL = 4  # enough to show parallelism in seconds; production would use every usable core


def pool_size(usable: cores.Cores | None = None) -> int:
    """Processes for the lab's pool: the usable cores, at least 2 (to see two PIDs), at most 4."""
    found = usable or cores.detect()
    return max(2, min(found.count, MAX_POOL))


def upstream(name: str = "04 upstream") -> Server:
    """Start the slow dependency (``labapp.upstream``) on a free port."""
    return servers.uvicorn(contract.UPSTREAM_APP, name=name, access_log=False)


def lab(up: Server, *, process_workers: int | None = None, name: str = "04 lab") -> Server:
    """Start ``labapp.awaits`` with the upstream's URL (and a pool of `process_workers` processes)."""
    workers = pool_size() if process_workers is None else process_workers
    # CPU work per ?ms= measured once here (the fastest of a few runs), not by a server starting on a busy machine.
    env = {
        contract.UPSTREAM_VAR: up.url,
        contract.PROCESS_WORKERS_VAR: str(workers),
        **cputime.shared_calibration_env(),
    }
    return servers.uvicorn(contract.AWAITS_APP, name=name, env=env, access_log=False)
