"""In Chromium: fill-in answers in their equivalent forms, practice activities marked as done and counted,
self-assessment subtotals with the weakest area named, and the interpretation admonition and Sources
block readable (axe) in both colour schemes and in print."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cxportal.i18n import Strings

from ..test_truth import FILL_IN_CASES
from .conftest import run_axe, served

SHOTS = Path("/tmp/truth-shots")


@pytest.fixture(scope="module")
def truth_url(truth_fixture_site: Path) -> Iterator[str]:
    """The truth fixture portal, built once per run (tests/conftest.py), served on loopback."""
    with served(truth_fixture_site) as url:
        yield url


def open_quiz(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(".cx-quiz__form")


def test_quiz_js_accepts_the_same_forms_as_the_engine(page, truth_url):
    open_quiz(page, truth_url + "quizzes/fillin/")
    words = {lang: Strings(lang).answer_words() for lang in {case[0] for case in FILL_IN_CASES}}
    results = page.evaluate(
        """async ([cases, words]) => {
             const m = await import(new URL('../../assets/cxportal/quiz.js', location.href).href);
             return cases.map(([lang, typed, accept]) => m.accepts({accept, patterns: []}, typed, words[lang]));
           }""",
        [[[lang, typed, answers] for lang, typed, answers, _ in FILL_IN_CASES], words],
    )
    assert results == [expected for *_, expected in FILL_IN_CASES]
    # The site's own strings.js carries its language's words: English here.
    own = page.evaluate(
        """async () => (await import(new URL('../../assets/cxportal/strings.js', location.href).href)).answerWords"""
    )
    assert own == Strings("en").answer_words()


def test_fill_in_marks_equivalent_forms_correct(page, truth_url):
    open_quiz(page, truth_url + "quizzes/fillin/")
    question = page.locator('[data-cx-question="figures"]')
    question.get_by_label("Blank 1").fill("Three h")
    question.get_by_label("Blank 2").fill("65 percent")
    question.get_by_label("Blank 3").fill("the Customers  Committee")  # not a listed word: wrong
    page.get_by_role("button", name="Check").click()
    assert "Partly correct: 2 of 3 points." in question.inner_text()
    page.get_by_role("button", name="Retry").click()
    question = page.locator('[data-cx-question="figures"]')
    question.get_by_label("Blank 1").fill("3 hours")
    question.get_by_label("Blank 2").fill("65%")
    question.get_by_label("Blank 3").fill("Customer committee")  # matches the pattern
    page.get_by_role("button", name="Check").click()
    assert "Correct: 3 points of 3." in question.inner_text()
    assert "Passed." in page.locator(".cx-quiz__result").inner_text()


def test_an_activity_marked_done_counts_on_the_path_and_the_certificate(page, truth_url):
    page.goto(truth_url + "roles/lead/refresher/", wait_until="networkidle")
    assert page.locator(".cx-progress__label").inner_text() == "0 of 2 steps done"
    page.goto(truth_url + "activities/listen-to-calls/", wait_until="networkidle")
    button = page.get_by_role("button", name="Mark as done")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert "Marked as done" in page.locator(".cx-read__status").inner_text()
    page.goto(truth_url + "playbooks/alpha/", wait_until="networkidle")
    page.get_by_role("button", name="Mark as read").click()
    page.goto(truth_url + "roles/lead/refresher/", wait_until="networkidle")
    assert page.locator(".cx-progress__label").inner_text() == "2 of 2 steps done"
    step = page.locator('[data-cx-step="activity:listen-to-calls"]')
    assert "Done" in step.inner_text() and "Practice · 30 min" in step.inner_text()
    sheet = page.locator(".cx-certificate__sheet")
    sheet.wait_for()
    practice = sheet.locator(".cx-certificate__practice")
    # The day it was marked, in the page's language ("done November 23, 2026").
    assert "Listen to three calls" in practice.inner_text()
    assert re.search(r"done [A-Z][a-z]+ \d{1,2}, 20\d\d", practice.inner_text())
    assert "practice activities as done" in sheet.inner_text()


def test_self_assessment_shows_subtotals_and_names_the_weakest(page, truth_url):
    open_quiz(page, truth_url + "quizzes/grouped/")
    page.locator('[data-cx-question="l1"]').get_by_label("Always").check()
    page.locator('[data-cx-question="a1"]').get_by_label("Sometimes").check()
    page.locator('[data-cx-question="a2"]').get_by_label("Never").check()
    page.get_by_role("button", name="Check").click()
    result = page.locator(".cx-quiz__result")
    rows = result.locator(".cx-quiz__groups tbody tr").all_inner_texts()
    assert [" ".join(r.split()) for r in rows] == ["Listening 2 of 2", "Acting (weakest) 1 of 4"]
    assert "Your weakest area: Acting." in result.inner_text()
    assert "Going" in result.inner_text() and "The portal's reading, not the source's" in result.inner_text()
    stored = page.evaluate("JSON.parse(localStorage.getItem('cxportal:v1:quiz:grouped'))")
    assert stored["groups"] == {"listen": [2, 2], "act": [1, 4]}
    assert run_axe(page) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_interpretation_and_sources_are_distinct_and_axe_clean(page, truth_url, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(truth_url + "playbooks/alpha/", wait_until="networkidle")
    box = page.locator(".admonition.interpretation")
    assert box.evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"
    icon = box.locator(".admonition-title").evaluate("e => getComputedStyle(e, '::before').maskImage")
    assert icon.startswith('url("data:image/svg+xml')  # the portal's own icon, no request elsewhere
    note = page.locator(".cx-sources")
    assert "Alpha: how to listen" in note.inner_text()
    assert run_axe(page) == []
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        box.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"interpretation-{scheme}-{width}.png"))
        note.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"sources-{scheme}-{width}.png"))


def test_print_keeps_the_interpretation_frame_and_the_sources(page, truth_url):
    page.goto(truth_url + "playbooks/alpha/", wait_until="networkidle")
    page.emulate_media(media="print")
    box = page.locator(".admonition.interpretation")
    assert box.is_visible() and box.evaluate("e => getComputedStyle(e).borderTopStyle") == "dashed"
    sources = page.locator(".cx-sources")
    assert sources.is_visible()
    assert page.locator("h2#cx-sources").evaluate("e => getComputedStyle(e).breakBefore") == "auto"
    SHOTS.mkdir(exist_ok=True)
    page.pdf(path=str(SHOTS / "alpha.pdf"))
