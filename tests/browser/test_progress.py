"""Learning-path progress in the browser: mark as read, quiz results, certificate, export/import, manager view."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cxportal.project import load_project
from tests.conftest import ROOT
from tests.test_changes_page import project_with_changes

from .conftest import built_and_served, run_axe

PATH = "roles/legal/onboarding/"
# The legal onboarding path as the shipped content has it: the tests follow the content, not a copy of it.
_LEGAL = load_project(ROOT)[0].roles["legal"].paths["onboarding"]
STEPS = len(_LEGAL.steps)
PLAYBOOKS = [s.target for s in _LEGAL.steps if s.kind == "playbook"]
QUIZZES = [s.target for s in _LEGAL.steps if s.kind == "quiz"]
ACTIVITIES = [s.target for s in _LEGAL.steps if s.kind == "activity"]


def axe_problems(page, selector: str) -> list[dict]:
    """axe-core violations inside this feature's elements (the theme's own chrome is checked elsewhere)."""
    run_axe(page)  # injects axe-core
    result = page.evaluate(
        "async (sel) => (await axe.run({include: [[sel]]}, {resultTypes: ['violations']})).violations", selector
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result]


def pass_quiz(page, quiz_id: str, percent: int = 90) -> None:
    """A passing result as the quiz module stores it."""
    result = {"hash": "x", "score": percent / 10, "max": 10, "percent": percent, "passed": True, "date": "2026-11-20"}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"cxportal:v1:quiz:{quiz_id}", json.dumps(result)])


def mark_read(page, playbook_id: str) -> None:
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [f"cxportal:v1:progress:playbook:{playbook_id}", json.dumps({"read": True, "date": "2026-11-20"})],
    )


def bar_label(page) -> str:
    return page.locator("article .cx-progress .cx-progress__label").inner_text()


def mark_done(page, activity_id: str) -> None:
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)",
        [f"cxportal:v1:progress:activity:{activity_id}", json.dumps({"read": True, "date": "2026-11-20"})],
    )


def complete_path(page, site_url: str) -> None:
    page.goto(site_url + PATH)
    for playbook in PLAYBOOKS:
        mark_read(page, playbook)
    for i, quiz in enumerate(QUIZZES):
        pass_quiz(page, quiz, 80 + i)
    for activity in ACTIVITIES:
        mark_done(page, activity)
    page.reload()


def test_marking_read_and_passing_quizzes_moves_the_bar_and_survives_reload(page, site_url):
    page.goto(site_url + PATH)
    assert bar_label(page) == f"0 of {STEPS} steps done"
    page.goto(site_url + "playbooks/values-onboarding/")
    button = page.get_by_role("button", name="Mark as read")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert "Marked as read" in page.locator(".cx-read__status").inner_text()
    pass_quiz(page, "values-onboarding")
    pass_quiz(page, "back-office-cx", 40)
    page.evaluate(
        "localStorage.setItem('cxportal:v1:quiz:back-office-cx', JSON.stringify({percent: 40, passed: false}))"
    )  # a failed quiz does not count
    page.evaluate("localStorage.setItem('cxportal:v1:progress:playbook:silo-problem-zones', '{broken')")
    page.goto(site_url + PATH)
    assert bar_label(page) == f"2 of {STEPS} steps done"
    assert page.locator(".cx-path__step--done").count() == 2
    page.reload()
    assert bar_label(page) == f"2 of {STEPS} steps done"
    assert page.locator("article .cx-progress progress").get_attribute("value") == "2"
    # A quiz result event from the quiz module updates the page without a reload.
    pass_quiz(page, "back-office-cx")
    page.evaluate(
        "document.dispatchEvent(new CustomEvent('cxportal:quiz-result', "
        "{detail: {id: 'back-office-cx', passed: true, percent: 90}}))"
    )
    assert bar_label(page) == f"3 of {STEPS} steps done"
    # The role card on "Choose your role" and the home page show the same progress.
    page.goto(site_url + "roles/")
    card = page.locator('.cx-role-card[data-cx-role="legal"] .cx-progress__label')
    assert card.inner_text() == f"3 of {STEPS} steps done"
    page.goto(site_url)
    box = page.locator("[data-cx-continue]")
    assert "Continue where you left off" in box.inner_text() and f"3 of {STEPS} steps done" in box.inner_text()
    next_step = box.locator("a.cx-continue__next")
    assert next_step.inner_text() == "CX is everyone's job: the back office"
    assert axe_problems(page, "[data-cx-continue]") == []


def test_instant_navigation_keeps_the_control_working(page, site_url):
    page.goto(site_url + PATH)
    page.locator("ol.cx-path a").first.click()  # Material's instant navigation, no full reload
    page.wait_for_url("**/playbooks/values-onboarding/")
    page.get_by_role("button", name="Mark as read").click()
    page.go_back()
    page.wait_for_url("**/" + PATH)
    assert bar_label(page) == f"1 of {STEPS} steps done"


def pdf_pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")


def test_complete_path_prints_a_one_page_a4_certificate(page, site_url, tmp_path):
    page.goto(site_url + PATH)
    assert page.locator(".cx-certificate").is_hidden()
    complete_path(page, site_url)
    assert bar_label(page) == f"{STEPS} of {STEPS} steps done"
    page.get_by_label("Your name").fill("Ada Lovelace")
    sheet = page.locator(".cx-certificate__sheet")
    text = sheet.inner_text()
    for expected in (
        "Ada Lovelace",
        "onboarding path for the role Legal",
        "self-reported record",
        "Portal version 2026.11",
        "Brand values and promises — check yourself",
        "84%",
    ):
        assert expected in text
    assert axe_problems(page, "article") == []
    pdf = page.pdf(format="A4")
    assert pdf_pages(pdf) == 1
    if shutil.which("pdftotext"):
        out = tmp_path / "certificate.pdf"
        out.write_bytes(pdf)
        printed = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
        assert "Ada Lovelace" in printed and "Certificate of completion" in printed and "80%" in printed
        assert "Mark as read" not in printed and "Welcome aboard" not in printed
    # The name is remembered for the next visit.
    page.reload()
    assert "Ada Lovelace" in page.locator(".cx-certificate__sheet").inner_text()


def export_file(page, site_url, tmp_path) -> Path:
    page.goto(site_url)
    # The name is asked at export: without it, nothing is downloaded and the field says why.
    page.get_by_role("button", name="Export my progress").click()
    assert "Type your name first" in page.locator(".cx-transfer__status").inner_text()
    assert page.evaluate("document.activeElement.id") == "cx-export-name"
    page.get_by_label("Your name (your manager sees it)").fill("Ada Lovelace")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my progress").click()
    target = tmp_path / "progress.json"
    download.value.save_as(target)
    return target


def test_export_clear_import_restores_the_same_progress(page, site_url, tmp_path):
    page.goto(site_url + PATH)
    for playbook in PLAYBOOKS[:3]:
        mark_read(page, playbook)
    pass_quiz(page, "values-onboarding")
    page.reload()
    assert bar_label(page) == f"4 of {STEPS} steps done"
    exported = export_file(page, site_url, tmp_path)
    assert "Exported" in page.locator(".cx-transfer__status").inner_text()
    data = json.loads(exported.read_text("utf-8"))
    assert data["format"] == "cxportal-progress" and "cxportal:v1:quiz:values-onboarding" in data["records"]
    assert data["name"] == "Ada Lovelace"
    page.evaluate("localStorage.clear()")
    page.goto(site_url + PATH)
    assert bar_label(page) == f"0 of {STEPS} steps done"
    page.evaluate("localStorage.clear()")  # a first-time visitor: nothing to continue
    page.goto(site_url)
    assert page.locator("[data-cx-continue]").is_hidden()
    page.get_by_label("Import a progress file").set_input_files(str(exported))
    expect(page.locator(".cx-transfer__status")).to_contain_text("Your progress is restored")
    # At once, without a reload: the home page offers to continue.
    expect(page.locator("[data-cx-continue]")).to_contain_text("Continue where you left off")
    page.goto(site_url + PATH)
    assert bar_label(page) == f"4 of {STEPS} steps done"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{this is not json", "it is not a JSON file"),
        (b'{"hello": "world"}', "it is not a cxportal progress file"),
        (
            b'{"format": "cxportal-progress", "version": 7, "records": {}}',
            "it was made by another version of the portal",
        ),
        (
            b'{"format": "cxportal-progress", "version": 1, "records": {"evil": {}}}',
            "it contains an entry the portal does not know",
        ),
    ],
)
def test_a_broken_import_file_gets_a_clear_message_and_changes_nothing(page, site_url, content, message):
    page.goto(site_url)
    mark_read(page, "values-onboarding")
    page.get_by_label("Import a progress file").set_input_files(
        files=[{"name": "broken.json", "mimeType": "application/json", "buffer": content}]
    )
    status = page.locator(".cx-transfer__status")
    expect(status).to_contain_text("Could not import")
    assert f"Could not import broken.json: {message}" in status.inner_text()
    assert "Your progress is unchanged" in status.inner_text()
    assert page.evaluate("localStorage.getItem('cxportal:v1:progress:playbook:values-onboarding')") is not None


def progress_file(name: str, playbooks: list[str], quizzes: dict[str, bool], activities: tuple[str, ...] = ()) -> dict:
    records = {f"cxportal:v1:progress:playbook:{p}": {"read": True} for p in playbooks}
    records |= {f"cxportal:v1:progress:activity:{a}": {"read": True} for a in activities}
    records |= {f"cxportal:v1:quiz:{q}": {"percent": 90 if ok else 30, "passed": ok} for q, ok in quizzes.items()}
    # The path the person last opened: it tells the manager view their role.
    records["cxportal:v1:progress:last"] = {"path": "legal/onboarding", "href": "/roles/legal/onboarding/", "steps": []}
    return {"format": "cxportal-progress", "version": 1, "exported": "2026-11-20", "name": name, "records": records}


def test_manager_view_shows_who_finished_what_from_two_files(page, site_url):
    finished = progress_file("Ada", PLAYBOOKS, dict.fromkeys(QUIZZES, True), tuple(ACTIVITIES))
    partial = progress_file("Grace", PLAYBOOKS[:1], {"values-onboarding": False})
    page.goto(site_url + "manager/")
    page.get_by_label("Progress files (.json)").set_input_files(
        files=[
            {"name": n, "mimeType": "application/json", "buffer": json.dumps(d).encode()}
            for n, d in (("ada.json", finished), ("grace.json", partial))
        ]
    )
    expect(page.locator(".cx-manager__status")).to_have_text("Loaded 2 files.")
    # One row per person, with that person's role and paths only.
    rows = page.locator(".cx-manager__table tbody tr")
    assert rows.count() == 2
    people = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("th, td").all_inner_texts()
        people[cells[0]] = cells
    ada, grace = people["Ada"], people["Grace"]
    assert ada[1] == "Legal" and ada[2] == f"{STEPS} of {STEPS} ✓ finished"
    assert grace[1] == "Legal" and grace[2] == f"1 of {STEPS}"
    # Quizzes by title, not by id.
    assert "Brand values and promises — check yourself: 90%" in ada[4]
    assert "Brand values and promises — check yourself: 30% (not passed)" in grace[4]
    assert "values-onboarding:" not in ada[4]
    # Sortable: Onboarding descending puts the finished person first, ascending last.
    header = page.locator(".cx-manager__table thead th", has_text="Onboarding")
    header.get_by_role("button").click()
    assert rows.first.locator("th").inner_text() == "Grace"
    page.locator(".cx-manager__table thead th", has_text="Onboarding").get_by_role("button").click()
    assert rows.first.locator("th").inner_text() == "Ada"
    assert page.locator('.cx-manager__table th[aria-sort="descending"]').count() == 1
    # A CSV with one line per person.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as CSV").click()
    csv_text = Path(download.value.path()).read_text("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("Person,Role,Onboarding") and len(lines) == 3
    assert any(line.startswith(f"Grace,Legal,1 of {STEPS}") for line in lines)
    assert axe_problems(page, "article") == []
    # Printable: the table prints, the file picker and buttons do not.
    page.emulate_media(media="print")
    assert page.locator(".cx-manager__table").is_visible()
    assert not page.locator(".cx-manager__load").is_visible()
    assert not page.get_by_role("button", name="Download as CSV").is_visible()


@pytest.fixture(scope="module")
def changes_site_url(tmp_path_factory):
    project = project_with_changes(tmp_path_factory.mktemp("changes-site"))
    with built_and_served(project) as url:
        yield url


def test_what_changed_shows_exactly_the_playbooks_changed_since_the_chosen_date(page, changes_site_url):
    page.goto(changes_site_url + "changes/")
    visible = page.locator("[data-cx-changes] li:visible")
    assert visible.count() == 3
    page.get_by_label("Changed since").fill("2026-06-16")
    assert visible.all_inner_texts() and all("Alpha playbook" in t for t in visible.all_inner_texts())
    assert visible.count() == 1
    assert (
        page.locator("[data-cx-changes-status]").inner_text() == "1 playbook changed since June 16, 2026."
    )  # the reader's locale
    page.get_by_label("Changed since").fill("2026-06-01")
    assert sorted({t.split(" v")[0] for t in visible.all_inner_texts()}) == ["Alpha playbook", "Beta playbook"]
    page.get_by_label("Changed since").fill("2026-12-01")
    assert visible.count() == 0
    assert "No playbook changed since" in page.locator("[data-cx-changes-status]").inner_text()
    page.reload()  # the chosen date is remembered
    assert page.get_by_label("Changed since").input_value() == "2026-12-01"
