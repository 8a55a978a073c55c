"""The report page as a training manager opens it: at 1280 and 390 px, sortable and filterable by
keyboard, no sideways scrolling, chart labels readable on a phone, no request to any host."""

from __future__ import annotations

from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_report_reads_at_both_widths(browser, cohort_report, lang, width):
    _, outputs = cohort_report
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((outputs[lang][0] / "index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The visible chart's labels, as rendered: at least 11 px tall.
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('figure.chart svg')]
             .filter((svg) => svg.getBoundingClientRect().width > 0)
             .flatMap((svg) => [...svg.querySelectorAll('text')])
             .map((t) => t.getBoundingClientRect().height))"""
    )
    assert smallest >= 11, smallest
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.getElementById('questions').scrollIntoView()")
    page.screenshot(path=str(SCREENSHOTS / f"report-{lang}-{width}.png"))
    assert all(url.startswith("file://") for url in requests), requests
    page.close()


def test_sorting_and_filtering_work_from_the_keyboard(browser, cohort_report):
    _, outputs = cohort_report
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((outputs["en"][0] / "index.html").as_uri())
    table = page.locator("#team-table")
    steps = table.locator("thead th").nth(4)
    steps.locator("button").focus()
    page.keyboard.press("Enter")
    assert steps.get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Enter")
    assert steps.get_attribute("aria-sort") == "descending"
    first = table.locator("tbody tr").first.locator("td").nth(4).inner_text()
    assert first.startswith(("3/3", "2/2"))
    page.select_option("select[data-column=team]", "North")
    visible = page.evaluate("[...document.querySelectorAll('#team-table tbody tr')].filter(r => !r.hidden).length")
    assert visible == page.locator("#team-table tbody tr[data-team=North]").count() > 0
    page.close()
