"""Cite buttons: one click copies a versioned citation; without the clipboard API, a box to copy by hand."""

from __future__ import annotations

from tests.browser.conftest import inject_axe, run_axe

# Material's own chrome (search dialog name, tab colours) and the content's task-list checkboxes
# are outside this feature; they are checked where they are owned.


def axe_on(page, selectors: list[str]) -> list[dict]:
    """axe-core's violations inside the given parts of the page only."""
    inject_axe(page)
    result = page.evaluate(
        "async (sel) => (await axe.run({include: sel.map(s => [s])}, {resultTypes: ['violations']})).violations",
        selectors,
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result]


PLAYBOOK = "playbooks/leadership-5p/"
ITEM_CITATION = (
    "5P-5 Persistent — The purposeful leader, v1.0 (reviewed 2026-11-20): http://cx.intranet.example/go/5p-5/"
)


def test_cite_copies_the_item_citation_to_the_clipboard(page, site_url):
    page.goto(site_url + PLAYBOOK)
    page.get_by_role("button", name="Cite 5P-5 Persistent").click()
    status = page.locator(".cx-cite-status")
    status.wait_for(state="attached")
    page.wait_for_function("() => document.querySelector('.cx-cite-status').textContent.startsWith('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == ITEM_CITATION
    assert status.get_attribute("aria-live") == "polite"
    # Sighted readers see it too: a note beside the button, for a moment.
    note = page.locator('[id="5p-5"] + button.cx-cite + .cx-cite-copied')
    assert note.inner_text() == "Copied ✓" and note.is_visible()
    note.wait_for(state="detached", timeout=5000)


def test_cite_the_whole_playbook(page, site_url):
    page.goto(site_url + PLAYBOOK)
    page.get_by_role("button", name="Cite this playbook: The purposeful leader").click()
    page.wait_for_function("() => document.querySelector('.cx-cite-status').textContent.startsWith('Copied')")
    assert page.evaluate("navigator.clipboard.readText()") == (
        "The purposeful leader, v1.0 (reviewed 2026-11-20): http://cx.intranet.example/playbooks/leadership-5p/"
    )


def test_every_coded_heading_has_a_cite_button(page, site_url):
    page.goto(site_url + "playbooks/silo-problem-zones/")
    codes = page.eval_on_selector_all(".cx-item", "hs => hs.map(h => h.dataset.cxCode)")
    assert codes == [f"PZ-{n:02d}" for n in range(1, 11)]
    for code in codes:
        assert page.locator(f'[id="{code.lower()}"] + button.cx-cite').count() == 1


def test_without_clipboard_api_the_citation_is_shown_selected(page, site_url):
    page.add_init_script("delete Navigator.prototype.clipboard; delete navigator.clipboard;")
    page.goto(site_url + PLAYBOOK)
    assert page.evaluate("navigator.clipboard === undefined")
    page.get_by_role("button", name="Cite 5P-5 Persistent").click()
    box = page.get_by_role("textbox", name="Copy this citation")
    box.wait_for()
    assert box.is_visible()
    assert box.input_value() == ITEM_CITATION
    assert page.evaluate("document.activeElement.classList.contains('cx-cite-fallback__text')")
    selected = page.evaluate(
        "(() => { const f = document.activeElement; return f.value.slice(f.selectionStart, f.selectionEnd); })()"
    )
    assert selected == ITEM_CITATION
    page.wait_for_function("() => document.querySelector('.cx-cite-status').textContent.includes('copy')")
    box.press("Escape")
    assert page.get_by_role("textbox", name="Copy this citation").count() == 0
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Cite 5P-5 Persistent"


def test_cite_buttons_keep_the_playbook_accessible(page, site_url):
    page.goto(site_url + PLAYBOOK)
    page.locator("button.cx-cite").first.wait_for()
    page.get_by_role("button", name="Cite 5P-5 Persistent").click()
    page.wait_for_function("() => document.querySelector('.cx-cite-status').textContent.startsWith('Copied')")
    assert axe_on(page, [".cx-playbook-meta", ".cx-item", ".cx-cite", ".cx-cite-status"]) == []
    assert run_axe(page) == []


def test_the_fallback_box_is_accessible(page, site_url):
    page.add_init_script("delete Navigator.prototype.clipboard; delete navigator.clipboard;")
    page.goto(site_url + PLAYBOOK)
    page.get_by_role("button", name="Cite 5P-5 Persistent").click()
    page.locator(".cx-cite-fallback").wait_for()
    assert axe_on(page, [".cx-cite-fallback"]) == []


def test_following_a_code_link_lands_on_a_citable_item(page, site_url):
    page.goto(site_url + "codes/")
    page.locator("#code-5p-5 a").click()
    page.wait_for_url("**/leadership-5p/#5p-5")
    page.get_by_role("button", name="Cite 5P-5 Persistent").wait_for()
    assert page.locator(".cx-playbook-meta .cx-cite").count() == 1
    assert page.locator('[id="5p-5"] + .cx-cite').count() == 1
