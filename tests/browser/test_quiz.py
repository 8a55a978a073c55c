"""Quizzes in real headless Chromium: every question type right and wrong, keyboard-only use,
saved results, out-of-date and corrupt storage, search, print, accessibility."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..test_quiz_render import SECRET_WORDS
from .conftest import run_axe, search, served

KEY = "cxportal:v1:quiz:"
# Material's own chrome (search dialog name, tab colours) and links in the theme's body text are
# outside this feature and checked where they are owned; inside the quiz every rule applies.


@pytest.fixture(scope="module")
def quiz_url(quiz_fixture_site: Path) -> Iterator[str]:
    """The fixture portal (with a drawn quiz added), built once per run (tests/conftest.py), served on loopback."""
    with served(quiz_fixture_site) as url:
        yield url


def open_quiz(page, url: str):
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(".cx-quiz__form")
    return page.locator(".cx-quiz").first


def q(page, question_id: str):
    return page.locator(f'[data-cx-question="{question_id}"]')


def order_texts(page) -> list[str]:
    return [t.strip() for t in q(page, "order").locator(".cx-order__text").all_inner_texts()]


def arrange(page, wanted: list[str]) -> None:
    """Put the ordering items in `wanted` order with the move-up buttons."""
    for k, text in enumerate(wanted):
        while order_texts(page).index(text) > k:
            q(page, "order").get_by_role("button", name=f"Move up: {text}").click()
    assert order_texts(page) == wanted


def answer_alpha(page, right: bool) -> None:
    if right:
        q(page, "first").get_by_label("Listen").check()
        q(page, "both").get_by_label("Listen").check()
        q(page, "both").get_by_label("Act").check()
        q(page, "tf").get_by_label("False").check()
        arrange(page, ["Listen", "Act", "Review"])
        q(page, "match").get_by_label("Listen").select_option(label="AL-1")
        q(page, "match").get_by_label("Act").select_option(label="AL-2")
        q(page, "blank").get_by_label("Blank 1").fill("  HEAR ")  # an alternative, odd case and spaces
        q(page, "blank").get_by_label("Blank 2").fill("Act")
    else:
        q(page, "first").get_by_label("Act").check()
        q(page, "both").get_by_label("Listen").check()
        q(page, "both").get_by_label("Ignore").check()
        q(page, "tf").get_by_label("True").check()
        arrange(page, ["Act", "Review", "Listen"])
        q(page, "match").get_by_label("Listen").select_option(label="AL-2")
        q(page, "match").get_by_label("Act").select_option(label="AL-1")
        q(page, "blank").get_by_label("Blank 1").fill("speak")


def check(page) -> str:
    page.get_by_role("button", name="Check").click()
    result = page.locator(".cx-quiz__result")
    assert page.evaluate("document.activeElement.classList.contains('cx-quiz__result')"), "focus not on the result"
    assert result.get_attribute("aria-live") == "polite"
    return result.inner_text()


def stored(page, quiz_id: str) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}{quiz_id}')"))


def test_all_right_passes_with_feedback_and_links(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/alpha/")
    page.evaluate("window.events = []; document.addEventListener('cxportal:quiz-result', e => events.push(e.detail))")
    # Nothing is revealed before Check.
    assert page.locator(".cx-fb, .cx-q__explanation").count() == 0
    assert page.get_by_role("button", name="Retry").is_hidden()
    answer_alpha(page, right=True)
    result = check(page)
    assert page.get_by_role("button", name="Check").is_hidden()
    assert "Passed." in result and "10 of 10 points (100%)" in result
    first = q(page, "first")
    assert "Your answer: correct. Yes, listening comes first." in first.inner_text()
    assert "Acting comes second." in first.inner_text()  # feedback on every option
    # ...but only the chosen and the right options are marked: an unchosen wrong one gets no red bar.
    assert first.locator(".cx-wrong").count() == 0 and first.locator(".cx-right").count() == 1
    assert "Listening comes first." in first.locator(".cx-q__explanation").inner_text()
    assert first.get_by_role("link", name="AL-1 First step").get_attribute("href") == "../../playbooks/alpha/#al-1"
    assert "Correct answer, not chosen." not in q(page, "both").inner_text()
    assert "Right, listening comes first." in q(page, "tf").inner_text()
    assert q(page, "order").locator(".cx-fb").all_inner_texts() == ["In the right place."] * 3
    assert "Correct: 2 points of 2." in q(page, "match").inner_text()
    assert "Correct: 2 points of 2." in q(page, "blank").inner_text()
    assert page.evaluate("events") == [{"id": "alpha", "passed": True, "percent": 100}]
    saved = stored(page, "alpha")
    assert saved["hash"] == page.locator(".cx-quiz").get_attribute("data-cx-hash")
    assert (saved["score"], saved["max"], saved["percent"], saved["passed"]) == (10, 10, 100, True)
    assert saved["answers"] == {
        "first": 0,
        "both": [0, 1],
        "tf": False,
        "order": [0, 1, 2],
        "match": [0, 1],
        "blank": ["  HEAR ", "Act"],
    }
    # Answers are frozen until Retry, which starts a clean attempt.
    assert q(page, "first").get_by_label("Listen").is_disabled()
    page.get_by_role("button", name="Retry").click()
    assert page.locator(".cx-fb").count() == 0 and page.locator(".cx-quiz__result").inner_text() == ""
    assert not q(page, "first").get_by_label("Listen").is_checked()


def test_all_wrong_fails_with_feedback(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/alpha/")
    answer_alpha(page, right=False)
    result = check(page)
    assert "Not passed yet." in result and "0 of 10 points (0%)" in result and "pass mark 60%" in result
    assert "1 question not answered." in result  # the second blank was left empty
    # A fail says which questions were wrong and where to read again, not what the right answers are:
    # the retry must not be an open-book copy of this attempt.
    first = q(page, "first").inner_text()
    assert "Not correct: 0 of 1 point." in first and "Read more: AL-1 First step" in first
    assert page.locator(".cx-fb, .cx-q__explanation").count() == 0
    assert "Accepted:" not in q(page, "blank").inner_text()
    assert page.get_by_role("button", name="Print with answers").is_hidden()
    # The reader may ask for them (after their last attempt, say): then every answer is explained.
    page.get_by_role("button", name="Show the right answers").click()
    assert "now shown" in page.locator(".cx-sr").inner_text()
    assert page.get_by_role("button", name="Show the right answers").is_hidden()
    assert page.get_by_role("button", name="Print with answers").is_visible()
    assert "Listening comes first." in q(page, "first").locator(".cx-q__explanation").inner_text()
    assert "Your answer: not correct. Acting comes second." in q(page, "first").inner_text()
    assert "Correct answer, not chosen. Yes, listening comes first." in q(page, "first").inner_text()
    assert "Correct answer, not chosen. Also a step." in q(page, "both").inner_text()
    assert "Your answer: not correct. Never a step." in q(page, "both").inner_text()
    assert "No, listening comes first." in q(page, "tf").inner_text()
    assert q(page, "order").locator(".cx-fb").all_inner_texts() == [
        "Belongs at position 2.",
        "Belongs at position 3.",
        "Belongs at position 1.",
    ]
    assert "Correct match: AL-1." in q(page, "match").inner_text()
    blank = q(page, "blank").inner_text()
    assert "Accepted: listen, hear." in blank and "Accepted: act." in blank
    assert "Not correct: 0 of 3 points." in q(page, "order").inner_text()
    assert stored(page, "alpha")["passed"] is False


def test_partly_right_scores_per_part(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/alpha/")
    q(page, "first").get_by_label("Listen").check()
    q(page, "both").get_by_label("Listen").check()  # one of two: a multiple choice is all or nothing
    q(page, "tf").get_by_label("False").check()
    arrange(page, ["Listen", "Review", "Act"])
    q(page, "match").get_by_label("Listen").select_option(label="AL-1")
    q(page, "blank").get_by_label("Blank 1").fill("listen")
    q(page, "blank").get_by_label("Blank 2").fill("act")
    result = check(page)
    # 1 + 0 + 1 + 1 + 1 + 2 = 6 of 10: exactly the pass mark.
    assert "Passed." in result and "6 of 10 points (60%)" in result
    assert "Partly correct: 1 of 3 points." in q(page, "order").inner_text()
    assert "Partly correct: 1 of 2 points." in q(page, "match").inner_text()


def test_hint_is_revealed_on_request(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/alpha/")
    hint = q(page, "first").locator(".cx-q__hint")
    button = q(page, "first").get_by_role("button", name="Show hint")
    assert not hint.is_visible() and button.get_attribute("aria-expanded") == "false"
    button.click()
    assert hint.is_visible() and "Read AL-1." in hint.inner_text()
    assert button.get_attribute("aria-expanded") == "true"
    assert q(page, "both").get_by_role("button", name="Show hint").count() == 0  # no hint, no button


def test_self_assessment_shows_band_and_advice(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/check/")
    q(page, "listens").get_by_label("Sometimes").check()
    q(page, "acts").get_by_label("Always").check()
    result = check(page)
    assert "Your total: 3 of 4." in result and "Going: Keep acting." in result
    assert (
        page.locator(".cx-quiz__result").get_by_role("link", name="Read more").get_attribute("href")
        == "../../playbooks/alpha/#al-2"
    )
    saved = stored(page, "check")
    assert (saved["band"], saved["score"], saved["passed"]) == ("Going", 3, True)
    page.get_by_role("button", name="Retry").click()
    q(page, "listens").get_by_label("Never").check()
    result = check(page)
    assert "Your total: 0 of 4." in result and "Starting: Listen more." in result
    assert "1 statement not answered." in result
    assert stored(page, "check")["passed"] is False


def test_result_persists_across_reload_and_on_quizzes_page(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/alpha/")
    answer_alpha(page, right=True)
    check(page)
    open_quiz(page, quiz_url + "quizzes/alpha/")
    result = page.locator(".cx-quiz__result").inner_text()
    assert "Your last result" in result and "Passed." in result and "100%" in result
    assert "Your answer: correct. Yes, listening comes first." in q(page, "first").inner_text()
    assert q(page, "first").get_by_label("Listen").is_checked()
    assert order_texts(page) == ["Listen", "Act", "Review"]
    assert page.get_by_role("button", name="Retry").is_visible()
    page.goto(quiz_url + "quizzes/", wait_until="networkidle")
    cell = page.locator('[data-cx-quiz-result="alpha"]')
    assert cell.inner_text().startswith("100% · passed")
    assert page.locator('[data-cx-quiz-result="check"]').inner_text() == "Not taken yet"


def test_changed_quiz_marks_old_result_out_of_date(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/alpha/")
    answer_alpha(page, right=True)
    check(page)
    # The quiz changed since: the stored hash no longer matches the page's.
    page.evaluate(f"""() => {{ const r = JSON.parse(localStorage.getItem('{KEY}alpha'));
        r.hash = '000000000000'; localStorage.setItem('{KEY}alpha', JSON.stringify(r)); }}""")
    open_quiz(page, quiz_url + "quizzes/alpha/")
    last = page.locator(".cx-quiz__last")
    assert "out of date" in last.inner_text() and "100%" in last.inner_text()
    assert page.locator(".cx-fb").count() == 0, "an out-of-date result was applied"
    assert page.get_by_role("button", name="Check").is_visible()
    page.goto(quiz_url + "quizzes/", wait_until="networkidle")
    assert "out of date" in page.locator('[data-cx-quiz-result="alpha"]').inner_text()
    assert "out of date" not in page.locator('[data-cx-quiz-result="check"]').inner_text()


@pytest.mark.parametrize(
    "garbage",
    [
        "not json{",
        "null",
        "42",
        "[1, 2]",
        '{"hash": 5}',
        '{"hash": "x", "score": "lots", "max": 1, "percent": 1, "passed": true, "answers": {}}',
        '{"hash": "x", "score": 1, "max": 1, "percent": 100, "passed": true, "answers": [1]}',
    ],
)
def test_garbage_in_storage_never_breaks_the_page(page, quiz_url, garbage):
    page.goto(quiz_url, wait_until="networkidle")
    page.evaluate(
        "([k, v]) => { localStorage.setItem(k + 'alpha', v); localStorage.setItem(k + 'check', v); }", [KEY, garbage]
    )
    page.goto(quiz_url + "quizzes/", wait_until="networkidle")
    assert page.locator('[data-cx-quiz-result="alpha"]').inner_text() == "Not taken yet"
    open_quiz(page, quiz_url + "quizzes/alpha/")
    assert page.locator(".cx-quiz__last").is_hidden()
    answer_alpha(page, right=True)
    assert "Passed." in check(page)
    assert stored(page, "alpha")["percent"] == 100  # the bad entry was replaced
    # A saved result whose answers do not fit the quiz (foreign data) is tolerated too.
    page.evaluate(f"""() => {{ const r = JSON.parse(localStorage.getItem('{KEY}alpha'));
        r.answers = {{first: 'x', both: 7, tf: [], order: [9, 9], match: {{}}, blank: 3}};
        localStorage.setItem('{KEY}alpha', JSON.stringify(r)); }}""")
    open_quiz(page, quiz_url + "quizzes/alpha/")
    assert "Not passed yet." in page.locator(".cx-quiz__result").inner_text()
    # A current result written without answers (answers are optional for other writers) is shown, not stale.
    page.evaluate(f"""() => {{ const r = JSON.parse(localStorage.getItem('{KEY}alpha'));
        delete r.answers; r.percent = 70; localStorage.setItem('{KEY}alpha', JSON.stringify(r)); }}""")
    open_quiz(page, quiz_url + "quizzes/alpha/")
    last = page.locator(".cx-quiz__last").inner_text()
    assert "Your last result: 70%" in last and "out of date" not in last


def axe_problems(page) -> list[dict]:
    """Every axe violation on the whole page, plus those inside the quizzes (hidden parts included)."""
    page_wide = run_axe(page)  # also injects axe-core
    inside = page.evaluate(
        "async () => (await axe.run({include: [['.cx-quiz']]}, {resultTypes: ['violations']})).violations"
    )
    return page_wide + [
        {"id": v["id"], "nodes": [(n["target"], n["failureSummary"]) for n in v["nodes"]][:5]} for v in inside
    ]


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab (then Shift+Tab) until the focused element matches `selector`."""
    for key in ("Tab", "Shift+Tab"):
        for _ in range(limit):
            if page.evaluate("s => document.activeElement?.matches(s)", selector):
                return
            page.keyboard.press(key)
    raise AssertionError(f"could not reach {selector} with the keyboard")


def test_keyboard_only_run(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/alpha/")
    kb = page.keyboard
    tab_to(page, '[data-cx-question="first"] input')
    kb.press("Space")  # the first radio: Listen
    kb.press("Tab")
    kb.press("Enter")  # Show hint
    assert q(page, "first").locator(".cx-q__hint").is_visible()
    kb.press("Tab")
    kb.press("Space")  # both: Listen
    kb.press("Tab")
    kb.press("Space")  # both: Act
    tab_to(page, '[data-cx-question="tf"] input')
    kb.press("ArrowDown")  # True -> False
    for text in ("Listen", "Act"):
        if order_texts(page).index(text) <= ["Listen", "Act"].index(text):
            continue  # the shuffle already put it in place: its "Move up" may be disabled
        tab_to(page, f'button[aria-label="Move up: {text}"]:not([disabled])')
        while order_texts(page).index(text) > ["Listen", "Act"].index(text):
            kb.press("Enter")  # focus follows the moved item
    assert order_texts(page) == ["Listen", "Act", "Review"]
    for label, presses in (("Listen", 1), ("Act", 2)):  # options: Choose…, AL-1, AL-2
        tab_to(
            page, f'[data-cx-question="match"] select[id="{q(page, "match").get_by_label(label).get_attribute("id")}"]'
        )
        for _ in range(presses):
            kb.press("ArrowDown")
    tab_to(page, '[data-cx-question="blank"] input')
    kb.type("listen")
    kb.press("Tab")
    kb.type("act")
    kb.press("Enter")  # submits the form: Check
    assert page.evaluate("document.activeElement.classList.contains('cx-quiz__result')")
    assert "10 of 10 points" in page.locator(".cx-quiz__result").inner_text()
    tab_to(page, ".cx-quiz__actions button:not([hidden])")
    assert page.evaluate("document.activeElement.textContent") == "Retry"
    kb.press("Enter")
    assert page.evaluate("document.activeElement.matches('[data-cx-question=\"first\"] input')")
    # The alpha bank asks every question every time, and the retry says so.
    assert "the same ones come again" in page.locator(".cx-quiz .cx-sr").inner_text()


def test_draw_and_shuffle_change_between_attempts(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/drawn/")

    def attempt() -> tuple[tuple[str, ...], tuple[str, ...]]:
        ids = tuple(page.locator("[data-cx-question]").evaluate_all("els => els.map(e => e.dataset.cxQuestion)"))
        options = tuple(page.locator("[data-cx-question] label").all_inner_texts())
        return ids, options

    seen = [attempt()]
    assert len(seen[0][0]) == 2
    for _ in range(30):
        page.get_by_role("button", name="Check").click()
        page.get_by_role("button", name="Retry").click()
        seen.append(attempt())
        if len({s[0] for s in seen}) > 1 and len({s[1] for s in seen}) > 2:
            break
    assert all(len(ids) == 2 for ids, _ in seen)
    assert len({ids for ids, _ in seen}) > 1, "every attempt drew the same questions"
    assert len({opts for _, opts in seen}) > 2, "options were never shuffled"
    # Only the drawn questions are saved, keyed by id.
    saved = stored(page, "drawn")
    assert len(saved["answers"]) == 2 and set(saved["answers"]) <= {"d1", "d2", "d3", "d4"}


def test_search_finds_no_answers_feedback_or_hints(page, quiz_url):
    page.goto(quiz_url, wait_until="networkidle")
    assert "Drawn quiz" in search(page, "Drawn")  # search works at all
    for word in SECRET_WORDS:
        page.keyboard.press("Escape")
        assert word not in search(page, word).lower(), word


def test_print_hides_answers_unless_facilitator_asks(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/alpha/")
    answer_alpha(page, right=False)
    check(page)
    page.get_by_role("button", name="Show the right answers").click()
    page.emulate_media(media="print")
    # A printed page is no place to take a quiz: one line says where to take it, no empty boxes.
    assert q(page, "first").locator("legend").is_hidden()
    assert page.locator(".cx-quiz__printnote").is_visible()
    assert "take it online at" in page.locator(".cx-quiz__printnote").inner_text()
    assert page.locator(".cx-fb").first.is_hidden() and page.locator(".cx-q__after").first.is_hidden()
    assert page.locator(".cx-quiz__result").is_hidden()
    page.emulate_media(media="screen")
    page.evaluate("window.print = () => {}")  # headless: no dialog; the key stays until afterprint
    page.get_by_role("button", name="Print with answers").click()
    page.locator(".cx-quiz--key").wait_for(state="attached")  # the key's module loads on the click
    page.emulate_media(media="print")
    key = q(page, "order").locator(".cx-key")
    assert key.is_visible() and "Answer: Listen → Act → Review" in key.inner_text()
    assert q(page, "first").locator("legend").is_visible()
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert page.locator(".cx-key").count() == 0


def test_instant_navigation_starts_the_quiz(page, quiz_url):
    page.goto(quiz_url, wait_until="networkidle")  # home: no quiz, no quiz script
    assert page.locator("script[src*='quiz.js']").count() == 0
    page.evaluate("url => location$.next(new URL(url))", quiz_url + "quizzes/alpha/")
    page.wait_for_selector(".cx-quiz__form")
    page.wait_for_function("document.querySelector('.cx-quiz')?.hasAttribute('data-cx-ready')")
    assert page.locator("[data-cx-question]").count() == 6
    # The stylesheet came with the swapped-in content and is in force.
    assert page.evaluate("[...document.styleSheets].some(s => (s.href || '').endsWith('quiz.css'))")
    page.evaluate("url => location$.next(new URL(url))", quiz_url + "quizzes/check/")
    page.wait_for_selector('[data-cx-question="listens"]')
    assert page.locator(".cx-quiz__form").count() == 1


def test_without_javascript_answers_are_folded(browser, quiz_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(quiz_url + "quizzes/alpha/")
        static = page.locator(".cx-quiz__static")
        assert static.is_visible() and "What is the first step?" in static.inner_text()
        details = static.locator("details").first
        assert not details.locator("p").first.is_visible()
        details.locator("summary").click()
        assert "Listen" in details.inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_is_clean_before_and_after_check(page, quiz_url, scheme):
    page.emulate_media(color_scheme=scheme)
    open_quiz(page, quiz_url + "quizzes/alpha/")
    q(page, "first").get_by_role("button", name="Show hint").click()
    assert axe_problems(page) == []
    answer_alpha(page, right=False)
    check(page)
    assert axe_problems(page) == []
    page.get_by_role("button", name="Show the right answers").click()
    assert axe_problems(page) == []
    open_quiz(page, quiz_url + "quizzes/check/")
    q(page, "listens").get_by_label("Sometimes").check()
    check(page)
    assert axe_problems(page) == []


def test_real_site_quiz_is_axe_clean_and_hides_feedback_from_search(page, site_url, built_site: Path):
    open_quiz(page, site_url + "quizzes/leadership-5p/")
    assert page.locator("[data-cx-question]").count() == 8
    page.get_by_role("button", name="Check").click()
    assert "Not passed yet." in page.locator(".cx-quiz__result").inner_text()
    page.get_by_role("button", name="Show the right answers").click()
    assert axe_problems(page) == []
    feedback = page.locator(".cx-fb").first.inner_text().split(". ", 1)[-1]
    assert len(feedback) > 20
    index = (built_site / "search" / "search_index.json").read_text("utf-8")
    assert json.dumps(feedback)[1:-1] not in index


def test_print_with_answers_appears_only_after_check(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/alpha/")
    assert page.get_by_role("button", name="Print with answers").is_hidden()
    answer_alpha(page, right=True)
    check(page)
    assert page.get_by_role("button", name="Print with answers").is_visible()
    page.get_by_role("button", name="Retry").click()
    assert page.get_by_role("button", name="Print with answers").is_hidden()


def test_a_retry_draws_the_questions_not_asked_last_time(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/drawn/")  # a bank of four, two drawn per attempt
    ids = lambda: set(page.locator("[data-cx-question]").evaluate_all("els => els.map(e => e.dataset.cxQuestion)"))  # noqa: E731
    for _ in range(5):
        first = ids()
        page.get_by_role("button", name="Check").click()
        page.get_by_role("button", name="Retry").click()
        assert ids().isdisjoint(first), "a retry repeated a question although the bank has unseen ones"


def test_a_retry_says_whether_its_questions_are_new_and_when_none_are_left(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/drawn/")  # a bank of four, two drawn per attempt
    note = page.locator(".cx-quiz__note")
    assert note.is_hidden()
    page.get_by_role("button", name="Check").click()
    page.get_by_role("button", name="Retry").click()
    assert note.inner_text() == "New attempt: 2 questions you have not seen yet."
    assert page.locator(".cx-quiz .cx-sr").inner_text() == note.inner_text()  # announced as well
    page.get_by_role("button", name="Check").click()
    page.get_by_role("button", name="Retry").click()  # all four seen: two of them again, and it says so
    assert note.inner_text().startswith("New attempt. 2 of these 2 questions came up in an earlier attempt")
    # A bank that asks every question every time says the same ones come again.
    open_quiz(page, quiz_url + "quizzes/alpha/")
    page.get_by_role("button", name="Check").click()
    page.get_by_role("button", name="Retry").click()
    assert page.locator(".cx-quiz__note").inner_text() == "This quiz has no other questions: the same ones come again."
    # A self-assessment asks the same statements by design: nothing to excuse.
    open_quiz(page, quiz_url + "quizzes/check/")
    q(page, "listens").get_by_label("Sometimes").check()
    page.get_by_role("button", name="Check").click()
    page.get_by_role("button", name="Retry").click()
    assert page.locator(".cx-quiz__note").is_hidden()


def test_a_pass_shows_the_answers_and_show_answers_always_shows_them_after_a_fail(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/drawn/")
    for question in page.locator("[data-cx-question]").all():
        question.get_by_label("Right", exact=False).check()
    assert "Passed." in check(page)
    assert page.locator(".cx-q__explanation").count() == 2 and page.locator(".cx-right").count() == 2
    assert page.get_by_role("button", name="Show the right answers").is_hidden()
    open_quiz(page, quiz_url + "quizzes/open/")  # show_answers: always
    q(page, "o1").get_by_label("Act").check()
    assert "Not passed yet." in check(page)
    assert "Correct answer, not chosen. Yes it does." in q(page, "o1").inner_text()
    assert "The open explanation." in q(page, "o1").inner_text()
    assert page.get_by_role("button", name="Show the right answers").is_hidden()


def test_a_reload_after_a_fail_keeps_the_answers_hidden(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/alpha/")
    answer_alpha(page, right=False)
    check(page)
    open_quiz(page, quiz_url + "quizzes/alpha/")  # the stored result is shown again, still closed book
    assert "Not passed yet." in page.locator(".cx-quiz__result").inner_text()
    assert page.locator(".cx-fb, .cx-q__explanation").count() == 0
    assert page.get_by_role("button", name="Show the right answers").is_visible()


def test_ordering_feedback_uses_the_full_width_on_a_phone(page, quiz_url):
    page.set_viewport_size({"width": 390, "height": 844})
    open_quiz(page, quiz_url + "quizzes/alpha/")
    answer_alpha(page, right=False)
    check(page)
    page.get_by_role("button", name="Show the right answers").click()
    item = q(page, "order").locator(".cx-order__item").first
    feedback = item.locator(".cx-fb")
    assert feedback.bounding_box()["width"] > 0.8 * item.bounding_box()["width"]


def test_feedback_is_compact_on_a_phone(page, quiz_url):
    open_quiz(page, quiz_url + "quizzes/alpha/")
    answer_alpha(page, right=True)
    check(page)
    other = q(page, "first").locator(".cx-fb--other")
    assert other.is_visible()  # desktop: why the unchosen option is wrong, in muted text
    page.set_viewport_size({"width": 390, "height": 844})
    assert other.is_hidden()  # phone: the verdict and the explanation only
