"""The intranet promise: no page makes a request to any host other than the portal's own."""

from __future__ import annotations

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
