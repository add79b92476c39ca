# The Littlest JupyterHub: copy to /opt/tljh/config/jupyterhub_config.d/serverlab.py, then
# `sudo tljh-config reload`. TLJH loads every .py file in that folder after its own config.
# ruff: noqa: F821  (JupyterHub runs this file with `c`, its config object, defined)
# mypy: ignore-errors

# Each learner gets a private /tmp: the course's servers write their logs there, and with one
# shared /tmp every learner could read (and fill) every other learner's.
c.SystemdSpawner.isolate_tmp = True
c.SystemdSpawner.isolate_devices = True
c.SystemdSpawner.disable_user_sudo = True
# Room for the course's process trees (measured: see deploy/README.md), and a ceiling per learner.
c.SystemdSpawner.unit_extra_properties = {"TasksMax": "200"}
# Kernels talk to their server over Unix sockets: they take no TCP port from the node's shared
# ephemeral range (two kernels once died on "Address already in use"). A Unix socket path must stay
# under ~100 bytes, too short for /home/jupyter-<a long name>/.local/share/jupyter/runtime/kernel-
# <uuid>-ipc-N, so the runtime folder goes to /tmp, which isolate_tmp makes private to each learner.
c.Spawner.args = ["--KernelManager.transport=ipc"]
c.Spawner.environment = {"JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime"}
# Open the course where it starts (nbgitpuller puts the repository at ~/serverlab).
c.Spawner.default_url = "/lab/tree/serverlab/notebooks/00_start_here.ipynb"
