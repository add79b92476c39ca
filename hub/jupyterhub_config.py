"""JupyterHub configuration for the rehearsal hub; `python -m hub start` runs jupyterhub with it.

The class settings are the ones a teacher deploys: deploy/jupyterhub_config.d/serverlab.py, loaded as it is
(TLJH and Z2JH load the same file), with its SERVERLAB_* variables set by the hub command (class list,
teacher, course repository served from this checkout). Only what is local is overridden here: ports and
paths of the state folder, and the spawner (one Unix user per learner, as TLJH does).
"""

# ruff: noqa: F821  (JupyterHub runs this file with `c` and `load_subconfig` defined)
# mypy: ignore-errors
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hub.settings import HUB_RUN_VAR, SETTINGS_VAR, HubSettings
from hub.spawner import LearnerSpawner

settings = HubSettings.load(Path(os.environ[SETTINGS_VAR]))
state = Path(settings.state_dir)

load_subconfig(settings.class_config)  # the deployed class configuration, unchanged

# The hub, its proxy and every learner's server listen on 127.0.0.1 only.
c.JupyterHub.bind_url = settings.url
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings.hub_port
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
c.ConfigurableHTTPProxy.command = [settings.proxy_command]
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner's server
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

c.JupyterHub.spawner_class = LearnerSpawner
c.LearnerSpawner.isolated = settings.isolated
c.LearnerSpawner.homes_dir = str(state / "homes")
c.LearnerSpawner.prefix = settings.prefix
c.Spawner.cmd = [f"{settings.prefix}/bin/jupyterhub-singleuser"]
c.Spawner.environment = {HUB_RUN_VAR: settings.run_id}
# (LearnerSpawner adds the IPC kernel transport where the socket paths fit: no TCP port per kernel.)
c.Spawner.args = list(settings.spawner_args)
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
