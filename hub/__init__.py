"""A local JupyterHub for rehearsing a class: `make hub LEARNERS=3`, stopped by `make hub-stop` or Ctrl-C.

    python -m hub start --learners 3   # real JupyterHub + configurable-http-proxy on 127.0.0.1
    python -m hub stop                 # stop the hub, the proxy, every learner's server, remove the accounts

As root each learner is a real Unix user `jupyter-<name>` (as The Littlest JupyterHub makes them)
with their own copy of the notebooks; the course environment is shared and read-only.
"""
