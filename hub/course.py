"""The course repository of a rehearsal: a bare mirror of this checkout, served read-only by `git daemon`.

On a real hub learners pull the course with nbgitpuller from a git URL (GitHub, say); the rehearsal does
the same from git://127.0.0.1:<port>/serverlab.git. A git URL, not a path: a learner's Unix user could not
read a checkout in root's home or in a CI job's 0700 temporary folder, and git refuses to read a repository
another user owns ("dubious ownership"). The mirror holds the checkout's files as they are now (committed
or not, .gitignore'd ones left out), so the rehearsal runs the notebooks the helpers were installed from.
"""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from helpers._plumbing.deadline import Deadline

BRANCH = "main"
NAME = "serverlab.git"
# Commits the rehearsal writes into its own mirror (never into the checkout).
IDENTITY = {
    "GIT_AUTHOR_NAME": "serverlab rehearsal", "GIT_AUTHOR_EMAIL": "rehearsal@serverlab.invalid",
    "GIT_COMMITTER_NAME": "serverlab rehearsal", "GIT_COMMITTER_EMAIL": "rehearsal@serverlab.invalid",
}  # fmt: skip


def _git(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    # safe.directory: the checkout may belong to another user than the one running the rehearsal (root).
    done = subprocess.run(
        ["git", "-c", "safe.directory=*", *args], capture_output=True, text=True, timeout=120, cwd=cwd,
        env={**os.environ, **IDENTITY, **(env or {})},
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {done.stderr.strip()[-800:]}")
    return done.stdout.strip()


def publish(checkout: Path, git_root: Path, message: str = "the checkout's working tree") -> str:
    """Put the checkout's files, as they are now, on the mirror's main branch; return the commit.

    The new commit's parent is the mirror's main (a fast-forward, as a teacher's push is), so learners'
    nbgitpuller merges it into their copies; nothing new is committed when nothing changed.
    """
    mirror = git_root / NAME
    if not mirror.exists():
        _git("init", "--quiet", "--bare", f"--initial-branch={BRANCH}", str(mirror))
    _git("--git-dir", str(mirror), "fetch", "--quiet", "--no-tags", str(checkout), "HEAD")
    with tempfile.TemporaryDirectory() as tmp:
        env = {"GIT_DIR": str(mirror), "GIT_WORK_TREE": str(checkout), "GIT_INDEX_FILE": f"{tmp}/index"}
        _git("read-tree", "FETCH_HEAD", env=env, cwd=checkout)
        # The working tree as `pip install .` of the hub environment saw it: new files too, not what is ignored.
        _git("add", "--all", env=env, cwd=checkout)
        tree = _git("write-tree", env=env, cwd=checkout)
    try:
        parent = _git("--git-dir", str(mirror), "rev-parse", "--verify", f"refs/heads/{BRANCH}")
    except RuntimeError:
        parent = _git("--git-dir", str(mirror), "rev-parse", "FETCH_HEAD")
    if _git("--git-dir", str(mirror), "rev-parse", f"{parent}^{{tree}}") == tree:
        commit = parent
    else:
        commit = _git(
            "--git-dir", str(mirror), "commit-tree", tree, "-p", parent, "-m", f"serverlab rehearsal: {message}"
        )
    _git("--git-dir", str(mirror), "update-ref", f"refs/heads/{BRANCH}", commit)
    return commit


def serve(git_root: Path, port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """`git daemon` on 127.0.0.1: read-only (it serves only fetches unless told otherwise), the mirror only."""
    with open(log, "ab") as out:
        daemon = subprocess.Popen(
            ["git", "daemon", "--reuseaddr", "--listen=127.0.0.1", f"--port={port}", f"--base-path={git_root}",
             "--export-all", "--informative-errors", "--strict-paths", str(git_root / NAME)],
            env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    deadline = Deadline(15)
    while deadline.running():
        if daemon.poll() is not None:
            raise SystemExit(f"git daemon exited at start ({daemon.returncode}); see {log}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return daemon
        time.sleep(0.1)
    daemon.kill()
    raise SystemExit(f"git daemon did not listen on 127.0.0.1:{port} in 15 s; see {log}")


def url(port: int) -> str:
    return f"git://127.0.0.1:{port}/{NAME}"
