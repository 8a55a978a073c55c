"""The screenshot review: every page type at desktop (1280 px) and phone (390 px) width.

Each page is saved as a PNG under test-results/screenshots/ (ignored by git) for a person to look
at, and checked automatically for what a reader would notice: raw Markdown or template syntax in
the visible text, a page wider than the phone, chart text below 12 px, form fields without a
visible border, and links that lead nowhere. Print budgets are checked through Chromium's PDF.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest

from .test_progress import PLAYBOOKS, complete_path, progress_file

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}

# What raw Markdown or template syntax looks like when it reaches a reader (see the list).
RAW = re.compile(
    r"(?<![\w/:]):[a-z][a-z0-9_+-]*[a-z0-9]:(?![\w/])"  # :material-rocket:, :smile: shortcodes
    r"|\{\s*[.#][\w-]+[^}\n]*\}"  # { .lg .middle }, { #anchor } attribute lists
    r"|^\*\[[^\]]+\]:"  # *[term]: abbreviation definitions
    r"|^\s*#{1,6} \S"  # a Markdown heading left as text
    r"|\{\{.*?\}\}|\{%.*?%\}",  # Jinja
    re.M,
)

VISIBLE_TEXT = """() => {
  const skip = "code, pre, script, style, textarea, noscript, kbd";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const lines = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest(skip) || !el.checkVisibility()) continue;
    if (node.textContent.trim()) lines.push(node.textContent.trim());
  }
  return lines.join("\\n");
}"""

CELL_HEADINGS = """() => [...document.querySelectorAll("td, th")]
  .map((c) => c.innerText.trim()).filter((t) => /^#{1,6}\\s/.test(t)).map((t) => t.slice(0, 60))"""

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll(".md-content *")].filter((el) => {
    if (!el.checkVisibility() || el.closest(".md-typeset__scrollwrap, pre, .highlight")) return false;
    for (let up = el.parentElement; up; up = up.parentElement) {  // inside its own scroll box: fine
      if (["auto", "scroll"].includes(getComputedStyle(up).overflowX) && up !== document.documentElement) return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1;
  }).slice(0, 5).map((el) => el.tagName.toLowerCase() + "." + [...el.classList].join("."));
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""

CHART_TEXT = """() => [...document.querySelectorAll(".cx-chart svg")].filter((svg) => svg.checkVisibility())
  .flatMap((svg) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll("text")].map((t) => ({
      text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale }));
  })"""

FIELDS = """() => {
  const rgba = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const visible = (c) => { const [r, g, b, a = 1] = rgba(c); return a > 0.25; };
  const fields = [...document.querySelectorAll("input, select, textarea")].filter((el) =>
    el.checkVisibility() && !["radio", "checkbox", "hidden"].includes(el.type) && !el.closest(".md-search"));
  return fields.filter((el) => {
    const style = getComputedStyle(el, el.type === "file" ? "::file-selector-button" : null);
    const border = parseFloat(style.borderTopWidth) > 0 && style.borderTopStyle !== "none" && visible(style.borderTopColor);
    const filled = visible(style.backgroundColor) && style.backgroundColor !== getComputedStyle(document.body).backgroundColor;
    return !(border || filled);
  }).map((el) => `${el.tagName.toLowerCase()}#${el.id || "?"}`);
}"""

LINKS = """() => [...document.querySelectorAll("a[href]")].map((a) => a.href)"""

BROKEN_BADGES = """() => [...document.querySelectorAll(".cx-code")].filter((el) => el.checkVisibility())
  .filter((el) => el.getClientRects().length > 1).map((el) => el.textContent)"""


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that answers unknown addresses with the site's own 404 page, as a web server would."""

    def log_message(self, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def review_url(built_site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_SiteHandler, directory=str(built_site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _answer_and_check(page, base: str) -> None:
    quiz = page.locator(".cx-quiz[data-cx-ready]").first
    for fieldset in quiz.locator("fieldset").all():
        choice = fieldset.locator("input[type=radio], input[type=checkbox]")
        if choice.count():
            choice.first.check()
    quiz.get_by_role("button", name="Check").click()
    page.locator(".cx-quiz__result p").first.wait_for()


def _show_answers(page, base: str) -> None:
    _answer_and_check(page, base)
    shown = page.get_by_role("button", name="Show the right answers")
    if shown.is_visible():  # a fail: the answers show when the reader asks
        shown.click()


def _walk_a_step(page, base: str) -> None:
    """From the path page to its first step, marked read: the path navigation offers the next step."""
    page.locator("ol[data-cx-path] a").first.click()
    page.locator(".cx-read__button").click()
    page.locator(".cx-walk__next").wait_for()


def _load_team(page, base: str) -> None:
    files = [
        ("ada.json", progress_file("Ada", PLAYBOOKS, dict.fromkeys(PLAYBOOKS, True))),
        ("grace.json", progress_file("Grace", PLAYBOOKS[:2], {"values-onboarding": False})),
    ]
    page.get_by_label("Progress files (.json)").set_input_files(
        files=[{"name": n, "mimeType": "application/json", "buffer": json.dumps(d).encode()} for n, d in files]
    )
    page.locator(".cx-manager__table").wait_for()


def _complete(page, base: str) -> None:
    complete_path(page, base)
    page.locator(".cx-certificate__sheet").wait_for()


# name: (address, what to do once it is open)
PAGES: dict[str, tuple[str, Callable | None]] = {
    "home": ("", None),
    "start-here": ("start-here/", None),
    "role": ("roles/legal/", None),
    "path": ("roles/legal/onboarding/", None),
    "playbook-quiz-before-check": ("playbooks/leadership-5p/", None),
    "playbook-quiz-after-check": ("playbooks/leadership-5p/", _answer_and_check),
    "quiz-answers-shown": ("quizzes/leadership-5p/", _show_answers),
    "path-step": ("roles/legal/onboarding/", _walk_a_step),
    "playbooks": ("playbooks/", None),
    "codes": ("codes/", None),
    "glossary": ("glossary/", None),
    "season": ("season/", None),
    "what-changed": ("changes/", None),
    "manager": ("manager/", _load_team),
    "certificate": ("roles/legal/onboarding/", _complete),
    "meeting-card": ("playbooks/leadership-5p/card/", None),
    "not-found": ("go/no-such-code/", None),
    "go-link": ("go/5p-2/", None),
}


def _resolves(url: str, cache: dict[str, int]) -> bool:
    target = urldefrag(url).url
    if target not in cache:
        try:
            with urllib.request.urlopen(urllib.request.Request(target, method="HEAD"), timeout=10) as response:
                cache[target] = response.status
        except urllib.error.HTTPError as error:
            cache[target] = error.code
        except OSError:
            cache[target] = 0
    return cache[target] == 200


@pytest.fixture(scope="module")
def link_status() -> dict[str, int]:
    return {}


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", list(PAGES))
def test_page_looks_right(browser, review_url, link_status, name, width):
    address, action = PAGES[name]
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(review_url + address)
        if name == "go-link":
            page.wait_for_url("**/playbooks/leadership-5p/#5p-2")
        page.wait_for_load_state("networkidle")
        if action:
            action(page, review_url)
        page.wait_for_timeout(700)  # Material's header tabs fade in
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-{w}.png"), full_page=True)

        text = page.evaluate(VISIBLE_TEXT)
        raw = sorted({m.group(0).strip()[:50] for m in RAW.finditer(text)})
        assert not raw, f"raw Markdown or template syntax is visible on {name}: {raw}"
        assert not page.evaluate(CELL_HEADINGS), f"a heading is inside a table cell on {name}"
        assert not errors, f"JavaScript errors on {name}: {errors}"

        if width == "phone":
            overflow = page.evaluate(OVERFLOW)
            assert overflow["scroll"] <= overflow["width"] and not overflow["wide"], (
                f"{name} is wider than a {w} px phone: {overflow}"
            )

        broken_badges = page.evaluate(BROKEN_BADGES)
        assert not broken_badges, f"code badges broken across lines on {name}: {broken_badges[:5]}"

        small = [t for t in page.evaluate(CHART_TEXT) if t["px"] < 12]
        assert not small, f"chart text below 12 px on {name}: {small[:5]}"

        invisible = page.evaluate(FIELDS)
        assert not invisible, f"form fields without a visible border on {name}: {invisible}"

        site = urlparse(review_url).netloc
        links = sorted({u for u in page.evaluate(LINKS) if urlparse(u).netloc == site})
        broken = [u for u in links if not _resolves(u, link_status)]
        assert not broken, f"links that lead nowhere on {name}: {broken[:5]}"
    finally:
        context.close()


def test_an_unknown_short_link_points_to_the_codes_page(page, review_url):
    page.goto(review_url + "go/5p-9/")
    note = page.locator("[data-cx-404-go]")
    assert note.is_visible() and "There is no code 5P-9" in note.inner_text()
    page.get_by_role("link", name="Codes page").click()
    page.wait_for_url("**/codes/")


def test_a_short_link_lands_on_a_clean_address(page, review_url):
    page.goto(review_url + "go/5p-2/")
    page.wait_for_url("**/playbooks/leadership-5p/#5p-2")
    assert "index.html" not in page.url


def test_the_home_page_shows_start_cards_first_to_a_first_time_visitor(page, review_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(review_url)
    cards = page.locator(".grid.cards").bounding_box()
    transfer = page.locator(".cx-transfer").bounding_box()
    assert transfer["y"] > cards["y"] + cards["height"], "progress export sits above the start cards"
    assert page.locator("[data-cx-continue]").is_hidden()
    assert page.locator(".grid.cards svg").count() >= 8  # the icons render as icons


# Print budgets, measured on Chromium's PDF ------------------------------------------------------


def _pdf(page, url: str, tmp_path: Path, name: str) -> tuple[int, str]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    target = tmp_path / f"{name}.pdf"
    target.write_bytes(page.pdf(format="A4"))
    if not shutil.which("pdfinfo"):
        pytest.fail("poppler-utils is missing: run `make browser-deps`")
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True).stdout
    return pages, text


CONTROLS = (
    "Mark as read",
    "Cite",
    "Print with answers",
    "Show the right answers",
    "Choose File",
    "Export my progress",
    "Show hint",
    "Retry",
)


def test_the_purposeful_leader_prints_on_at_most_five_pages_without_controls(page, review_url, tmp_path):
    pages, text = _pdf(page, review_url + "playbooks/leadership-5p/", tmp_path, "leadership-5p")
    assert pages <= 5, f"{pages} A4 pages"
    for control in CONTROLS:
        assert not re.search(rf"\b{control}\b", text), f"'{control}' is printed"
    assert not re.search(r"·\s*$", text, re.M), "a line ends with a dangling '·'"
    # The quiz prints as one line saying where to take it, not as empty boxes.
    assert "take it online at http://cx.intranet.example/quizzes/leadership-5p/" in text
    assert "Passionate" in text and "Summary for leaders" in text


@pytest.mark.parametrize("playbook", ["leadership-5p", "silo-problem-zones", "cx-maturity", "values-onboarding"])
def test_a_meeting_card_fills_one_page_with_every_item(page, review_url, tmp_path, playbook):
    page.goto(review_url + f"playbooks/{playbook}/card/")
    rows = page.locator(".cx-card__items tbody tr")
    items = [
        (
            rows.nth(i).get_attribute("data-cx-code"),
            rows.nth(i).locator(".cx-card__title strong").inner_text(),
            rows.nth(i).locator(".cx-card__summary").inner_text(),
        )
        for i in range(rows.count())
    ]
    assert items
    pages, text = _pdf(page, review_url + f"playbooks/{playbook}/card/", tmp_path, playbook)
    assert pages == 1
    flat = " ".join(text.split())
    for code, title, summary in items:
        assert code in flat and f"cx.intranet.example/go/{code.lower()}/" in flat
        assert all(word in flat for word in title.split())
        assert " ".join(summary.split()[:3]) in flat or summary.split()[0] in flat
    # It fills the page: the table reaches well down the sheet.
    height = page.evaluate("document.querySelector('.cx-card__items').getBoundingClientRect().height")
    assert height > 600, f"the card's table is only {height:.0f} px tall in print"


def test_the_certificate_prints_a_line_for_the_name_not_the_hint(page, review_url, tmp_path):
    complete_path(page, review_url)
    page.locator(".cx-certificate__sheet").wait_for()
    field = page.get_by_label("Your name")
    field.fill("")
    border = field.evaluate("el => getComputedStyle(el).borderTopWidth")
    assert float(border.rstrip("px")) >= 1
    page.emulate_media(media="print")
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "type your name" not in text
    # The score table is spaced: the title and its score do not run together.
    assert not re.search(r"check yourself\d", text)


def test_search_for_a_code_without_its_dash_finds_it(page, review_url):
    from .conftest import search

    page.goto(review_url, wait_until="networkidle")
    assert "Persuasive" in search(page, "5p2")


def test_code_badges_carry_no_glossary_underline(page, review_url):
    page.goto(review_url + "playbooks/leadership-5p/")
    styles = page.locator(".cx-code abbr").evaluate_all(
        "els => els.map(e => [getComputedStyle(e).borderBottomStyle, getComputedStyle(e).textDecorationLine])"
    )
    assert styles, "no glossary term inside a code badge to check"
    assert all(border == "none" and line == "none" for border, line in styles)


def test_the_progress_bar_at_zero_reads_as_empty(page, review_url):
    page.goto(review_url + "roles/legal/onboarding/")
    bar = page.locator("article .cx-progress__bar")
    assert bar.get_attribute("value") == "0"
    # The empty track is the page background, not a thick dark bar.
    track = bar.evaluate("el => getComputedStyle(el, '::-webkit-progress-bar').backgroundColor")
    page_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert track == page_bg or track in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")


def test_start_here_is_short_and_leaves_the_role_cards_to_the_roles_page(page, review_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(review_url + "start-here/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 4500, f"Start here is {height} px long"
    assert page.locator(".cx-role-card").count() == 0
    assert page.locator(".cx-role-list li").count() == 12
