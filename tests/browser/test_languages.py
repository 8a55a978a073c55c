"""The Russian site in Chromium: Russian search with stemming, the language switcher, shared progress."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import run_axe, search, served


@pytest.fixture(scope="module")
def two_language_url(translated_site: Path) -> Iterator[str]:
    """The fixture portal with its Russian translation (built once per session), served on 127.0.0.1."""
    with served(translated_site) as url:
        yield url


def search_ru(page, query: str) -> str:
    """Material's search on the Russian site: the result count line and the results."""
    return search(page, query, idle="Начните печатать", press_end=True)


@pytest.mark.parametrize("query", ["жалоба", "клиент", "клиентов"])
def test_russian_search_stems_russian_words(page, two_language_url, requests_log, query):
    page.goto(two_language_url + "ru/")
    results = search_ru(page, query)
    assert "Альфа" in results and "Жалоба клиента" in results, results
    assert requests_log.external() == []


def test_switching_language_keeps_the_reader_on_the_same_item(page, two_language_url):
    page.goto(two_language_url + "playbooks/alpha/#al-2")
    page.locator('a[data-cx-language][hreflang="ru"]').dispatch_event("click")
    page.wait_for_url("**/ru/playbooks/alpha/#al-2")
    assert page.locator("#al-2").inner_text().startswith("AL-2")
    assert "Второй шаг" in page.locator("#al-2").inner_text()
    assert page.locator("html").get_attribute("lang") == "ru"
    # And back: the English page, same item.
    page.locator('a[data-cx-language][hreflang="en"]').dispatch_event("click")
    page.wait_for_url(lambda url: "/ru/" not in url)
    assert page.url.endswith("/playbooks/alpha/#al-2") and "Second step" in page.locator("#al-2").inner_text()


def test_progress_made_in_english_shows_on_the_russian_path(page, two_language_url):
    page.goto(two_language_url + "playbooks/alpha/")
    page.get_by_role("button", name="Mark as read").click()
    page.goto(two_language_url + "ru/roles/agent/onboarding/")
    step = page.locator('.cx-path__step[data-cx-step="playbook:alpha"]')
    assert "cx-path__step--done" in (step.get_attribute("class") or "")
    stored = [key for key in page.evaluate("Object.keys(localStorage)") if key.startswith("cxportal:")]
    assert "cxportal:v1:progress:playbook:alpha" in stored and not any("ru" in key for key in stored), stored


def test_a_russian_quiz_answers_in_russian_and_stores_the_shared_result(page, two_language_url):
    page.goto(two_language_url + "ru/quizzes/alpha/")
    quiz = page.locator(".cx-quiz")
    assert "Какой шаг первый?" in quiz.inner_text()
    quiz.get_by_text("Выслушать").first.click()
    quiz.get_by_role("button").filter(has_text="Проверить").first.click()
    # One question answered: a fail, so the feedback waits until the reader asks to see the answers.
    assert "Да, сначала выслушать." not in quiz.inner_text()
    quiz.get_by_role("button", name="Показать правильные ответы").click()
    assert "Да, сначала выслушать." in quiz.inner_text()
    stored = json.loads(page.evaluate("localStorage.getItem('cxportal:v1:quiz:alpha')") or "null")
    assert stored is not None


@pytest.mark.parametrize(
    "path", ["ru/", "ru/playbooks/alpha/", "ru/playbooks/beta/", "ru/roles/agent/onboarding/", "ru/quizzes/alpha/"]
)
def test_russian_pages_are_axe_clean_and_stay_on_the_host(page, two_language_url, requests_log, path):
    page.goto(two_language_url + path)
    assert run_axe(page) == [], path
    assert requests_log.external() == []


def test_a_wrong_russian_answer_gets_russian_feedback_and_a_russian_verdict(page, two_language_url):
    page.goto(two_language_url + "ru/quizzes/alpha/")
    quiz = page.locator(".cx-quiz")
    quiz.locator('[data-cx-question="first"]').get_by_text("Действовать").click()
    quiz.get_by_role("button").filter(has_text="Проверить").first.click()
    quiz.get_by_role("button", name="Показать правильные ответы").click()
    text = quiz.inner_text()
    assert "Действовать — это второй шаг." in text  # the chosen option's own feedback, in Russian
    assert "Сначала нужно выслушать." in text  # the explanation
    assert "Check" not in text and "Your score" not in text  # no English verdict
    stored = json.loads(page.evaluate("localStorage.getItem('cxportal:v1:quiz:alpha')"))
    assert stored["passed"] is False


def test_the_certificate_prints_in_russian(page, two_language_url, tmp_path):
    """A path finished in English earns its certificate on the Russian site too, printed in Russian."""
    page.goto(two_language_url + "ru/roles/agent/onboarding/")
    records = {
        "cxportal:v1:progress:playbook:alpha": {"read": True, "date": "2026-11-20"},
        "cxportal:v1:progress:playbook:beta": {"read": True, "date": "2026-11-21"},
        "cxportal:v1:quiz:alpha": {
            "hash": "x",
            "score": 9,
            "max": 10,
            "percent": 90,
            "passed": True,
            "date": "2026-11-21",
        },
    }
    for name, value in records.items():
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [name, json.dumps(value)])
    page.reload()
    page.locator(".cx-certificate__sheet").wait_for()
    page.locator(".cx-certificate input").first.fill("Ада Лавлейс")
    sheet = page.locator(".cx-certificate__sheet").inner_text()
    assert "Ада Лавлейс" in sheet and "Сертификат о прохождении" in sheet
    assert "Certificate" not in sheet and "Quiz results" not in sheet
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    if shutil.which("pdftotext"):
        printed = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Сертификат о прохождении" in printed and "Ада Лавлейс" in printed
