"""What no page may do to a reader on a phone or on paper, on every page of every language of every portal.

In Chromium at 390 px: no page wider than the screen (nothing scrolls or is cut off sideways) and no
diagram text (inline SVG) under 11 px; printed on A4: no diagram text under 7 pt. Each site is built once
per session (tests/conftest.py). Redirect pages (/go/…) are skipped: they leave before anyone sees them
(tests/test_reader_text.py reads them). Each check also gets a page with the defect planted.
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest

from cxportal.project import load_project

from ..conftest import READER_SITES, ROOT
from .conftest import served

PHONE = {"width": 390, "height": 844}
QUIZZES_OF_LEGAL = [
    s.target for s in load_project(ROOT)[0].roles["legal"].paths["onboarding"].steps if s.kind == "quiz"
]
# A4 (210 mm) less print.css's side margins (14 mm each), in CSS pixels: the width print lays pages out at.
PRINT_WIDTH = round((210 - 2 * 14) / 25.4 * 96)
MIN_PHONE_PX = 11
MIN_PRINT_PT = 7

# The page's width, what sticks out past the screen (outside any box that scrolls on its own), and the
# rendered size of every visible SVG text (its font size times the SVG's scale on screen).
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => {
    for (let up = el.parentElement; up && up !== document.documentElement; up = up.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll("*")].filter((el) => {
    const r = el.getBoundingClientRect();  // cheapest test first: most elements are within the screen
    if (!(r.width > 0 && r.right > width + 1) || el.closest("svg") && el.tagName.toLowerCase() !== "svg") return false;
    return el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && !scrolls(el);
  }).slice(0, 4).map((el) => el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
      ? "." + el.className.trim().split(/\\s+/).join(".") : "") + ` (${Math.round(el.getBoundingClientRect().right)} px)`);
  const text = [...document.querySelectorAll("svg text")].filter((t) => t.checkVisibility() && t.textContent.trim())
    .map((t) => {
      const m = t.getScreenCTM();
      return {text: t.textContent.trim().slice(0, 30), px: parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1)};
    });
  return {scroll: document.documentElement.scrollWidth, width, wide, text};
}"""


def pages_of(site: Path) -> list[str]:
    """Addresses of every page a reader can stay on (redirect pages leave at once)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text("utf-8", "replace")
        if re.search(r'<meta http-equiv="refresh"', html[:3000]):
            continue
        rel = path.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def has_diagram_text(site: Path, address: str) -> bool:
    path = site / (address + "index.html" if address.endswith("/") or not address else address)
    return re.search(r"<svg\b[^>]*>.*?<text\b", path.read_text("utf-8", "replace"), re.S) is not None


def phone_problems(page, url: str) -> list[str]:
    page.goto(url, wait_until="load")
    seen = page.evaluate(MEASURE)
    problems = []
    if seen["scroll"] > seen["width"] or seen["wide"]:
        problems.append(f"{seen['scroll']} px wide on a {seen['width']} px phone: {seen['wide']}")
    small = [t for t in seen["text"] if round(t["px"], 1) < MIN_PHONE_PX]  # sub-pixel layout: 10.9999 is 11
    if small:
        problems.append(f"{len(small)} diagram texts under {MIN_PHONE_PX} px, e.g. {small[:2]}")
    return problems


def print_problems(page, url: str) -> list[str]:
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    try:
        seen = page.evaluate(MEASURE)
    finally:
        page.emulate_media(media="screen")
    small = [t for t in seen["text"] if round(t["px"] * 0.75, 1) < MIN_PRINT_PT]
    return [f"{len(small)} diagram texts under {MIN_PRINT_PT} pt in print, e.g. {small[:2]}"] if small else []


def report(problems: dict[str, list[str]]) -> str:
    kinds = collections.Counter(
        p.split(" ", 2)[1] if "wide" in p else "diagram" for ps in problems.values() for p in ps
    )
    return f"{len(problems)} pages ({dict(kinds)}):\n" + "\n".join(
        f"  {address or '/'}: {'; '.join(ps)}" for address, ps in list(problems.items())[:25]
    )


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def paper(browser):
    context = browser.new_context(viewport={"width": PRINT_WIDTH, "height": 1100})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("site", READER_SITES)
def test_no_page_is_wider_than_a_phone_or_has_diagram_text_too_small_to_read(request, phone, site):
    folder = request.getfixturevalue(READER_SITES[site])
    problems = {}
    with served(folder) as base:
        for address in pages_of(folder):
            found = phone_problems(phone, base + address)
            if found:
                problems[address] = found
    assert not problems, report(problems)


@pytest.mark.parametrize("site", READER_SITES)
def test_no_diagram_prints_text_under_7_pt(request, paper, site):
    folder = request.getfixturevalue(READER_SITES[site])
    problems = {}
    with served(folder) as base:
        for address in [a for a in pages_of(folder) if has_diagram_text(folder, a)]:
            found = print_problems(paper, base + address)
            if found:
                problems[address] = found
    assert not problems, report(problems)


# Planted defects --------------------------------------------------------------------------------

PAGE = """<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width,initial-scale=1">
<style>body {{ margin: 0; font: 16px sans-serif; }} svg {{ width: 100%; height: auto; }}</style></head>
<body><main><p>Text that wraps as it should on any screen.</p>{body}</main></body></html>"""
DIAGRAM = '<svg viewBox="0 0 720 200"><text x="10" y="40" font-size="{size}">Front line</text></svg>'


@pytest.fixture
def planted(tmp_path):
    """plant(body) -> the address of a small page with `body` in it, served on loopback."""
    with served(tmp_path) as base:

        def plant(body: str) -> str:
            (tmp_path / "index.html").write_text(PAGE.format(body=body), "utf-8")
            return base

        yield plant


def test_a_clean_page_passes_on_a_phone_and_on_paper(phone, paper, planted):
    url = planted('<div style="overflow-x:auto"><table><tr><td>' + "wide " * 200 + "</td></tr></table></div>")
    assert phone_problems(phone, url) == []
    assert phone_problems(phone, planted(DIAGRAM.format(size=24))) == []
    assert print_problems(paper, planted(DIAGRAM.format(size=12))) == []


@pytest.mark.parametrize(
    "body",
    [
        '<table><tr><td style="white-space:nowrap">' + "a table too wide for a phone " * 3 + "</td></tr></table>",
        '<div style="width:563px">a fixed-width block</div>',
        # Cut off rather than scrolling (a clipped last column) still hides what sticks out.
        '<div style="overflow-x:hidden"><div style="width:600px">clipped</div></div>',
    ],
)
def test_a_page_wider_than_a_phone_is_caught(phone, planted, body):
    found = phone_problems(phone, planted(body))
    assert found and "px wide on a 390 px phone" in found[0], found


def test_diagram_text_too_small_on_a_phone_is_caught(phone, planted):
    # 12 px text in a 720-wide drawing shrunk to a 390 px screen: about 6 px.
    found = phone_problems(phone, planted(DIAGRAM.format(size=12)))
    assert found and "diagram texts under 11 px" in found[0], found


def test_diagram_text_too_small_in_print_is_caught(paper, planted):
    found = print_problems(paper, planted(DIAGRAM.format(size=8)))
    assert found and "under 7 pt in print" in found[0], found


# Pages that show more once the reader has done something ------------------------------------------


@pytest.mark.parametrize("lang", ["", "ru/"])
def test_a_completed_certificate_fits_a_phone(phone, site_url, lang):
    from .test_progress import complete_path

    complete_path(phone, site_url + lang)
    phone.locator(".cx-certificate__sheet").wait_for()
    phone.locator("#cx-certificate-name").fill("Анна-Мария Константинова-Щедрина")
    seen = phone.evaluate(MEASURE)
    assert seen["scroll"] <= seen["width"] and not seen["wide"], seen["wide"]


def load_team(page, base: str, lang: str) -> None:
    """Three progress files of two people (one of them exported twice) into the manager view."""
    import json

    from .test_progress import PLAYBOOKS, QUIZZES, progress_file

    ada = progress_file("Ада Лавлейс-Кинг", PLAYBOOKS, dict.fromkeys(QUIZZES, True))
    older = {**progress_file("Ада Лавлейс-Кинг", PLAYBOOKS[:1], {}), "exported": "2026-10-01"}
    grace = progress_file("Грейс Хоппер", PLAYBOOKS[:2], {QUIZZES[0]: False})
    page.goto(base + lang + "manager/")
    # manager.js binds the file field once the page is idle: files chosen before that are not read.
    page.locator("[data-cx-manager-files][data-cx-bound]").wait_for(state="attached")
    page.locator("[data-cx-manager-files]").set_input_files(
        files=[
            {"name": n, "mimeType": "application/json", "buffer": json.dumps(d).encode()}
            for n, d in (("ada.json", ada), ("grace.json", grace), ("ada-old.json", older), ("ada.json", ada))
        ]
    )
    page.locator(".cx-manager__table").wait_for()


@pytest.mark.parametrize("lang", ["", "ru/"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_manager_table_shows_every_column_and_each_person_once(browser, site_url, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        load_team(page, site_url, lang)
        people = page.locator(".cx-manager__table tbody th").all_inner_texts()
        assert sorted(people) == ["Ада Лавлейс-Кинг", "Грейс Хоппер"]
        # The newest of Ada's exports is the one shown: every quiz passed, not the October file's none.
        ada = page.locator(".cx-manager__table tbody tr", has_text="Ада").inner_text()
        assert ada.count("%") == len(QUIZZES_OF_LEGAL)
        assert "Ада Лавлейс-Кинг" in page.locator(".cx-manager__status").inner_text()
        # No column is cut off or needs a sideways scroll to be read.
        box = page.locator(".cx-manager__scroll").evaluate("el => [el.scrollWidth, el.clientWidth]")
        assert box[0] <= box[1], f"the table is {box[0]} px wide in a {box[1]} px box"
        seen = page.evaluate(MEASURE)
        assert seen["scroll"] <= seen["width"] and not seen["wide"], seen["wide"]
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["", "ru/"])
def test_a_role_page_shows_each_step_time_on_a_phone(phone, site_url, lang):
    phone.goto(site_url + lang + "roles/legal/", wait_until="load")
    # Every path table's last column (the time) is on screen without scrolling its box sideways.
    boxes = phone.locator(".cx-role-path .md-typeset__scrollwrap").evaluate_all(
        "els => els.map(el => [el.scrollWidth, el.clientWidth])"
    )
    assert len(boxes) == 2 and all(scroll <= width for scroll, width in boxes), boxes
    times = phone.locator(".cx-role-path tbody tr td:last-child").evaluate_all(
        "els => els.map(el => el.getBoundingClientRect().right)"
    )
    assert times and max(times) <= PHONE["width"], max(times)
