"""A real ``wstextract serve`` process for tests, and the proof that stopping it stops all."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (Linux /proc)."""
    found = []
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return found
    for child in map(int, children):
        found += [child, *descendants(child)]
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


STARTED: list[int] = []  # every process a Server started, for the end-of-run check


def leftovers() -> list[int]:
    """Processes started by a Server in this run that are still alive."""
    return [pid for pid in STARTED if alive(pid)]


class Server:
    """``wstextract serve --db DB`` on a free port, ready when its versions page answers."""

    def __init__(self, db: Path, *options: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "wstextract", "serve", "--db", str(db)]
        # a file, not a pipe: a pipe nobody reads fills up and stalls the server
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop)
        self.proc = subprocess.Popen(
            [*command, "--port", str(self.port), *options],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(150):
            try:
                urllib.request.urlopen(self.base + "/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            self.proc.kill()
            self.log.seek(0)
            pytest.fail(f"datasette did not start: {self.log.read().decode()[-2000:]}")
        self.children = descendants(self.proc.pid)
        STARTED.extend([self.proc.pid, *self.children])

    def stop(self) -> None:
        """SIGTERM to ``wstextract serve``, as a service manager sends it; then check that the
        Datasette it started is gone too and nothing listens on the port."""
        self.proc.terminate()
        self.proc.wait(timeout=15)
        self.log.close()
        for _ in range(50):
            if not listening(self.port) and not any(alive(c) for c in self.children):
                return
            time.sleep(0.1)
        left = [c for c in self.children if alive(c)]
        for c in left:
            os.kill(c, 9)
        pytest.fail(f"after SIGTERM, processes {left} were left; port {self.port} still served")


@contextlib.contextmanager
def served(db: Path, *options: str) -> Iterator[Server]:
    server = Server(db, *options)
    try:
        yield server
    finally:
        server.stop()
