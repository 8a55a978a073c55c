"""The intranet promise: no page makes a request to any host other than the portal's own."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import search

PAGES = [
    "",
    "start-here/",
    "playbooks/leadership-5p/",
    "playbooks/cx-maturity/",
    "roles/",
    "roles/legal/",
    "roles/legal/onboarding/",
    "quizzes/",
    "quizzes/conflict-and-complaints/",
    "codes/",
    "season/",
    "glossary/",
]


def test_no_request_leaves_the_host(page, site_url, requests_log):
    for path in PAGES:
        response = page.goto(site_url + path, wait_until="networkidle")
        assert response is not None and response.ok, path
    # Search loads its index and worker on demand: open it too.
    page.goto(site_url, wait_until="networkidle")
    assert "committee" in search(page, "committee").lower()
    assert len(requests_log.urls) > 30, "the recorder saw too few requests to mean anything"
    assert requests_log.external() == []


def test_search_finds_a_playbook_in_english_and_a_code(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    assert "5P-5" in search(page, "persistent")
    # A code typed alone finds its item.
    assert "Persistent" in search(page, "5P-5")


@pytest.mark.parametrize("prefix, idle", [("", "Type to start searching"), ("ru/", "Начните печатать")])
@pytest.mark.parametrize("query", ["5P-2", "5p2"])
def test_a_code_finds_its_own_item_first_and_few_other_pages(page, site_url, prefix, idle, query):
    # lunr read "5P-2" as "5P, without 2": the principle's own section was left out, and "5p2"
    # listed 70 pages (every role page has a "2" somewhere).
    page.goto(site_url + prefix, wait_until="networkidle")
    search(page, query, idle=idle)
    first = page.locator(".md-search-result__list > .md-search-result__item").first
    # The item's page first, and on it the item's own section ahead of the others. (Material answers
    # every keystroke: wait for the answer to the whole query, "5P-" alone is another question.)
    best = first.locator(":scope > a h2").first
    expect(best).to_contain_text("5P-2", timeout=10_000)
    assert "Persuasive" in best.inner_text()
    assert first.locator(":scope > a h1").inner_text() in ("The purposeful leader", "Лидер, ориентированный на цель")
    # The count line ("7 matching documents"), not the list, which Material fills ten at a time.
    documents = int(re.search(r"\d+", page.locator(".md-search-result__meta").inner_text())[0])
    assert 1 <= documents <= 10, documents
