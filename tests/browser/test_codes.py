"""The Codes page: filter by playbook and sort by column, by keyboard, with the result announced."""

from __future__ import annotations

from tests.browser.conftest import run_axe
from tests.browser.test_cite import axe_on


def visible_codes(page) -> list[str]:
    return page.eval_on_selector_all(
        ".cx-codes__table tbody tr:not([hidden]) td:first-child", "cells => cells.map(c => c.textContent.trim())"
    )


def test_filter_by_playbook(page, site_url):
    page.goto(site_url + "codes/")
    assert len(visible_codes(page)) == 47
    page.get_by_label("Show codes of").select_option(label="Ten problem zones of silos")
    assert visible_codes(page) == [f"PZ-{n:02d}" for n in range(1, 11)]
    status = page.locator("[data-cx-codes-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert "Showing 10 of 47 codes" in status.text_content()
    page.get_by_label("Show codes of").select_option(value="")
    assert len(visible_codes(page)) == 47


def test_sort_by_code_with_the_keyboard(page, site_url):
    page.goto(site_url + "codes/")
    button = page.get_by_role("button", name="Code", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    header = page.locator(".cx-codes__table th").first
    assert header.get_attribute("aria-sort") == "ascending"
    codes = visible_codes(page)
    assert codes.index("PZ-02") < codes.index("PZ-10")  # numbers sort as numbers
    assert codes.index("5P-5") < codes.index("VAL-1")
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    assert visible_codes(page)[0] == "VOC-4"
    assert "Sorted by Code, descending" in page.locator("[data-cx-codes-status]").text_content()


def test_codes_page_is_accessible(page, site_url):
    page.goto(site_url + "codes/")
    page.get_by_role("button", name="Title").click()
    assert axe_on(page, [".cx-codes"]) == []
    assert run_axe(page) == []
