"""What a page loads and when (issue 15, Lighthouse on a phone): portal scripts never block the parser,
page-specific styles and scripts load only where used, nothing costly runs while a page loads, and the
quiz (built lazily) still works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PLAYBOOK = "playbooks/leadership-5p/"
PATH = "roles/legal/onboarding/"
ASSETS = "/assets/cxportal/"

# Counts the Intl formatters a page makes: the first NumberFormat or DateTimeFormat costs some 40 ms.
COUNT_INTL = """
window.__cxIntl = {NumberFormat: 0, DateTimeFormat: 0};
for (const name of ["NumberFormat", "DateTimeFormat"]) {
  const Original = Intl[name];
  Intl[name] = function (...args) { window.__cxIntl[name]++; return new Original(...args); };
  Intl[name].prototype = Original.prototype;
  Intl[name].supportedLocalesOf = Original.supportedLocalesOf;
}
"""
# The browser never idle: only coming near the quiz builds it.
NEVER_IDLE = "window.requestIdleCallback = () => 0;"


def portal_requests(requests_log) -> set[str]:
    return {url.split(ASSETS, 1)[1] for url in requests_log.urls if ASSETS in url}


def head_and_body(built_site: Path, page: str) -> tuple[str, str]:
    html = (built_site / page / "index.html").read_text("utf-8")
    head, body = html.split("</head>", 1)
    return head, body


@pytest.mark.parametrize("page_path", ["", PLAYBOOK, PATH])
def test_portal_scripts_never_block_the_parser(built_site, page_path):
    head, body = head_and_body(built_site, page_path)
    for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head + body):
        if "cxportal/" in tag:
            assert 'type="module"' in tag or " defer" in tag, tag
    # In <head>, the portal adds one stylesheet every page needs; the print sheet does not block the screen.
    sheets = re.findall(r'<link rel="stylesheet" href="[^"]*cxportal/([^"]+)"([^>]*)>', head)
    assert [(name, media) for name, media in sheets] == [("cxportal.css", ""), ("print.css", ' media="print"')]


def test_a_playbook_loads_quiz_assets_but_no_progress_styles(page, site_url, requests_log):
    page.goto(site_url + PLAYBOOK, wait_until="networkidle")
    loaded = portal_requests(requests_log)
    assert {"cxportal.css", "quiz.css", "quiz.js", "cite.js", "progress.js"} <= loaded
    assert not loaded & {"progress.css", "manager.js", "certificate.js", "codes.js"}, loaded
    # Mark as read still has its styles (they moved into cxportal.css).
    button = page.locator(".cx-read__button")
    assert button.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.cx-read')).marginTop") != "0px"


@pytest.mark.parametrize("page_path", ["", PATH, "changes/", "season/", "manager/"])
def test_pages_with_progress_load_its_styles_and_others_not_quiz(page, site_url, requests_log, page_path):
    page.goto(site_url + page_path, wait_until="networkidle")
    loaded = portal_requests(requests_log)
    assert "progress.css" in loaded
    if page_path == "":
        assert not loaded & {"quiz.css", "quiz.js", "certificate.js", "codes.js"}, loaded


def test_instant_navigation_brings_the_progress_styles(page, site_url):
    page.goto(site_url + PLAYBOOK, wait_until="networkidle")
    assert not page.evaluate("[...document.styleSheets].some(s => (s.href || '').endsWith('progress.css'))")
    page.evaluate("url => location$.next(new URL(url))", site_url + PATH)
    page.wait_for_selector("article .cx-progress .cx-progress__bar")
    page.wait_for_function("[...document.styleSheets].some(s => (s.href || '').endsWith('progress.css'))")
    bar = page.locator("article .cx-progress__bar").first
    assert bar.evaluate("el => getComputedStyle(el).width") != "auto"
    assert bar.evaluate("el => getComputedStyle(el).appearance") == "none"  # progress.css is in force


@pytest.mark.parametrize("page_path", ["", PLAYBOOK, PATH])
def test_loading_a_page_makes_no_number_or_date_formatter(context, site_url, page_path):
    context.add_init_script(COUNT_INTL)
    page = context.new_page()
    page.goto(site_url + page_path, wait_until="networkidle")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__cxIntl") == {"NumberFormat": 0, "DateTimeFormat": 0}


def test_small_numbers_are_written_as_intl_would(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    for prefix in ("", "ru/"):
        checked = page.evaluate(
            """async (url) => {
              const {formatNumber, lang} = await import(url);
              const intl = new Intl.NumberFormat(lang);
              return [lang, [0, 7, 42, 999, 1000, 12345, 1.5, -3].filter((n) => formatNumber(n) !== intl.format(n))];
            }""",
            f"{site_url}{prefix}assets/cxportal/i18n.js",
        )
        assert checked[1] == [], checked


def test_the_quiz_is_built_when_the_reader_comes_near_it(context, site_url):
    context.add_init_script(NEVER_IDLE)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + PLAYBOOK, wait_until="networkidle")
    page.wait_for_timeout(500)
    quiz = page.locator(".cx-quiz").first
    assert quiz.locator(".cx-quiz__form").count() == 0, "the quiz at the end of the playbook was built on load"
    quiz.scroll_into_view_if_needed()
    page.wait_for_selector(".cx-quiz__questions:not([aria-busy])")
    assert quiz.locator("[data-cx-question]").count() == 8
    quiz.locator("input[type=radio]").first.check()
    quiz.get_by_role("button", name="Check").click()
    assert "Not passed yet." in quiz.locator(".cx-quiz__result").inner_text()


def test_the_quiz_is_built_when_idle_without_scrolling(page, site_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + PLAYBOOK, wait_until="networkidle")
    assert page.evaluate("scrollY") == 0
    page.wait_for_selector(".cx-quiz__questions:not([aria-busy])", state="attached", timeout=5000)
    assert page.locator(".cx-quiz [data-cx-question]").count() == 8
    assert page.evaluate("scrollY") == 0


def test_links_show_where_they_lead_in_print_even_before_the_browser_is_idle(context, site_url):
    context.add_init_script(NEVER_IDLE)  # the addresses for print are otherwise filled in when idle
    page = context.new_page()
    page.goto(site_url + "codes/", wait_until="networkidle")
    assert page.locator("#code-5p-5 a").get_attribute("data-cx-print-href") is None
    page.emulate_media(media="print")
    after = page.locator("#code-5p-5 a").evaluate("a => getComputedStyle(a, '::after').content")
    assert "5P-5: http://cx.intranet.example/go/5p-5/" in after


def test_the_transfer_form_is_built_without_scrolling(page, site_url, requests_log):
    page.goto(site_url, wait_until="networkidle")
    page.wait_for_selector(".cx-transfer", state="attached", timeout=5000)
    assert "manager.js" in portal_requests(requests_log)
    assert page.evaluate("scrollY") == 0
