"""Walking a learning path: from each step, the next step and the way back to the path, by keyboard,
announced, in English and Russian, across Material's instant navigation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import make_project
from tests.test_translations import translated

from .conftest import built_and_served
from .test_quiz import answer_alpha


@pytest.fixture(scope="module")
def walk_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture portal with its Russian translation (agent's onboarding: alpha, its quiz, beta)."""
    with built_and_served(translated(make_project(tmp_path_factory.mktemp("walk")))) as url:
        yield url


@pytest.fixture(scope="module")
def plain_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture portal in English only (Material's instant navigation runs there in a test)."""
    with built_and_served(make_project(tmp_path_factory.mktemp("walk-en"))) as url:
        yield url


INSTANT = "url => { history.pushState(null, '', url); location$.next(new URL(url)); }"


def follow(page, name: str) -> None:
    """Reaches the link `name` inside the path navigation with Tab and opens it with Enter."""
    link = page.locator(".cx-walk").get_by_role("link", name=name)
    for _ in range(200):
        if page.evaluate("el => el === document.activeElement", link.element_handle()):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail(f"{name} cannot be reached with the keyboard")
    page.keyboard.press("Enter")


def test_a_reader_walks_the_path_step_by_step(page, walk_url):
    page.goto(walk_url + "playbooks/alpha/")
    assert page.locator(".cx-walk").count() == 0  # not come from a path: nothing to walk
    page.goto(walk_url + "roles/agent/onboarding/")
    page.locator("ol[data-cx-path] a", has_text="Alpha playbook").click()
    page.wait_for_url("**/playbooks/alpha/")
    walk = page.locator("nav.cx-walk")
    assert walk.get_attribute("aria-label") == "Your learning path"
    assert walk.locator(".cx-walk__where").inner_text().startswith("Step 1 of 3 of your path: ")
    assert walk.get_by_role("link", name="Back to the path").get_attribute("href").endswith("/roles/agent/onboarding/")
    # Marking the step read is announced with the way on.
    page.get_by_role("button", name="Mark as read").click()
    status = walk.locator('[role="status"]')
    assert status.get_attribute("aria-live") == "polite"
    next_link = walk.locator(".cx-walk__next a")
    quiz_title = next_link.inner_text()
    assert status.inner_text() == f"Step done. Next step: {quiz_title}."
    # The keyboard follows it.
    follow(page, quiz_title)
    page.wait_for_url("**/quizzes/alpha/")
    page.wait_for_selector(".cx-quiz__form")
    assert walk.locator(".cx-walk__where").inner_text().startswith("Step 2 of 3")
    assert walk.locator(".cx-walk__next a").inner_text() == "Beta playbook"
    # Passing the quiz announces the next step too.
    answer_alpha(page, right=True)
    page.get_by_role("button", name="Check").click()
    assert walk.locator('[role="status"]').inner_text() == "Step done. Next step: Beta playbook."
    follow(page, "Beta playbook")
    page.wait_for_url("**/playbooks/beta/")
    page.get_by_role("button", name="Mark as read").click()
    assert "Every step of this path is done" in walk.locator('[role="status"]').inner_text()
    follow(page, "Back to the path")
    page.wait_for_url("**/roles/agent/onboarding/")
    assert page.locator(".cx-path__step--done").count() == 3


def test_the_path_navigation_speaks_russian_on_the_russian_site(page, walk_url):
    page.goto(walk_url + "ru/roles/agent/onboarding/")
    page.locator("ol[data-cx-path] a").first.click()
    page.wait_for_url("**/ru/playbooks/alpha/")
    walk = page.locator("nav.cx-walk")
    assert walk.get_attribute("aria-label") == "Ваш учебный маршрут"
    assert walk.locator(".cx-walk__where").inner_text().startswith("Шаг 1 из 3 вашего маршрута: ")
    assert (
        walk.get_by_role("link", name="Вернуться к маршруту")
        .get_attribute("href")
        .endswith("/ru/roles/agent/onboarding/")
    )
    assert "Следующий шаг:" in walk.locator(".cx-walk__next").inner_text()


def test_the_path_navigation_follows_materials_instant_navigation(page, plain_url):
    walk_url = plain_url
    page.goto(walk_url + "roles/agent/onboarding/")
    page.locator("ol[data-cx-path] a", has_text="Alpha playbook").click()
    page.wait_for_url("**/playbooks/alpha/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__cxSameDocument = true")
    # What Material does on a click (its sitemap names the intranet host, so here it is done by hand):
    # push the new address, then fetch the page and swap its content in, without loading a document.
    page.evaluate(INSTANT, walk_url + "quizzes/alpha/")
    page.wait_for_function("() => document.querySelector('.cx-walk__where')?.textContent.startsWith('Step 2 of 3')")
    assert page.evaluate("window.__cxSameDocument") is True
    assert page.locator("nav.cx-walk").count() == 1
    page.evaluate(INSTANT, walk_url + "glossary/")  # not a step: no path navigation
    page.wait_for_function("() => !document.querySelector('.cx-walk')")


def test_a_stored_path_cannot_lead_to_another_host(page, plain_url):
    # The stored path comes from this browser or an imported progress file: treat it as data.
    page.goto(plain_url + "playbooks/alpha/")
    last = {
        "path": "agent/onboarding",
        "title": "<b>Agent</b>",
        "href": "/roles/agent/onboarding/",
        "steps": [
            {"step": "playbook:alpha", "title": "Alpha", "href": "/playbooks/alpha/"},
            {"step": "playbook:beta", "title": "Elsewhere", "href": "//evil.example/"},
        ],
    }
    page.evaluate("last => localStorage.setItem('cxportal:v1:progress:last', JSON.stringify(last))", last)
    page.reload()
    walk = page.locator("nav.cx-walk")
    assert walk.locator(".cx-walk__where").inner_text() == "Step 1 of 2 of your path: <b>Agent</b>"
    assert walk.locator('a[href*="evil"]').count() == 0
    assert walk.get_by_role("link", name="Back to the path").get_attribute("href") == "/roles/agent/onboarding/"
