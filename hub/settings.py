"""What one rehearsal hub needs to know, written to its state folder as JSON.

The rehearsal command writes it; jupyterhub_config.py (run by JupyterHub) and `python -m hub stop`
read it, so a second terminal can stop what the first one started. The command runs as root: it reads
the file only if the file and its folder belong to it and nobody else can write them (a learner must not
be able to point root at a PID or path), and it signals the recorded PID only if that process is still the
hub command it recorded (same start time).
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STATE = ROOT / ".hub"
SETTINGS_VAR = "SERVERLAB_HUB_SETTINGS"
# Every process of one rehearsal (hub, proxy, learners' servers, kernels, lab servers) inherits it.
HUB_RUN_VAR = "SERVERLAB_HUB_RUN"


@dataclass
class HubSettings:
    run_id: str
    state_dir: str
    port: int
    hub_port: int
    proxy_api_port: int
    password: str  # the learners' password in the rehearsal (native: what the test signs up with)
    learners: list[str]
    isolated: bool  # True: one Unix user per learner (root); False: one Unix user, a home folder each
    prefix: str  # the shared course environment (sys.prefix of the Python running the hub)
    proxy_command: str
    course_root: str  # the checkout learners get (through the course mirror and nbgitpuller)
    class_config: str = ""  # deploy/jupyterhub_config.d/serverlab.py of the checkout: what a teacher deploys
    course_repo: str = ""  # the git URL learners pull the course from (git daemon on 127.0.0.1)
    sign_in: str = "native"  # the class config's SERVERLAB_SIGN_IN
    teacher: str = "teacher"
    teacher_password: str = ""
    spawner_args: list[str] = field(default_factory=list)
    created_users: list[str] = field(default_factory=list)
    pid: int = 0
    pid_started: float = 0.0  # psutil's create_time of `pid`: a reused PID is not our hub command

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def path(self) -> Path:
        return Path(self.state_dir) / "settings.json"

    def save(self) -> None:
        Path(self.state_dir).mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        # Created afresh, 0600 (it holds passwords), never through a link someone left in its place.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(json.dumps(asdict(self), indent=2) + "\n")
        tmp.replace(self.path)

    @classmethod
    def load(cls, path: Path) -> HubSettings:
        check_ours(path.parent)
        check_ours(path)
        return cls(**json.loads(path.read_text()))

    def command_alive(self) -> bool:
        """The recorded hub command still runs (the same process: PID and start time both match)."""
        import psutil

        try:
            proc = psutil.Process(self.pid)
            return bool(abs(proc.create_time() - self.pid_started) < 0.05 and proc.status() != psutil.STATUS_ZOMBIE)
        except (psutil.Error, ValueError):
            return False


class UnsafeSettingsError(SystemExit):
    pass


def check_ours(path: Path) -> None:
    """Refuse a settings file (or its folder) that is a link, not ours, or writable by others."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise UnsafeSettingsError(
            f"serverlab hub: refusing {path}: a link, owned by uid {info.st_uid} (we are {os.geteuid()}), "
            f"or writable by others (mode {stat.S_IMODE(info.st_mode):o}); remove it by hand if it is stale"
        )


def unix_name(learner: str, isolated: bool) -> str:
    """The Unix account a learner's processes run as: `jupyter-<name>` as on TLJH, or ourselves."""
    if isolated:
        return f"jupyter-{learner}"
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name
