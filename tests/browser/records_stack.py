"""The real learning-records stack on 127.0.0.1, started and stopped by the tests (docs/records.md).

Ralph (the LRS, from PyPI, file-system backend) with one account per person made by `ralph auth`,
and Debian's nginx running cxportal/deploy/nginx-records.conf: HTTP Basic sign-in, the built site,
/whoami and the /lrs/ proxy that adds the person's LRS credential.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.ralph import RALPH_FS_FIX, free_port

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "cxportal" / "deploy" / "nginx-records.conf"
MAIL_DOMAIN = "cx.intranet.example"
REPORTER = ("reporter", "reporter-secret")  # reads statements back, straight from Ralph: never through nginx


@dataclass(frozen=True)
class Person:
    user: str
    password: str
    name: str

    @property
    def mbox(self) -> str:
        return f"mailto:{self.user}@{MAIL_DOMAIN}"

    @property
    def lrs_user(self) -> str:
        return f"{self.user}-lrs"

    @property
    def lrs_password(self) -> str:
        return f"{self.user}-lrs-secret"


def _ralph() -> str:
    ralph = Path(sys.executable).parent / "ralph"
    if not ralph.exists():
        pytest.fail("Ralph is missing: run `make test`, which installs ralph-malph[cli,lrs] (pyproject's test extra)")
    return str(ralph)


def _wait_for(url: str, process: subprocess.Popen, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return  # it answers (401 without credentials is an answer)
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer at {url} within {timeout} s")


def _stop(process: subprocess.Popen) -> None:
    """Stops a process started in its own session, with everything it started (Ralph's reloader)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


class Ralph:
    """Ralph's LRS with the file-system backend in `folder`; start() and stop() keep its statements."""

    def __init__(self, folder: Path, people: list[Person]) -> None:
        self.folder = folder
        self.port = free_port()
        self.env = {
            **os.environ,
            "RALPH_APP_DIR": str(folder / "app"),
            "RALPH_AUTH_FILE": str(folder / "app" / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            # Appends to the statements file instead of creating it once (see tests/ralph_fs/sitecustomize.py).
            "PYTHONPATH": str(RALPH_FS_FIX),
        }
        (folder / "app").mkdir(parents=True, exist_ok=True)
        (folder / "data").mkdir(exist_ok=True)
        accounts = [(p.lrs_user, p.lrs_password, p.mbox, p.name) for p in people]
        accounts.append((*REPORTER, f"mailto:reporter@{MAIL_DOMAIN}", "Training report"))
        for user, password, mbox, name in accounts:
            subprocess.run(
                [_ralph(), "auth", "-u", user, "-p", password, "-s", "all", "-M", mbox, "-N", name, "-w"],
                env=self.env,
                check=True,
                capture_output=True,
                timeout=60,
            )
        self.process: subprocess.Popen | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [_ralph(), "runserver", "-b", "fs", "-h", "127.0.0.1", "-p", str(self.port)]
            + ["--fs-default-directory-path", str(self.folder / "data")],
            cwd=self.folder,
            env=self.env,
            stdout=open(self.folder / "ralph.log", "ab"),  # noqa: SIM115 - the child keeps it
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        _wait_for(f"http://{self.address}/__heartbeat__", self.process, "Ralph")

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None

    def _get(self, path: str) -> dict:
        token = base64.b64encode(f"{REPORTER[0]}:{REPORTER[1]}".encode()).decode()
        request = urllib.request.Request(
            f"http://{self.address}{path}",
            headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def statements(self) -> list[dict]:
        """Every stored statement, read back through Ralph's statements API (following `more`)."""
        out: list[dict] = []
        path = "/xAPI/statements?limit=500"
        while path:
            page = self._get(path)
            out += page["statements"]
            more = page.get("more") or ""
            path = more if more.startswith("/") else ""
        return out

    def put(self, statement: dict, person: Person) -> int:
        """PUT one statement straight to Ralph as `person` (the test's stand-in for a lost answer)."""
        token = base64.b64encode(f"{person.lrs_user}:{person.lrs_password}".encode()).decode()
        request = urllib.request.Request(
            f"http://{self.address}/xAPI/statements?statementId={statement['id']}",
            data=json.dumps(statement).encode(),
            method="PUT",
            headers={
                "Authorization": f"Basic {token}",
                "Content-Type": "application/json",
                "X-Experience-API-Version": "1.0.3",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def _nginx() -> str:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx is missing: run `make test`, which installs Debian's nginx-light (make browser-deps)")
    return nginx


def nginx_config(site: Path, run: Path, port: int, lrs: str, people: list[Person]) -> str:
    """cxportal/deploy/nginx-records.conf with this deployment's values."""
    htpasswd = run / "htpasswd"
    htpasswd.write_text(
        "".join(
            f"{p.user}:{{SHA}}{base64.b64encode(hashlib.sha1(p.password.encode()).digest()).decode()}\n" for p in people
        )
    )
    accounts = "".join(
        f'        {p.user} "Basic {base64.b64encode(f"{p.lrs_user}:{p.lrs_password}".encode()).decode()}";\n'
        for p in people
    )
    names = "".join(f'        {p.user} "{p.name}";\n' for p in people)
    values = {
        "@USER@": getpass.getuser(),
        "@RUN@": str(run),
        "@HOST@": "127.0.0.1",
        "@PORT@": str(port),
        "@HTPASSWD@": str(htpasswd),
        "@SITE@": str(site),
        "@LRS@": lrs,
        "@MAIL_DOMAIN@": MAIL_DOMAIN,
        "@LRS_ACCOUNTS@\n": accounts,
        "@NAMES@\n": names,
    }
    text = NGINX_CONF.read_text("utf-8")
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    left = re.findall(r"@[A-Z_]+@", text)
    assert not left, f"placeholders left in the nginx configuration: {left}"
    return text


@contextmanager
def nginx(site: Path, run: Path, lrs: str, people: list[Person]) -> Iterator[str]:
    """nginx serving `site` with sign-in, /whoami and /lrs/ → `lrs`; yields its base URL."""
    run.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = run / "nginx.conf"
    conf.write_text(nginx_config(site, run, port, lrs, people))
    process = subprocess.Popen(
        [_nginx(), "-c", str(conf), "-p", str(run), "-e", str(run / "error.log"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=open(run / "stderr.log", "ab"),  # noqa: SIM115 - the child keeps it
        start_new_session=True,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/", process, "nginx")
        yield f"http://127.0.0.1:{port}/"
    finally:
        _stop(process)
