"""Short links /go/<code>/ lead to the item, in either case, from a web server and from file://."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("code", ["5p-5", "5P-5"])
def test_short_link_over_http_lands_at_the_item(page, site_url, code):
    page.goto(site_url + f"go/{code}/")
    page.wait_for_url("**/playbooks/leadership-5p/**#5p-5")
    heading = page.locator('[id="5p-5"]')
    assert heading.get_attribute("data-cx-code") == "5P-5"
    assert heading.is_visible()


@pytest.mark.parametrize("code", ["5p-5", "5P-5", "pz-10"])
def test_short_link_from_file_lands_at_the_item(page, built_site, code):
    page.goto("file://" + str(built_site / "go" / code / "index.html"))
    page.wait_for_url(f"file://**/playbooks/*/index.html#{code.lower()}")
    assert page.locator(f'[id="{code.lower()}"]').get_attribute("data-cx-code") == code.upper()


def test_code_links_on_the_codes_page_reach_their_items(page, site_url):
    page.goto(site_url + "codes/")
    page.locator("#code-pz-03 a").click()
    page.wait_for_url("**/playbooks/silo-problem-zones/#pz-03")
    assert page.locator('[id="pz-03"]').is_visible()
