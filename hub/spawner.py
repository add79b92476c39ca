"""LocalProcessSpawner for the rehearsal: learner `ann` runs as Unix user `jupyter-ann`, as on TLJH.

JupyterHub's LocalProcessSpawner runs a server as the Unix user named like the hub user. The
Littlest JupyterHub prefixes `jupyter-` instead, which keeps learners apart from the machine's own
accounts; this subclass does the same. The course reaches each learner as on a real hub: the class
config's default URL pulls it with nbgitpuller into ~/serverlab. Without root it cannot switch users:
every learner then runs as us, in a home folder of their own under the state folder, and learners are
not isolated from each other.
"""

from __future__ import annotations

import os
import pwd
from pathlib import Path
from typing import Any

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from traitlets import Bool, Unicode

from helpers._plumbing.kernel_ipc import ipc_fits, kernel_transport_args
from hub.settings import unix_name


class LearnerSpawner(LocalProcessSpawner):  # type: ignore[misc]
    isolated = Bool(True, config=True, help="one Unix user per learner (needs root)")
    homes_dir = Unicode("", config=True, help="where learners' home folders go when not isolated")
    prefix = Unicode("", config=True, help="the shared, read-only course environment")

    @property
    def unix_user(self) -> str:
        return unix_name(self.user.name, self.isolated)

    @property
    def home(self) -> Path:
        if self.isolated:
            return Path(pwd.getpwnam(self.unix_user).pw_dir)
        return Path(self.homes_dir) / str(self.user.name)

    def make_preexec_fn(self, name: str) -> Any:
        if self.isolated:
            return set_user_setuid(self.unix_user)
        home = str(self.home)
        return lambda: os.chdir(home)

    @property
    def runtime_dir(self) -> Path:
        """Jupyter's runtime folder (connection files, kernel sockets): a short one if the usual is too deep."""
        usual = self.home / ".local" / "share" / "jupyter" / "runtime"
        return usual if ipc_fits(usual) else self.home / ".jupyter-run"

    def get_args(self) -> list[str]:
        # Kernels over Unix sockets in the learner's runtime folder: no TCP port from the node's range.
        return [*kernel_transport_args(self.runtime_dir), *super().get_args()]

    def user_env(self, env: dict[str, str]) -> dict[str, str]:
        env["USER"] = env["LOGNAME"] = self.unix_user
        env["HOME"] = str(self.home)
        env["SHELL"] = "/bin/bash"
        env["PATH"] = f"{self.prefix}/bin:/usr/local/bin:/usr/bin:/bin"
        env["JUPYTER_RUNTIME_DIR"] = str(self.runtime_dir)
        return env

    async def start(self) -> Any:
        self.home.mkdir(parents=True, exist_ok=True)
        os.chmod(self.home, 0o700)  # learners on one machine: nobody reads another's work
        return await super().start()
