"""A local JupyterHub for rehearsing a class: `make hub LEARNERS=3`, stopped by `make hub-stop` or Ctrl-C.

    python -m hub start --learners 3   # real JupyterHub + configurable-http-proxy on 127.0.0.1
    python -m hub stop                 # stop the hub, the proxy, every learner's server, remove the accounts
    python -m hub publish              # push a fix to all: the checkout, as it is now, to the course repository

It runs the class configuration a teacher deploys on TLJH and Z2JH (deploy/jupyterhub_config.d/serverlab.py):
learners on the class list sign up with NativeAuthenticator (or, SIGN_IN=shared-password, share a password),
the teacher is the seeded admin, and the class link (nbgitpuller) clones the course into ~/serverlab from
git://127.0.0.1:<port>/serverlab.git, a mirror of this checkout, and opens notebook 00. As root each learner
is a real Unix user `jupyter-<name>` (as The Littlest JupyterHub makes them) with a 0700 home; the course
environment is shared and read-only.
"""
