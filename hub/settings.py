"""What one rehearsal hub needs to know, written to its state folder as JSON.

The rehearsal command writes it; jupyterhub_config.py (run by JupyterHub) and `python -m hub stop`
read it, so a second terminal can stop what the first one started.
"""

from __future__ import annotations

import json
import os
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
    password: str
    learners: list[str]
    isolated: bool  # True: one Unix user per learner (root); False: one Unix user, a home folder each
    prefix: str  # the shared course environment (sys.prefix of the Python running the hub)
    proxy_command: str
    course_root: str  # the checkout whose notebooks each learner gets a copy of
    spawner_args: list[str] = field(default_factory=list)
    created_users: list[str] = field(default_factory=list)
    pid: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def path(self) -> Path:
        return Path(self.state_dir) / "settings.json"

    def save(self) -> None:
        Path(self.state_dir).mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2) + "\n")
        os.chmod(tmp, 0o600)  # holds the learners' password
        tmp.replace(self.path)

    @classmethod
    def load(cls, path: Path) -> HubSettings:
        return cls(**json.loads(path.read_text()))


def unix_name(learner: str, isolated: bool) -> str:
    """The Unix account a learner's processes run as: `jupyter-<name>` as on TLJH, or ourselves."""
    if isolated:
        return f"jupyter-{learner}"
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name
