"""Print: content without the site chrome, link URLs and codes, open folded blocks, a footer; one-page meeting cards."""

from __future__ import annotations

import re
import subprocess

import pytest

from cxportal.project import load_project

from ..conftest import ROOT

CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"]


def version_of(playbook_id: str) -> str:
    portal, _problems = load_project(ROOT)
    return portal.playbooks[playbook_id].version


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def printed(page, url: str) -> bytes:
    page.goto(url)
    page.locator(".cx-print-footer").wait_for(state="attached")
    page.emulate_media(media="print")
    return page.pdf(format="A4")


def test_a_printed_playbook_has_no_navigation_and_a_footer(page, site_url):
    pdf = printed(page, site_url + "playbooks/leadership-5p/")
    assert pdf_pages(pdf) >= 2  # a whole playbook, not just its first screen
    for selector in CHROME + [".cx-cite"]:
        assert not any(page.locator(selector).evaluate_all("els => els.map(e => e.checkVisibility())")), selector
    footer = page.locator(".cx-print-footer")
    assert footer.is_visible()
    text = footer.inner_text()
    assert "The purposeful leader" in text and f"version {version_of('leadership-5p')}" in text
    assert "http://cx.intranet.example/playbooks/leadership-5p/" in text


def test_print_expands_folded_blocks(page, site_url):
    page.goto(site_url + "playbooks/leadership-5p/")
    # The shipped playbooks fold nothing yet; an author's `??? note` block renders as this.
    page.evaluate("""() => document.querySelector('.md-content__inner').insertAdjacentHTML('beforeend',
        '<details class="note"><summary>More</summary><p id="folded-text">Folded text</p></details>')""")
    assert not page.locator("#folded-text").is_visible()
    page.emulate_media(media="print")
    page.wait_for_function("() => document.querySelectorAll('details:not([open])').length === 0")
    assert page.locator("#folded-text").is_visible()
    page.emulate_media(media="screen")
    page.wait_for_function("() => document.querySelectorAll('details:not([open])').length > 0")


def test_print_shows_where_links_lead(page, site_url):
    page.goto(site_url + "codes/")
    page.emulate_media(media="print")
    link = page.locator("#code-5p-5 a")
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert "5P-5: http://cx.intranet.example/go/5p-5/" in after


@pytest.mark.parametrize("playbook", ["silo-problem-zones", "leadership-5p", "cx-maturity", "back-office-cx"])
def test_a_meeting_card_prints_on_one_page(page, site_url, playbook):
    pdf = printed(page, site_url + f"playbooks/{playbook}/card/")
    assert pdf_pages(pdf) == 1
    for selector in CHROME:
        assert not any(page.locator(selector).evaluate_all("els => els.map(e => e.checkVisibility())")), selector


def test_the_meeting_card_lists_codes_titles_and_summaries(page, site_url):
    page.goto(site_url + "playbooks/silo-problem-zones/")
    page.get_by_role("link", name="Meeting card").click()
    page.wait_for_url("**/playbooks/silo-problem-zones/card/")
    rows = page.locator(".cx-card__items tbody tr")
    assert rows.count() == 10
    first = rows.first.inner_text()
    assert "PZ-01" in first and "Between departments" in first
    assert len(rows.first.locator("td").nth(2).inner_text()) > 20
    meta = page.locator(".cx-card__meta").inner_text()
    assert f"Version {version_of('silo-problem-zones')}" in meta and "<time" not in meta


# Print budgets in both languages ----------------------------------------------------------------


def pdf_text(pdf: bytes, tmp_path) -> str:
    target = tmp_path / "printed.pdf"
    target.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", ["", "ru/"])
def test_the_certificate_prints_whole_on_one_a4_page(page, site_url, tmp_path, lang):
    from .test_progress import complete_path

    complete_path(page, site_url + lang)
    page.locator(".cx-certificate__sheet").wait_for()
    page.locator("#cx-certificate-name").fill("Анна-Мария Константинова-Щедрина")
    lines = page.locator(".cx-certificate__sheet").evaluate(
        "sheet => [...sheet.querySelectorAll('p, td, caption')].map(e => e.textContent.trim()).filter(Boolean)"
    )
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert pdf_pages(pdf) == 1
    # Nothing of the sheet is cut off: every word of its last line (the version) and of every quiz and
    # practice row is on paper (word by word: pdftotext interleaves the table's wrapped columns).
    printed = set(re.findall(r"\w+", pdf_text(pdf, tmp_path)))
    missing = [line for line in lines if not set(re.findall(r"\w+", line)) <= printed]
    assert not missing, f"cut off in print: {missing}"


@pytest.mark.parametrize("lang", ["", "ru/"])
def test_the_purposeful_leader_and_its_card_keep_their_print_budgets(page, site_url, lang):
    assert pdf_pages(printed(page, site_url + lang + "playbooks/leadership-5p/")) <= 5
    assert pdf_pages(printed(page, site_url + lang + "playbooks/leadership-5p/card/")) == 1
