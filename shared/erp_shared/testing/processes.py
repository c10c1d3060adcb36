"""Real OS processes for tests: workers and APIs started as they run in production, and killed for real."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from .waiting import wait_until


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ManagedProcess:
    def __init__(self, name: str, argv: list[str], env: dict, log_dir: Path):
        self.name = name
        self.argv = argv
        self.env = env
        self.log_path = log_dir / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> "ManagedProcess":
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.argv, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        log.close()
        return self

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal(self, sig: int) -> None:
        if self.alive:
            os.kill(self.process.pid, sig)

    def kill(self) -> None:
        """SIGKILL: no cleanup, exactly like a crash."""
        if self.alive:
            self.process.kill()
            self.process.wait(10)

    def stop(self, timeout: float = 20) -> int | None:
        if self.process is None:
            return None
        if self.alive:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        return self.process.returncode

    def wait_exit(self, timeout: float = 30) -> int:
        return self.process.wait(timeout)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def python_module(module: str, *args: str) -> list[str]:
    return [sys.executable, "-m", module, *args]


def gunicorn(app: str, port: int, workers: int = 1) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "-c", "python:erp_shared.web.gunicorn_conf",
            "--workers", str(workers), "--bind", f"127.0.0.1:{port}", app]


def wait_for_http(url: str, timeout: float = 30) -> None:
    import requests

    def up():
        try:
            return requests.get(url, timeout=1).status_code < 500
        except requests.RequestException:
            return False
    wait_until(up, timeout=timeout, message=f"{url} did not come up")
