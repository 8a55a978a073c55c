"""SCORM 1.2 packages run in Chromium inside a page that plays the LMS's side with scorm-again
(from the npm registry), the way an LMS frames a SCO: what the LMS receives, resuming from what
it kept, a SCO opened in a pop-up, and a SCO with no LMS at all."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from cxportal.export import write_exports
from cxportal.project import load_project
from cxportal.render import Renderer

from ..conftest import ROOT, build_in_process, make_project
from ..helpers import FIXTURE_SETTINGS
from .conftest import _QuietHandler
from .test_quiz import answer_alpha

SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm12.min.js"></script>
<script>
  const params = new URLSearchParams(location.search);
  window.API = new Scorm12API({autocommit: false, lmsCommitUrl: false, logLevel: 5});
  window.calls = [];
  for (const name of ["LMSInitialize", "LMSCommit", "LMSFinish"]) API.on(name, () => calls.push(name));
  if (params.get("cmi")) API.loadFromJSON(JSON.parse(params.get("cmi")));
  // What the LMS kept, read from scorm-again's data model (write-only elements through its JSON view).
  window.cmi = () => {
    const c = API.cmi, all = JSON.parse(JSON.stringify(c)), read = (f) => { try { return f(); } catch { return ""; } };
    return {
      core: {lesson_status: c.core.lesson_status, lesson_location: c.core.lesson_location,
             session_time: all.core?.session_time ?? read(() => c.core.session_time), exit: all.core?.exit ?? "",
             score: {raw: c.core.score.raw}},
      suspend_data: c.suspend_data,
      interactions: Object.values(all.interactions || {}).map((i) => ({id: i.id, type: i.type, result: i.result,
        student_response: i.student_response, pattern: i.correct_responses?.["0"]?.pattern ?? ""})),
    };
  };
  window.openPopup = () => window.open(params.get("sco"), "sco", "width=900,height=700");
</script></head>
<body><iframe id="sco" title="Lesson" style="width:1100px;height:800px"></iframe>
<script>if (params.get("frame") !== "no") document.getElementById("sco").src = params.get("sco");</script>
</body></html>"""


@pytest.fixture(scope="module")
def lms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture portal's SCORM packages unzipped under /<package>/, beside an LMS page, served on loopback."""
    if not SCORM_AGAIN.exists():
        pytest.fail("scorm-again is missing: run `make test`, which installs it from the npm registry")
    tmp = tmp_path_factory.mktemp("scorm")
    project = make_project(tmp)
    site = tmp / "site"
    result = build_in_process(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    portal, problems = load_project(project, settings=FIXTURE_SETTINGS)
    assert not problems
    renderer = Renderer(portal, site_name="Fixture portal", site_url="http://cx.intranet.example/")
    root = tmp / "lms"
    written, _notes = write_exports(renderer, site, tmp / "exports", ["scorm"])
    for package in written:
        with zipfile.ZipFile(package) as zf:
            zf.extractall(root / package.stem)
    shutil.copy(SCORM_AGAIN, root / "scorm12.min.js")
    (root / "lms.html").write_text(LMS_PAGE, "utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


QUIZ_SCO = "agent-onboarding/steps/02-quiz-alpha.html"
PLAYBOOK_SCO = "agent-onboarding/steps/01-playbook-alpha.html"


def open_in_lms(page, lms: str, sco: str, cmi: dict | None = None):
    url = f"{lms}lms.html?sco={quote('/' + sco)}" + (f"&cmi={quote(json.dumps(cmi))}" if cmi else "")
    page.goto(url, wait_until="networkidle")
    frame = page.frame_locator("#sco")
    return frame


def sco_frame(page):
    """The SCO's frame inside the LMS page (once it has loaded its step page)."""
    page.wait_for_function("document.getElementById('sco').contentDocument?.readyState === 'complete'")
    return page.main_frame.child_frames[0]


def leave(page) -> dict:
    """The learner closes the lesson: the LMS unloads the SCO frame; returns what the LMS kept."""
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("calls.includes('LMSFinish')")
    return page.evaluate("cmi()")


def test_quiz_sco_reports_status_score_and_interactions(page, lms, requests_log):
    open_in_lms(page, lms, QUIZ_SCO)
    frame = sco_frame(page)
    frame.wait_for_selector(".cx-quiz__form")
    page.wait_for_function("calls.includes('LMSInitialize')")
    assert page.evaluate("API.cmi.core.lesson_status") == "incomplete"
    answer_alpha(frame, right=False)
    frame.get_by_role("button", name="Check").click()
    page.wait_for_function("API.cmi.core.lesson_status === 'failed'")
    assert float(page.evaluate("API.cmi.core.score.raw")) < 60
    assert page.evaluate("[API.cmi.core.score.min, API.cmi.core.score.max]") == ["0", "100"]
    kept = leave(page)
    interactions = {i["id"]: i for i in kept["interactions"]}
    assert {k: v["type"] for k, v in interactions.items()} == {
        "first": "choice",
        "both": "choice",
        "tf": "true-false",
        "order": "sequencing",
        "match": "matching",
        "blank": "fill-in",
    }
    assert interactions["first"]["result"] == "wrong" and interactions["first"]["student_response"] == "b"
    assert interactions["tf"]["student_response"] == "t"
    assert interactions["tf"]["pattern"] == "f"
    assert interactions["both"]["pattern"] == "a,b"
    assert interactions["order"]["pattern"] == "a,b,c"
    assert interactions["match"]["student_response"] == "1.b,2.a"
    assert kept["core"]["session_time"] not in ("", "00:00:00")
    assert len(kept["suspend_data"]) <= 4096
    assert json.loads(kept["suspend_data"])["r"]["passed"] is False
    assert not requests_log.external()

    # Back in the lesson, in another browser (nothing in localStorage): the LMS's data restores it.
    context = page.context.browser.new_context()
    try:
        again = context.new_page()
        resume = {
            "core": {
                "lesson_status": kept["core"]["lesson_status"],
                "lesson_location": kept["core"]["lesson_location"],
            },
            "suspend_data": kept["suspend_data"],
        }
        open_in_lms(again, lms, QUIZ_SCO, resume)
        frame = sco_frame(again)
        frame.wait_for_selector(".cx-quiz__form")
        again.wait_for_function("calls.includes('LMSInitialize')")
        stored = json.loads(frame.evaluate("localStorage.getItem('cxportal:v1:quiz:alpha')"))
        assert stored["passed"] is False and stored["answers"]["first"] == 1
        assert "Your last result" in frame.locator(".cx-quiz").inner_text()
        # Now the learner gets it right: the LMS hears "passed" with the new score.
        frame.get_by_role("button", name="Retry").click()
        answer_alpha(frame, right=True)
        frame.get_by_role("button", name="Check").click()
        again.wait_for_function("API.cmi.core.lesson_status === 'passed'")
        assert again.evaluate("API.cmi.core.score.raw") == "100"
    finally:
        context.close()


def test_playbook_sco_completes_when_marked_read_and_keeps_its_place(page, lms):
    open_in_lms(page, lms, PLAYBOOK_SCO)
    frame = sco_frame(page)
    page.wait_for_function("calls.includes('LMSInitialize')")
    assert page.evaluate("API.cmi.core.lesson_status") == "incomplete"
    heading = frame.evaluate("[...document.querySelectorAll('article h2[id]')].pop().id")
    frame.evaluate(f"document.getElementById('{heading}').scrollIntoView()")
    page.wait_for_function(f"API.cmi.core.lesson_location === '{heading}'")
    frame.get_by_role("button", name="Mark as read").click()
    page.wait_for_function("API.cmi.core.lesson_status === 'completed'")
    kept = leave(page)
    assert kept["core"]["lesson_location"] == heading
    assert kept["core"]["exit"] == ""


def test_sco_finds_the_api_through_the_opener(page, lms):
    page.goto(f"{lms}lms.html?frame=no&sco={quote('/' + PLAYBOOK_SCO)}", wait_until="networkidle")
    with page.expect_popup() as popup_info:
        page.evaluate("openPopup()")
    popup = popup_info.value
    popup.wait_for_load_state("networkidle")
    page.wait_for_function("calls.includes('LMSInitialize')")
    assert "Connected to your learning platform" in popup.locator("[data-cx-sco-status]").inner_text()


def test_sco_without_an_lms_works_from_browser_storage(page, lms, requests_log):
    page.goto(lms + QUIZ_SCO, wait_until="networkidle")
    page.wait_for_selector(".cx-quiz__form")
    assert "No learning platform found" in page.locator("[data-cx-sco-status]").inner_text()
    answer_alpha(page, right=True)
    page.get_by_role("button", name="Check").click()
    page.wait_for_function("localStorage.getItem('cxportal:v1:quiz:alpha') !== null")
    assert json.loads(page.evaluate("localStorage.getItem('cxportal:v1:quiz:alpha')"))["passed"] is True
    assert not requests_log.external()


def test_suspend_data_fits_at_the_largest_path(page, lms, built_site: Path, tmp_path):
    """Every quiz of the shipped content's longest path, answered with the longest answers possible,
    still fits SCORM 1.2's 4096 characters once the runtime compacts it."""
    portal, _problems = load_project(ROOT)
    path = max((p for r in portal.roles.values() for p in r.paths.values()), key=lambda p: len(p.steps))
    page.goto(lms + QUIZ_SCO, wait_until="networkidle")
    for step in path.steps:
        if step.kind != "quiz":
            continue
        quiz = portal.quizzes[step.target]
        answers = {}
        for q in quiz.questions:
            answers[q.id] = {
                "single": 9,
                "self_assessment": 9,
                "multiple": list(range(len(q.options))),
                "true_false": True,
                "ordering": list(range(len(q.items))),
                "matching": list(range(len(q.pairs))),
                "fill_blank": ["я" * 255 for _ in q.blanks],
            }[q.type]
        record = {
            "hash": "0" * 12,
            "score": 99,
            "max": 99,
            "percent": 100,
            "passed": True,
            "band": "x" * 80,
            "answers": answers,
            "marks": {q.id: [9, 9] for q in quiz.questions},
            "date": "2026-11-23T10:00:00.000Z",
        }
        length = page.evaluate(
            "async (record) => (await import('/agent-onboarding/assets/cxportal/scorm.js')).suspendData(record).length",
            record,
        )
        assert 0 < length <= 4096, (quiz.id, length)
