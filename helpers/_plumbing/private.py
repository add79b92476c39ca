"""Folders and files in the shared temporary directory that only this Unix user can read.

On a shared JupyterHub node every learner's kernel writes to the same /tmp. Server logs (and the
modules an exercise writes) belong to one learner: folders are made 0700 and files 0600, and a
folder that already exists under our name is used only if it is a real directory (not a symlink)
that this user owns: another user who made it first, or planted a symlink there, would otherwise
read our logs or make us write where they choose.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from helpers import i18n

FOLDER_MODE = 0o700
FILE_MODE = 0o600


class UnsafeFolderError(RuntimeError):
    """A folder under our name exists but is not ours alone to use."""


def private_folder(path: Path) -> Path:
    """Create `path` (mode 0700), or accept it if it already is a directory owned by this user; returns it."""
    with contextlib.suppress(FileExistsError):  # then it must pass the checks below
        os.mkdir(path, FOLDER_MODE)
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise UnsafeFolderError(i18n.text(f"{path} exists but is not a plain folder (a symlink or a file): refusing "
                                          "to use it; remove it, or ask who made it"))  # fmt: skip
    if info.st_uid != os.geteuid():
        raise UnsafeFolderError(i18n.text(f"{path} belongs to another user (uid {info.st_uid}, you are "
                                          f"{os.geteuid()}): refusing to write there; remove it, or ask who made "
                                          "it"))  # fmt: skip
    if stat.S_IMODE(info.st_mode) != FOLDER_MODE:  # ours, but made wider (an older version, or a umask of 0)
        os.chmod(path, FOLDER_MODE, follow_symlinks=False)
    return path


def private_temp_folder(prefix: str) -> Path:
    """A new folder in the temporary directory with an unguessable name, mode 0700 (``tempfile.mkdtemp``)."""
    return private_folder(Path(tempfile.mkdtemp(prefix=prefix)))  # mkdtemp makes it 0700; checked anyway


def open_private_append(path: Path) -> int:
    """A file descriptor appending to `path`, created 0600; never follows a symlink at `path`."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(path, flags, FILE_MODE)
    if stat.S_IMODE(os.fstat(fd).st_mode) != FILE_MODE:  # an older file of ours, or a umask that took bits away
        os.fchmod(fd, FILE_MODE)
    return fd
