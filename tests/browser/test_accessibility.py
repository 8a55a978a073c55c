"""axe-core finds no violations on every kind of page, in both colour schemes."""

from __future__ import annotations

import pytest

from .conftest import run_axe

PAGES = [
    "",
    "start-here/",
    "refresher/",
    "for-leaders/",
    "playbooks/silo-problem-zones/",
    "playbooks/silo-problem-zones/card/",
    "roles/",
    "roles/hr/",
    "roles/hr/onboarding/",
    "quizzes/",
    "codes/",
    "glossary/",
    "season/",
    "changes/",
    "manager/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_is_axe_clean(page, site_url, path):
    page.goto(site_url + path, wait_until="networkidle")
    assert run_axe(page) == [], path


def test_dark_scheme_is_axe_clean(page, site_url):
    page.emulate_media(color_scheme="dark")
    page.goto(site_url + "playbooks/leadership-5p/", wait_until="networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert run_axe(page) == []
