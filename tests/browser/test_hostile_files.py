"""Hostile input that reaches the reader's browser: glossary tooltips, diagrams and progress files.

The site is a plain build (the diagram's warnings let it through, as an author's
`mkdocs build` without --strict would) of the fixture project with a hostile SVG
diagram and glossary definitions that are HTML. The reader-facing runs bypass the
Content-Security-Policy, so the sanitiser and the escaping alone must hold; the
detector is the one of test_xss.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from ..test_hostile import GLOSSARY_PAYLOADS, publish_hostile
from .conftest import served
from .test_xss import DETECTOR, Detector


@pytest.fixture(scope="module")
def hostile_files_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site, _ = publish_hostile(tmp_path_factory.mktemp("hostile-files"), transfer_slot=True)
    with served(site) as url:
        yield url


@pytest.fixture
def open_page(browser):
    """A page that ignores the Content-Security-Policy, with the detector installed."""
    ctx = browser.new_context(bypass_csp=True)
    ctx.add_init_script(DETECTOR)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    ctx.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def test_glossary_tooltips_show_the_definition_as_text(open_page, hostile_files_url: str):
    detector = Detector(open_page)
    open_page.goto(hostile_files_url)
    for term, payload in zip(("CX", "Silo", "NPS"), GLOSSARY_PAYLOADS, strict=True):
        open_page.locator("article abbr", has_text=term).first.hover()
        tooltip = open_page.locator(".md-tooltip2--active .md-tooltip2__inner")
        expect(tooltip).to_be_visible()
        assert tooltip.inner_text().strip() == payload  # the author's words, shown as they were written
        assert tooltip.locator("img, script, svg").count() == 0
        if term == "CX":  # what the reader sees: the definition's words
            Path("test-results").mkdir(exist_ok=True)
            open_page.screenshot(path="test-results/hostile-glossary-tooltip.png")
        open_page.mouse.move(0, 0)
    assert detector.hits() == []


def test_a_hostile_diagram_shows_as_a_drawing_and_runs_nothing(open_page, hostile_files_url: str):
    detector = Detector(open_page)
    open_page.goto(hostile_files_url + "playbooks/alpha/")
    figure = open_page.locator("figure.cx-diagram svg")
    expect(figure).to_be_visible()
    for element in figure.locator("a, circle, text").all():
        element.hover()
        element.click(timeout=1000, no_wait_after=True)
    assert open_page.url.endswith("/playbooks/alpha/")  # no link led anywhere
    assert figure.locator("script, foreignObject, image, set, animate, style, [href]").count() == 0
    assert detector.hits() == []


PROTO_FILE = {
    "format": "cxportal-progress",
    "version": 1,
    "exported": "2026-11-20",
    "name": '=HYPERLINK("http://evil.example","Ada")',
    "__proto__": {"polluted": "file"},
    "constructor": {"prototype": {"polluted": "constructor"}},
    "records": {
        "cxportal:v1:progress:playbook:alpha": {"read": True, "__proto__": {"polluted": "record"}},
        "cxportal:v1:quiz:__proto__": {"percent": 90, "passed": True, "__proto__": {"polluted": "quiz"}},
        "cxportal:v1:quiz:constructor": {"percent": 40, "passed": False},
        "cxportal:v1:quiz:alpha": {"percent": 80, "passed": True, "constructor": {"prototype": {"polluted": 1}}},
    },
}
POLLUTED = "() => [({}).polluted, Object.prototype.polluted, [].polluted, (function(){}).polluted, window.polluted]"


def test_a_progress_file_with_proto_keys_pollutes_nothing_in_the_manager_view(open_page, hostile_files_url: str):
    detector = Detector(open_page)
    open_page.goto(hostile_files_url + "manager/")
    open_page.get_by_label("Progress files (.json)").set_input_files(
        files=[{"name": "ada.json", "mimeType": "application/json", "buffer": json.dumps(PROTO_FILE).encode()}]
    )
    expect(open_page.locator(".cx-manager__status")).to_have_text("Loaded 1 file.")
    assert open_page.evaluate(POLLUTED) == [None] * 5
    row = open_page.locator(".cx-manager__table tbody tr").first.locator("th, td").all_inner_texts()
    assert row[0] == PROTO_FILE["name"]  # shown as the text it is
    # Quiz ids that name a prototype show as themselves, not as a function or an object.
    assert "__proto__: 90%" in row[4] and "constructor: 40% (not passed)" in row[4] and "Alpha quiz: 80%" in row[4]
    with open_page.expect_download() as download:
        open_page.get_by_role("button", name="Download as CSV").click()
    csv_text = Path(download.value.path()).read_text("utf-8-sig")
    person = csv_text.splitlines()[1]
    assert person.startswith("\"'=HYPERLINK("), person  # a formula in a spreadsheet is text, never run
    assert detector.hits() == []


def test_importing_a_progress_file_with_proto_keys_keeps_only_real_records(open_page, hostile_files_url: str):
    open_page.goto(hostile_files_url)
    transfer = open_page.locator("[data-cx-transfer]")
    transfer.scroll_into_view_if_needed()
    open_page.get_by_label("Import a progress file").set_input_files(
        files=[{"name": "ada.json", "mimeType": "application/json", "buffer": json.dumps(PROTO_FILE).encode()}]
    )
    expect(open_page.locator(".cx-transfer__status")).to_contain_text("Imported 4")
    assert open_page.evaluate(POLLUTED) == [None] * 5
    stored = open_page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('cxportal:')).map(k => [k, localStorage.getItem(k)]))"
    )
    assert all("__proto__" not in value and "constructor" not in value for value in stored.values()), stored
    assert json.loads(stored["cxportal:v1:progress:playbook:alpha"]) == {"read": True}
    open_page.reload()  # the pages read what was imported without an error (see open_page)
    expect(open_page.locator("article h1")).to_be_visible()
