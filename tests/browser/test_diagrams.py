"""In Chromium: every diagram of both languages is legible where it is read: at least 11 px on a 390 px
phone and at 1280 px, at least 7 pt on A4 paper, never wider than the page, and in the page's language."""

from __future__ import annotations

import pytest

from .conftest import run_axe

DIAGRAM_PAGES = [
    "playbooks/leadership-5p/",
    "playbooks/engagement-5i/",
    "playbooks/cx-maturity/",
    "playbooks/customer-connectedness/",
    "playbooks/silo-problem-zones/",
    "playbooks/back-office-cx/",
]
# Each shown diagram text: [text, rendered size in CSS px] (font size scaled by the SVG's drawn width).
SHOWN_TEXT = """() => [...document.querySelectorAll(".cx-diagram svg")].filter((svg) => svg.checkVisibility())
  .flatMap((svg) => { const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll("text")].map((t) => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]); })"""


@pytest.mark.parametrize("lang", ["", "ru/"])
@pytest.mark.parametrize("width, smallest", [(390, 11), (1280, 11)])
def test_diagram_text_is_at_least_11_px_on_a_phone_and_a_desktop(page, site_url, lang, width, smallest):
    page.set_viewport_size({"width": width, "height": 900})
    for path in DIAGRAM_PAGES:
        page.goto(site_url + lang + path)
        shown = page.evaluate(SHOWN_TEXT)
        assert shown, path
        small = [(text, round(size, 1)) for text, size in shown if size < smallest]
        assert not small, f"{lang}{path} at {width}px: {small[:5]}"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        if lang == "ru/":
            assert any(any("А" <= ch <= "я" for ch in text) for text, _ in shown), path


@pytest.mark.parametrize("lang", ["", "ru/"])
def test_printed_diagram_text_is_at_least_7_pt(page, site_url, lang):
    # A4 less Chromium's default margins is about 720 CSS px wide; print always shows the wide layout.
    page.set_viewport_size({"width": 720, "height": 1000})
    page.emulate_media(media="print")
    for path in DIAGRAM_PAGES:
        page.goto(site_url + lang + path)
        shown = page.evaluate(SHOWN_TEXT)
        assert shown, path
        small = [(text, round(size * 0.75, 1)) for text, size in shown if size * 0.75 < 7]
        assert not small, f"{lang}{path} in print: {small[:5]}"


@pytest.mark.parametrize("path", ["ru/playbooks/cx-maturity/", "ru/playbooks/silo-problem-zones/", "ru/glossary/"])
def test_russian_pages_with_diagrams_and_the_glossary_are_axe_clean(page, site_url, path):
    page.goto(site_url + path, wait_until="networkidle")
    violations = run_axe(page)
    assert violations == [], violations
