# The Littlest JupyterHub only: what SystemdSpawner needs on top of the class configuration.
# Copy it beside deploy/jupyterhub_config.d/serverlab.py into /opt/tljh/config/jupyterhub_config.d/, then
# `sudo tljh-config reload`. TLJH loads that folder's .py files in sorted order after its own config
# (load_subconfig: each file gets an empty `c`, merged in afterwards), so this one ("serverlab_tljh.py")
# comes after "serverlab.py"; it adds to lists and dicts (lazy append/update) rather than replacing them.
# ruff: noqa: F821  (JupyterHub runs this file with `c`, its config object, defined)
# mypy: ignore-errors

# Each learner gets a private /tmp: the course's servers write their logs there, and with one
# shared /tmp every learner could read (and fill) every other learner's.
c.SystemdSpawner.isolate_tmp = True
c.SystemdSpawner.isolate_devices = True

# Properties of each learner's systemd unit (systemd-run --property, systemd.resource-control(5)):
#  - TasksMax counts tasks, that is threads, not processes: a ceiling per learner well above the
#    course's measured peak (deploy/README.md, "Sizing"), so a runaway experiment cannot exhaust the node.
#  - OOMPolicy=continue: when the kernel's OOM killer kills one process of the unit at its MemoryMax
#    (`tljh-config set limits.memory`), the unit keeps running: the learner loses that kernel or lab
#    server, not their JupyterLab. systemd's default is DefaultOOMPolicy=stop (systemd.service(5)), which
#    would stop the whole server; SystemdSpawner >= 0.17 already passes continue, said here so it holds.
c.SystemdSpawner.unit_extra_properties.update({"TasksMax": "512", "OOMPolicy": "continue"})

# Kernels talk to their server over Unix sockets: they take no TCP port from the node's shared
# ephemeral range (two kernels once died on "Address already in use"). A Unix socket path must stay
# under ~100 bytes, too short for /home/jupyter-<a long name>/.local/share/jupyter/runtime/kernel-
# <uuid>-ipc-N, so the runtime folder goes to /tmp, which isolate_tmp makes private to each learner.
c.Spawner.args.append("--KernelManager.transport=ipc")
c.Spawner.environment.update({"JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime"})
