"""serverlab's class configuration: ONE JupyterHub config snippet for every hub that teaches the course.

Loaded as it is by
  - The Littlest JupyterHub: copy it to /opt/tljh/config/jupyterhub_config.d/serverlab.py, `tljh-config reload`;
  - Zero to JupyterHub:      helm ... --set-file hub.extraConfig.serverlab=deploy/jupyterhub_config.d/serverlab.py;
  - the rehearsal (`make hub`): hub/jupyterhub_config.py loads it, then overrides only what is local
    (ports, paths, its spawner) and sets the SERVERLAB_* variables below in the hub's environment.
It runs with `c` (JupyterHub's config) defined, on JupyterHub 5.x, and needs jupyterhub-nativeauthenticator
and jupyterhub-idle-culler in the hub's environment (pyproject's `hub` extra).

What a teacher sets: edit the defaults below, or set the environment variable of the same name for the hub
(Z2JH: hub.extraEnv). The hub refuses to start, naming the setting, when the class list is empty (nobody
could log in: JupyterHub 5's `allow_all` is False and NativeAuthenticator never sets it) or the course
repository is missing (learners would land in an empty home).

  SERVERLAB_CLASS               the class list: learner names, separated by commas, spaces or new lines
  SERVERLAB_TEACHER             the teacher's (admin) account name
  SERVERLAB_TEACHER_PASSWORD_HASH  NativeAuthenticator: the teacher's password as a bcrypt hash, made with
                                `python -c "import bcrypt,getpass; print(bcrypt.hashpw(getpass.getpass().encode(),
                                bcrypt.gensalt()).decode())"` (the account exists with it from the first start)
  SERVERLAB_SIGN_IN             "native" (each learner signs up once with a password of their own) or
                                "shared-password" (workshop: one password for the class, no sign-up)
  SERVERLAB_SHARED_PASSWORD     shared-password: the learners' password (8+ characters)
  SERVERLAB_TEACHER_PASSWORD    shared-password: the teacher's password (32+ characters, JupyterHub's rule)
  SERVERLAB_COURSE_REPO         the git URL nbgitpuller pulls the course from
  SERVERLAB_COURSE_BRANCH       its branch (default main)
  SERVERLAB_CULL_IDLE_S         stop a learner's server idle this long (only where the platform runs no culler)

Why a teacher account created this way: NativeAuthenticator authorizes at sign-up whoever signs up under an
admin name, so "the first to sign up as the teacher" would become admin. Here sign-up is refused for admin
names and for names not on the class list; the teacher's account is written from the hash at every start.
"""

# ruff: noqa: F821  (JupyterHub runs this file with `c`, its config object, defined)
# mypy: ignore-errors
import importlib.util
import os
import re
import sys
from urllib.parse import quote, urlencode

# ---- what a teacher sets -------------------------------------------------------------------------------
CLASS = os.environ.get("SERVERLAB_CLASS", "")
TEACHER = os.environ.get("SERVERLAB_TEACHER", "teacher")
TEACHER_PASSWORD_HASH = os.environ.get("SERVERLAB_TEACHER_PASSWORD_HASH", "")
SIGN_IN = os.environ.get("SERVERLAB_SIGN_IN", "native")
SHARED_PASSWORD = os.environ.get("SERVERLAB_SHARED_PASSWORD", "")
TEACHER_PASSWORD = os.environ.get("SERVERLAB_TEACHER_PASSWORD", "")
COURSE_REPO = os.environ.get("SERVERLAB_COURSE_REPO", "")
COURSE_BRANCH = os.environ.get("SERVERLAB_COURSE_BRANCH", "main")
CULL_IDLE_S = int(os.environ.get("SERVERLAB_CULL_IDLE_S", "3600"))
# ---------------------------------------------------------------------------------------------------------

# Where the course lands in each learner's home, whatever the repository is called, and the page they open.
TARGET_PATH = "serverlab"
FIRST_NOTEBOOK = f"lab/tree/{TARGET_PATH}/notebooks/00_start_here.ipynb"


def course_link_query(repo: str, branch: str) -> str:
    """nbgitpuller's query: clone into ~/serverlab on first visit, merge the teacher's fixes on later ones."""
    return urlencode({"repo": repo, "branch": branch, "targetpath": TARGET_PATH, "urlpath": FIRST_NOTEBOOK},
                     quote_via=quote, safe="")  # fmt: skip


class_list = {name for name in re.split(r"[\s,]+", CLASS) if name}


def _refuse_to_lock_everyone_out(authenticator):
    """JupyterHub 5 lets in only allowed_users (and admins) unless allow_all: an empty list is a locked hub."""
    if not authenticator.allow_all and not authenticator.allowed_users:
        raise SystemExit(
            "serverlab: nobody could log in to this hub: the class list is empty and allow_all is False "
            "(JupyterHub 5). Set SERVERLAB_CLASS (or CLASS in jupyterhub_config.d/serverlab.py) to the learners' "
            "names, or set c.Authenticator.allowed_users."
        )


if SIGN_IN == "native":
    from nativeauthenticator import NativeAuthenticator
    from nativeauthenticator.orm import UserInfo

    class ClassNativeAuthenticator(NativeAuthenticator):
        """NativeAuthenticator for a class: only class-list names sign up; admins never sign up, they are seeded."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._seed_teacher()

        def _seed_teacher(self):
            if not TEACHER_PASSWORD_HASH:
                self.log.error("serverlab: SERVERLAB_TEACHER_PASSWORD_HASH is unset: the teacher cannot log in")
                return
            info = UserInfo.find(self.db, TEACHER)
            if info is None:
                self.db.add(UserInfo(username=TEACHER, password=TEACHER_PASSWORD_HASH.encode(), is_authorized=True))
            else:
                info.password, info.is_authorized = TEACHER_PASSWORD_HASH.encode(), True
            self.db.commit()

        def create_user(self, username, password, **kwargs):
            name = self.normalize_username(username)
            if name in self.admin_users or name not in self.allowed_users:
                self.log.warning(f"serverlab: sign-up refused for {name!r} (an admin name, or not on the class list)")
                return None
            return super().create_user(username, password, **kwargs)

        def check_allow_config(self):
            super().check_allow_config()
            _refuse_to_lock_everyone_out(self)

    c.JupyterHub.authenticator_class = ClassNativeAuthenticator
    # Sign-up is open only in name: create_user above refuses every name not on the class list, so a learner
    # on the list is authorized at once and reads "The signup was successful" (not "sent to the admin").
    c.NativeAuthenticator.open_signup = True
elif SIGN_IN == "shared-password":
    from jupyterhub.authenticators.shared import SharedPasswordAuthenticator

    class ClassSharedPasswordAuthenticator(SharedPasswordAuthenticator):
        """The workshop option: one password for the class list, a separate long one for the teacher."""

        def check_allow_config(self):
            super().check_allow_config()
            _refuse_to_lock_everyone_out(self)

    c.JupyterHub.authenticator_class = ClassSharedPasswordAuthenticator
    c.SharedPasswordAuthenticator.user_password = SHARED_PASSWORD
    if TEACHER_PASSWORD:
        c.SharedPasswordAuthenticator.admin_password = TEACHER_PASSWORD
else:
    raise SystemExit(f"serverlab: SERVERLAB_SIGN_IN is {SIGN_IN!r}: use 'native' or 'shared-password'")

# The class list, and the teacher as the one admin (JupyterHub 5 adds admins to a non-empty allowed set).
# Added to, not replacing, what the platform set (tljh-config users.allowed / users.admin, Z2JH hub.config):
# TLJH loads this file with load_subconfig, where `c` starts empty and is merged in afterwards.
c.Authenticator.allowed_users.update(class_list)
c.Authenticator.admin_users.add(TEACHER)

# Content: the learner's files live in their home (persistent on TLJH and on Z2JH's volume), rooted there
# whatever the image's working directory is; the first page pulls the course with nbgitpuller (clone once,
# then merge the teacher's fixes at every start) and opens notebook 00 of that copy.
if not COURSE_REPO:
    raise SystemExit("serverlab: SERVERLAB_COURSE_REPO is unset: the git URL nbgitpuller pulls the course from")
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/git-pull?" + course_link_query(COURSE_REPO, COURSE_BRANCH)

# Idle culling with jupyterhub-idle-culler, as TLJH and Z2JH run it: added only where the platform
# does not already run one (TLJH: `tljh-config set services.cull.timeout`; Z2JH: `cull.timeout`). TLJH's
# culler is configured before its config.d files load and invisible here, so TLJH is recognised by its package.
_visible = list(c.JupyterHub.services) if "services" in c.JupyterHub else []
_tljh = importlib.util.find_spec("tljh")  # a real package; a folder named tljh on sys.path is no TLJH
_platform_culls = (_tljh is not None and _tljh.origin is not None) or any(
    "idle_culler" in " ".join(map(str, service.get("command", []))) for service in _visible
)
if not _platform_culls:
    c.JupyterHub.services.append(
        {
            "name": "idle-culler",
            "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={CULL_IDLE_S}"],
        }
    )
    c.JupyterHub.load_roles.append(
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        }
    )
