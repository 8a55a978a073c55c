"""Live reload under the Content-Security-Policy: an edit on disk shows in the open tab by itself.

Both development servers are started as an author starts them, on a free 127.0.0.1 port, in a
copy of the fixture portal; the test opens a page, edits the playbook and never navigates again.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.test_serve import edit, free_port, wait_until_served

OLD = "The first step is to listen."
NEW = "The first step is to listen before you answer."


@contextmanager
def development_server(project: Path, command: list[str]) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", *command, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_served(proc, url)
        yield url
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
        if "Traceback" in out:
            pytest.fail(out[-3000:])


@pytest.mark.parametrize(
    "command", [["cxportal.cli", "serve"], ["mkdocs", "serve"]], ids=["cxportal-serve", "mkdocs-serve"]
)
def test_an_edited_playbook_shows_in_the_open_tab_by_itself(page, fixture_project: Path, command: list[str]):
    blocked: list[str] = []
    page.on("console", lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None)
    with development_server(fixture_project, command) as url:
        page.goto(url + "playbooks/alpha/")
        paragraph = page.locator("article p", has_text="The first step is to listen")
        assert paragraph.inner_text().startswith(OLD)
        # The page keeps the strict policy under serve too: no inline script is allowed wholesale.
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        page.wait_for_timeout(500)  # the tab is waiting on the server's poll
        marker = page.evaluate("() => (window.__cxSameTab = true)")
        edit(fixture_project / "playbooks" / "alpha.md", OLD, NEW)
        page.locator("article p", has_text=NEW).wait_for(timeout=60_000)
        # The tab reloaded itself (a reload clears the window's state); the test never navigated.
        assert marker and page.evaluate("() => window.__cxSameTab") is None
        assert page.url == url + "playbooks/alpha/"


def test_a_portal_made_by_cxportal_init_reloads_under_mkdocs_serve(page, tmp_path: Path):
    project = tmp_path / "riverside"
    made = subprocess.run(
        [sys.executable, "-m", "cxportal.cli", "init", str(project), "--name", "Riverside onboarding"],
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    old, new = "Nobody expects you to know everything yet.", "Nobody expects you to know it all in week one."
    with development_server(project, ["mkdocs", "serve"]) as url:
        page.goto(url + "playbooks/welcome/")
        assert page.locator("article p", has_text=old).count() == 1
        page.wait_for_timeout(500)
        edit(project / "playbooks" / "welcome.md", old, new)
        page.locator("article p", has_text=new).wait_for(timeout=60_000)
