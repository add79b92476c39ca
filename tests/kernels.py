"""A real Jupyter kernel driven from tests: run code, interrupt, restart, SIGKILL, find its servers."""

from __future__ import annotations

import os
import queue
import signal
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import psutil
from jupyter_client.manager import KernelManager

from tests.nbrun import NB_RUN_VAR, processes_with


@dataclass
class Reply:
    status: str
    seconds: float
    stdout: str = ""
    error: str = ""
    outputs: list[dict[str, Any]] = field(default_factory=list)


class LabKernel:
    """One python3 kernel whose servers all carry a unique SERVERLAB_NB_RUN value."""

    def __init__(self, cwd: str | None = None) -> None:
        self.token = uuid.uuid4().hex
        self.manager = KernelManager(kernel_name="python3")
        env = {**os.environ, NB_RUN_VAR: self.token, "MPLBACKEND": "Agg"}
        self.manager.start_kernel(env=env, cwd=cwd)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=60)

    @property
    def pid(self) -> int:
        return int(self.manager.provisioner.pid)  # type: ignore[union-attr]

    def execute(self, code: str) -> str:
        """Send code and return its message id without waiting."""
        return str(self.client.execute(code, store_history=False))

    def _messages(self, msg_id: str, timeout_s: float) -> Iterator[dict[str, Any]]:
        """The cell's iopub messages (type, content) as they arrive, until `timeout_s` has passed."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                msg = self.client.get_iopub_msg(timeout=max(0.05, deadline - time.monotonic()))
            except queue.Empty:
                return
            if msg["parent_header"].get("msg_id") == msg_id:
                yield msg

    def wait(self, msg_id: str, timeout_s: float) -> Reply:
        """Collect output until the kernel is idle again for `msg_id`."""
        began = time.monotonic()
        reply = Reply(status="timeout", seconds=timeout_s)
        for msg in self._messages(msg_id, timeout_s):
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                reply.stdout += content["text"]
            elif kind == "error":
                reply.error = f"{content['ename']}: {content['evalue']}"
            elif kind in ("display_data", "execute_result"):
                reply.outputs.append(content["data"])
            elif kind == "status" and content["execution_state"] == "idle":
                reply.status = "error" if reply.error else "ok"
                reply.seconds = time.monotonic() - began
                return reply
        return reply

    def wait_for_stdout(self, msg_id: str, text: str, timeout_s: float) -> None:
        """Wait until the cell `msg_id` prints `text`: the event that it reached that line."""
        for msg in self._messages(msg_id, timeout_s):
            if msg["msg_type"] == "stream" and text in msg["content"]["text"]:
                return
            ended = msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"
            if msg["msg_type"] == "error" or ended:
                raise AssertionError(f"the cell ended before it printed {text!r}: {msg['content']}")
        raise AssertionError(f"the cell did not print {text!r} within {timeout_s} s")

    def run(self, code: str, timeout_s: float = 120) -> Reply:
        return self.wait(self.execute(code), timeout_s)

    def interrupt(self) -> None:
        self.manager.interrupt_kernel()

    def sigkill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)

    def servers_alive(self) -> list[int]:
        """Processes started from this kernel, except its watchdog (which lives as long as the kernel)."""
        alive = []
        for proc in processes_with(NB_RUN_VAR, self.token):
            try:
                if proc.pid != self.pid and "helpers._plumbing.watchdog" not in " ".join(proc.cmdline()):
                    alive.append(proc.pid)
            except psutil.Error:
                continue
        return alive

    def wait_servers_gone(self, timeout_s: float) -> float:
        began = time.monotonic()
        while self.servers_alive():
            if time.monotonic() - began > timeout_s:
                left = [" ".join(psutil.Process(p).cmdline())[:100] for p in self.servers_alive()]
                raise AssertionError(f"servers still alive after {timeout_s} s: {left}")
            time.sleep(0.05)
        return time.monotonic() - began

    def shutdown(self) -> None:
        self.client.stop_channels()
        if self.manager.is_alive():
            self.manager.shutdown_kernel(now=False)
        self.manager.cleanup_resources()
