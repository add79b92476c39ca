"""Kernels use Unix sockets only where the socket paths fit (else TCP, which always works)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers._plumbing.kernel_ipc import IPC_ARG, ipc_fits, kernel_transport_args


@pytest.mark.skipif(os.name != "posix", reason="Unix sockets")
def test_a_usual_runtime_folder_gets_ipc_kernels() -> None:
    assert kernel_transport_args(Path("/home/ann/.local/share/jupyter/runtime")) == [IPC_ARG]


def test_a_deep_runtime_folder_falls_back_to_tcp() -> None:
    deep = Path("/tmp") / ("x" * 60) / ".local" / "share" / "jupyter" / "runtime"
    assert not ipc_fits(deep)
    assert kernel_transport_args(deep) == []
