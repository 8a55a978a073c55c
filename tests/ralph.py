"""A real LRS for tests: Ralph (`ralph-malph[cli,lrs]` from PyPI) with its file-system backend on 127.0.0.1.

Started (`ralph runserver --backend fs`, as a user runs it) by the test that needs it and stopped
afterwards. Users are written straight into Ralph's credentials file (the format `ralph auth -w` writes), with one bcrypt hash of low cost
shared by all, so a cohort of hundreds of people signs in without hashing a password per person.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "not-a-secret"
# Ralph 5.1's file-system backend refuses every write after its first ("already exists"): its processes
# load tests/ralph_fs/sitecustomize.py, which makes it append; the records browser tests start it too.
RALPH_FS_FIX = Path(__file__).parent / "ralph_fs"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Lrs:
    url: str  # the xAPI root, ending in /xAPI/
    folder: Path

    def post(self, user: str, statements: list[dict]) -> int:
        """POST a batch of statements as `user` (whose password is PASSWORD); the HTTP status."""
        request = urllib.request.Request(
            self.url + "statements",
            data=json.dumps(statements).encode(),
            method="POST",
            headers={"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3", **basic(user)},
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status
        except urllib.error.HTTPError as e:
            return e.code


def basic(user: str, password: str = PASSWORD) -> dict[str, str]:
    import base64

    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def write_users(auth_file: Path, users: dict[str, str]) -> None:
    """{username: mbox} as Ralph users with PASSWORD and every scope."""
    import bcrypt

    hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    auth_file.write_text(
        json.dumps(
            [
                {"agent": {"mbox": mbox, "objectType": "Agent"}, "scopes": ["all"], "hash": hashed, "username": name}
                for name, mbox in users.items()
            ]
        ),
        "utf-8",
    )


@contextmanager
def running_ralph(folder: Path, users: dict[str, str], page_size: int = 1000) -> Iterator[Lrs]:
    """Ralph serving the statements API on a free loopback port until the block ends."""
    folder.mkdir(parents=True, exist_ok=True)
    auth = folder / "auth.json"
    write_users(auth, users)
    port = free_port()
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(folder / "app"),
        "RALPH_AUTH_FILE": str(auth),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": str(page_size),
        "PYTHONPATH": str(RALPH_FS_FIX),
    }
    ralph = Path(sys.executable).parent / "ralph"
    if not ralph.exists():
        raise RuntimeError("Ralph is not installed: run `make test`, which installs ralph-malph[cli,lrs]")
    log = (folder / "ralph.log").open("w")
    process = subprocess.Popen(
        [str(ralph), "runserver", "-b", "fs", "-h", "127.0.0.1", "-p", str(port)]
        + ["--fs-default-directory-path", str(folder / "data")],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=folder,
        start_new_session=True,  # so that stopping it stops its reloader's child too
    )
    url = f"http://127.0.0.1:{port}/xAPI/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/__heartbeat__", timeout=2).close()
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("Ralph did not start:\n" + (folder / "ralph.log").read_text()[-2000:]) from None
                time.sleep(0.2)
        yield Lrs(url, folder)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()
