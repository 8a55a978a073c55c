"""SCORM 2004 (4th edition) packages run in Chromium inside a page that plays the LMS's side with
scorm-again's 2004 runtime (from the npm registry), as tests/browser/test_scorm.py does for 1.2:
what the LMS receives in 2004's data model and formats, the whole state kept in suspend_data, and
a manifest whose steps follow the path in order."""

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
from xml.etree import ElementTree as ET

import pytest

from cxportal.export import write_exports
from cxportal.project import load_project
from cxportal.render import Renderer

from ..conftest import ROOT, make_project, run_mkdocs_build
from ..helpers import FIXTURE_SETTINGS
from .conftest import _QuietHandler
from .test_quiz import answer_alpha

SCORM_AGAIN = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm2004.min.js"
LMS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test LMS</title>
<script src="scorm2004.min.js"></script>
<script>
  const params = new URLSearchParams(location.search);
  window.API_1484_11 = new Scorm2004API({autocommit: false, lmsCommitUrl: false, logLevel: 5});
  window.calls = [];
  for (const name of ["Initialize", "Commit", "Terminate"]) API_1484_11.on(name, () => calls.push(name));
  if (params.get("cmi")) API_1484_11.loadFromJSON(JSON.parse(params.get("cmi")));
  window.cmi = () => JSON.parse(JSON.stringify(API_1484_11.cmi));
</script></head>
<body><iframe id="sco" title="Lesson" style="width:1100px;height:800px"></iframe>
<script>document.getElementById("sco").src = params.get("sco");</script>
</body></html>"""
QUIZ_SCO = "agent-onboarding/steps/02-quiz-alpha.html"


@pytest.fixture(scope="module")
def lms(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The fixture portal's SCORM 2004 packages unzipped under /<package>/ beside an LMS page, served on loopback."""
    if not SCORM_AGAIN.exists():
        pytest.fail("scorm-again is missing: run `make test`, which installs it from the npm registry")
    tmp = tmp_path_factory.mktemp("scorm2004")
    project = make_project(tmp)
    site = tmp / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    portal, problems = load_project(project, settings=FIXTURE_SETTINGS)
    assert not problems
    renderer = Renderer(portal, site_name="Fixture portal", site_url="http://cx.intranet.example/")
    root = tmp / "lms"
    written, _notes = write_exports(renderer, site, tmp / "exports", ["scorm2004"])
    assert {p.parent.name for p in written} == {"scorm2004"}
    for package in written:
        with zipfile.ZipFile(package) as zf:
            zf.extractall(root / package.stem)
    shutil.copy(SCORM_AGAIN, root / "scorm2004.min.js")
    (root / "lms.html").write_text(LMS_PAGE, "utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", root
    server.shutdown()


def open_in_lms(page, url: str, sco: str, cmi: dict | None = None):
    page.goto(f"{url}lms.html?sco={quote('/' + sco)}" + (f"&cmi={quote(json.dumps(cmi))}" if cmi else ""))
    page.wait_for_function("document.getElementById('sco').contentDocument?.readyState === 'complete'")
    page.wait_for_function("calls.includes('Initialize')")
    return page.main_frame.child_frames[0]


def leave(page) -> dict:
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("calls.includes('Terminate')")
    return page.evaluate("cmi()")


def test_quiz_sco_reports_2004_status_score_and_interactions(page, lms, requests_log):
    url, _root = lms
    frame = open_in_lms(page, url, QUIZ_SCO)
    frame.wait_for_selector(".cx-quiz__form")
    assert page.evaluate("API_1484_11.cmi.completion_status") == "incomplete"
    answer_alpha(frame, right=False)
    frame.get_by_role("button", name="Check").click()
    page.wait_for_function("API_1484_11.cmi.success_status === 'failed'")
    assert page.evaluate("API_1484_11.cmi.completion_status") == "completed"
    assert float(page.evaluate("API_1484_11.cmi.score.scaled")) < 0.6
    kept = leave(page)
    interactions = {i["id"]: i for i in kept["interactions"].values()}
    assert {k: v["type"] for k, v in interactions.items()} == {
        "first": "choice",
        "both": "choice",
        "tf": "true-false",
        "order": "sequencing",
        "match": "matching",
        "blank": "fill-in",
    }
    assert interactions["first"]["result"] == "incorrect" and interactions["first"]["learner_response"] == "b"
    assert interactions["tf"]["learner_response"] == "true"
    patterns = {k: v["correct_responses"]["0"]["pattern"] for k, v in interactions.items()}
    assert patterns["both"] == "a[,]b" and patterns["order"] == "a[,]b[,]c" and patterns["tf"] == "false"
    assert interactions["match"]["learner_response"] == "1[.]b[,]2[.]a"
    assert kept["session_time"].startswith("PT") and kept["session_time"] != "PT0H0M0.00S"
    assert kept["exit"] == "normal" and kept["score"]["min"] == "0" and kept["score"]["max"] == "100"
    assert json.loads(kept["suspend_data"])["r"]["passed"] is False
    assert not requests_log.external()


def test_the_whole_state_is_kept_beyond_what_1_2_allows(page, lms):
    """A record over SCORM 1.2's 4,096 characters comes back whole from 2004's suspend_data."""
    url, _root = lms
    frame = open_in_lms(page, url, QUIZ_SCO)
    frame.wait_for_selector(".cx-quiz__form")
    answer_alpha(frame, right=False)
    long_answer = "listened carefully " * 300  # 5,700 characters in one blank
    frame.locator("[data-cx-question='blank'] input").first.fill(long_answer)
    frame.get_by_role("button", name="Check").click()
    page.wait_for_function("API_1484_11.cmi.success_status === 'failed'")
    kept = leave(page)
    assert len(kept["suspend_data"]) > 4096
    # In another browser (nothing in localStorage) the LMS's copy brings the long answer back.
    context = page.context.browser.new_context()
    try:
        again = context.new_page()
        resume = {"completion_status": kept["completion_status"], "suspend_data": kept["suspend_data"]}
        frame = open_in_lms(again, url, QUIZ_SCO, resume)
        frame.wait_for_selector(".cx-quiz__form")
        stored = json.loads(frame.evaluate("localStorage.getItem('cxportal:v1:quiz:alpha')"))
        assert stored["answers"]["blank"][0] == long_answer
    finally:
        context.close()


def test_manifest_sequences_the_steps_in_path_order(lms):
    _url, root = lms
    ns = {
        "cp": "http://www.imsglobal.org/xsd/imscp_v1p1",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
        "imsss": "http://www.imsglobal.org/xsd/imsss",
    }
    manifest = ET.parse(root / "agent-onboarding" / "imsmanifest.xml").getroot()
    assert manifest.find("cp:metadata/cp:schemaversion", ns).text == "2004 4th Edition"
    organization = manifest.find("cp:organizations/cp:organization", ns)
    titles = [item.find("cp:title", ns).text for item in organization.findall("cp:item", ns)]
    assert titles == ["1. Alpha playbook", "2. Alpha quiz", "3. Beta playbook"]  # the agent's onboarding, in order
    control = organization.find("imsss:sequencing/imsss:controlMode", ns)
    assert control.get("flow") == "true" and control.get("choice") == "true"
    quiz_item = organization.findall("cp:item", ns)[1]
    measure = quiz_item.find("imsss:sequencing/imsss:objectives/imsss:primaryObjective/imsss:minNormalizedMeasure", ns)
    assert measure.text == "0.6"  # the quiz's pass mark of 60 %
    resources = {r.get("identifier"): r for r in manifest.findall("cp:resources/cp:resource", ns)}
    assert resources["sco-02"].get(f"{{{ns['adlcp']}}}scormType") == "sco"
    for name in [f.get("href") for r in resources.values() for f in r.findall("cp:file", ns)]:
        assert (root / "agent-onboarding" / name).is_file(), name
