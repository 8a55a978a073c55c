"""Browser fixtures: the built site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

Never downloads a browser: Playwright launches /usr/bin/chromium. Every request
the browser makes is recorded so tests can prove the site never leaves the host.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Base URL (with trailing slash) of `folder` served on loopback while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@contextmanager
def built_and_served(project: Path) -> Iterator[str]:
    """A project built strictly into its site/ folder, then served (see `served`)."""
    from tests.conftest import build_in_process

    result = build_in_process(project)
    assert result.returncode == 0, result.stdout + result.stderr
    with served(project / "site") as url:
        yield url


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (with trailing slash) of the built portal served on loopback."""
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class RequestLog:
    """Every URL the page requested, to check that nothing leaves 127.0.0.1."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def external(self) -> list[str]:
        return [
            u
            for u in self.urls
            if urlparse(u).scheme in ("http", "https", "ws", "wss")
            and urlparse(u).hostname not in ("127.0.0.1", "localhost")
        ]


@pytest.fixture
def context(browser):
    """A fresh browser profile per test: empty localStorage, clipboard permission granted."""
    ctx = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    yield ctx
    ctx.close()


@pytest.fixture
def requests_log(context) -> RequestLog:
    log = RequestLog()
    context.on("request", lambda request: log.urls.append(request.url))
    return log


@pytest.fixture
def page(context, requests_log):
    """A page whose console errors fail the test: a broken script must not pass silently."""
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    assert not errors, f"JavaScript errors on the page: {errors}"


def inject_axe(page) -> None:
    """axe-core into the page, through the DevTools protocol: the page's Content-Security-Policy
    refuses an inline <script> with axe in it, as it should."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test`, which installs it from the npm registry")
    page.evaluate("(source) => { (0, eval)(source); }", AXE.read_text("utf-8"))


def run_axe(page) -> list[dict]:
    """axe-core's violations on the current page (axe from the npm registry, injected locally)."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test`, which installs it from the npm registry")
    inject_axe(page)
    # Material fades its tabs and header in: on a busy machine axe would otherwise measure the
    # contrast of text still half transparent. Wait for every finite animation and transition.
    page.evaluate(
        "() => Promise.all(document.getAnimations()"
        ".filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)"
        ".map(a => a.finished.catch(() => null)))"
    )
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result]


def search(
    page, query: str, timeout_ms: int = 15_000, *, idle: str = "Type to start searching", press_end: bool = False
) -> str:
    """Types `query` into Material's search and returns the result list's text (after the count line).

    The search worker builds its index after the first keystroke; a query typed
    before it is ready is not re-run, so type again until the worker answers
    (until the count line no longer shows `idle`, the prompt in the page's language).
    `press_end` sends a key after typing: Cyrillic arrives as text input, without
    the keyup Material listens for.
    """
    page.keyboard.press("/")
    field = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    waited = 0
    while waited < timeout_ms:
        field.fill("")
        field.type(query, delay=20)
        if press_end:
            page.keyboard.press("End")
        page.wait_for_timeout(500)
        waited += 500 + 20 * len(query)
        if idle not in meta.inner_text():
            break
    return meta.inner_text() + "\n" + page.locator(".md-search-result").inner_text()
