"""Kernels over Unix sockets (ZeroMQ's ipc transport) where the socket paths fit, TCP otherwise.

With the default TCP transport every kernel takes five ports from the machine's ephemeral range,
the same range the course's servers and every other learner's kernels draw from (on a crowded
hub node two kernels died on "Address already in use"). With `KernelManager.transport = "ipc"`
the five channels are Unix sockets next to the kernel's connection file in the runtime folder:
no port at all. A Unix socket path is limited (108 bytes on Linux, 104 on macOS), and jupyter_client
names them `<runtime dir>/kernel-<uuid>-ipc-<n>`, so a deep home folder falls back to TCP.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

IPC_ARG = "--KernelManager.transport=ipc"
_LONGEST_PATH = 103  # macOS's 104 bytes less the terminating NUL (Linux allows 107)


def ipc_fits(runtime_dir: Path) -> bool:
    """True when the longest socket path jupyter_client would create in `runtime_dir` is short enough."""
    longest = Path(runtime_dir) / f"kernel-{uuid.UUID(int=0)}-ipc-9"  # channels are numbered 1-5
    return os.name == "posix" and len(os.fsencode(str(longest))) <= _LONGEST_PATH


def kernel_transport_args(runtime_dir: Path) -> list[str]:
    """The JupyterLab argument for IPC kernels, or none (TCP) where Unix sockets cannot be used."""
    return [IPC_ARG] if ipc_fits(runtime_dir) else []
