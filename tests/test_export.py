"""LMS exports: GIFT and Moodle XML read back question by question by independent parsers,
SCORM 1.2 manifests validated against the schema files each package ships."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from cxportal.export import write_exports
from cxportal.export.gift import escape, write_gift
from cxportal.export.moodle_xml import write_moodle_xml
from cxportal.export.scorm import ScormExporter
from cxportal.project import load_project
from cxportal.render import Renderer

from .conftest import ROOT, build_in_process, make_project
from .helpers import FIXTURE_SETTINGS

SITE_URL = "http://lms.example/portal/"
# Every character GIFT reserves, XML's own, and Cyrillic, in prompts, options and feedback.
TRICKY = "Цена {скидка} = 5 ~ 10 # 3: <b>&\\ «ёлка»"
TRICKY_QUIZ = f"""\
id: tricky
title: "Трудные символы"
playbook: alpha
pass_mark: 50
duration: 2
questions:
  - id: one
    type: single
    prompt: "{TRICKY.replace(chr(92), chr(92) * 2)}?"
    cites: AL-1
    explanation: "Пояснение: {{всё}} = ~ #"
    options:
      - {{text: "Да = {{верно}}", correct: true, feedback: "Верно: # ~"}}
      - {{text: "Нет ~ 1:2", feedback: "Неверно {{}}"}}
  - id: two
    type: true_false
    prompt: "Правда ли, что 2 = 2?"
    cites: AL-1
    answer: true
    feedback_true: "Да {{!}}"
    feedback_false: "Нет: это ~ правда"
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("export"))
    (project / "playbooks" / "quizzes" / "tricky.yml").write_text(TRICKY_QUIZ, "utf-8")
    return project


@pytest.fixture(scope="module")
def portal(project: Path):
    portal, problems = load_project(project, settings=FIXTURE_SETTINGS)
    assert not problems, problems
    return portal


@pytest.fixture(scope="module")
def fixture_site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("export-site") / "site"
    result = build_in_process(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def unescape_gift(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n"}.get(m.group(1), m.group(1)), text)


# GIFT -----------------------------------------------------------------------------------


def test_gift_escape_is_reversible_for_every_reserved_character():
    assert escape(TRICKY) == "Цена \\{скидка\\} \\= 5 \\~ 10 \\# 3\\: <b>&\\\\ «ёлка»"
    assert unescape_gift(escape(TRICKY)) == TRICKY


def test_gift_reads_back_question_by_question(portal):
    from pygiftparser import parser as gift_parser  # an independent GIFT parser from PyPI

    # pygiftparser stops at an escaped "\\}" inside an answer, so the quiz full of reserved
    # characters is read back by test_gift_special_characters_survive instead.
    quizzes = [q for q in portal.quizzes.values() if not q.is_self_assessment and q.id != "tricky"]
    text, notes = write_gift(portal, quizzes, SITE_URL)
    parsed = {q.title: q for q in gift_parser.parseFile(text.splitlines(keepends=True))}
    expected = {f"{quiz.id}/{q.id}": (quiz, q) for quiz in quizzes for q in quiz.questions}
    # Left out with a note: prompts with several blanks (alpha/blank).
    assert any("alpha/blank" in str(n) and "2 blanks" in str(n) for n in notes)
    assert set(parsed) == set(expected) - {"alpha/blank"}
    for name, (quiz, question) in expected.items():
        if name == "alpha/blank":
            continue
        got = parsed[name]
        assert got.valid, name
        assert f"cxportal/{quiz.playbook}" in got.cat  # one category per playbook
        kind = type(got.answers).__name__
        if question.type == "single":
            assert kind == "SelectSet"
            assert [unescape_gift(a.answer) for a in got.answers.answers] == [str(o.text) for o in question.options]
            assert [a.fraction == 100 for a in got.answers.answers] == [o.correct for o in question.options]
            assert [unescape_gift(a.feedback or "") for a in got.answers.answers] == [
                str(o.feedback) for o in question.options
            ]
        elif question.type == "multiple":
            assert kind == "MultipleChoicesSet"
            weights = [a.fraction for a in got.answers.answers]
            assert [w > 0 for w in weights] == [o.correct for o in question.options]
            assert abs(sum(w for w in weights if w > 0) - 100) < 0.01
        elif question.type == "true_false":
            assert kind == "TrueFalseSet"
        elif question.type in ("matching", "ordering"):
            assert kind == "MatchingSet"
        assert unescape_gift(got.generalFeedback or "") == str(question.explanation)
    # The cited code links back to the portal page.
    assert SITE_URL + "playbooks/alpha/#al-1" in unescape_gift(parsed["alpha/first"].text)


def split_unescaped(text: str, marks: str) -> list[str]:
    """Split GIFT text at reserved characters that are not backslash-escaped."""
    parts, current, i = [], "", 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            current += text[i : i + 2]
            i += 2
            continue
        if text[i] in marks:
            parts.append(current)
            current = text[i]
        else:
            current += text[i]
        i += 1
    return parts + [current]


def test_gift_special_characters_survive(portal):
    import html

    text, _notes = write_gift(portal, [portal.quizzes["tricky"]])
    line = next(row for row in text.splitlines() if row.startswith("::tricky/one::"))
    head, _, rest = line.partition("::[html]")
    # Exactly one unescaped { and } each: the answer block; everything else is escaped text.
    segments = split_unescaped(rest, "{}")
    assert len(segments) == 3, segments
    prompt = html.unescape(unescape_gift(segments[0]))
    assert prompt.startswith(TRICKY + "?")
    answers = split_unescaped(segments[1][1:], "=~#")
    texts = [unescape_gift(a[1:]).strip() for a in answers if a and a[0] in "=~"]
    feedback = [
        html.unescape(unescape_gift(a[1:])).strip() for a in answers if a[:1] == "#" and a[1:2] != "#" and a[1:].strip()
    ]
    assert [html.unescape(t) for t in texts] == ["Да = {верно}", "Нет ~ 1:2"]
    assert feedback[:2] == ["Верно: # ~", "Неверно {}"]


def test_gift_notes_what_it_cannot_keep(portal):
    _text, notes = write_gift(portal, [portal.quizzes["alpha"]], SITE_URL)
    messages = "\n".join(map(str, notes))
    assert "alpha/order: ordering written as matching" in messages
    assert "alpha/blank: left out: 2 blanks" in messages
    assert all(re.match(r"^playbooks/quizzes/alpha\.yml:\d+: ", str(n)) for n in notes)


def test_gift_true_false_puts_wrong_answer_feedback_first(portal):
    text, _notes = write_gift(portal, [portal.quizzes["alpha"]])
    line = next(row for row in text.splitlines() if row.startswith("::alpha/tf::"))
    # answer false: feedback for a wrong answer (choosing true) first, then for the right one.
    assert "{FALSE#No, listening comes first.#Right, listening comes first." in line


# Moodle XML --------------------------------------------------------------------------


def test_moodle_xml_reads_back_question_by_question(portal):
    from lxml import etree

    quizzes = list(portal.quizzes.values())
    text, notes = write_moodle_xml(portal, quizzes, SITE_URL)
    root = etree.fromstring(text.encode("utf-8"))
    assert root.tag == "quiz"
    questions = {q.findtext("name/text"): q for q in root.findall("question") if q.get("type") != "category"}
    categories = [q.findtext("category/text") for q in root.findall("question[@type='category']")]
    assert "$course$/top/cxportal/alpha" in categories
    expected_types = {
        "single": "multichoice",
        "multiple": "multichoice",
        "true_false": "truefalse",
        "matching": "matching",
        "ordering": "ordering",
        "fill_blank": "shortanswer",
    }
    for quiz in quizzes:
        if quiz.is_self_assessment:
            assert any(quiz.id in str(n) and "self-assessment left out" in str(n) for n in notes)
            continue
        for q in quiz.questions:
            element = questions[f"{quiz.id}/{q.id}"]
            wanted = expected_types[q.type] if not (q.type == "fill_blank" and len(q.blanks) > 1) else "cloze"
            assert element.get("type") == wanted, (quiz.id, q.id)
            assert element.findtext("generalfeedback/text") == str(q.explanation)
            assert element.findtext("idnumber") == f"{quiz.id}/{q.id}"
            body = element.findtext("questiontext/text")
            if q.type in ("single", "multiple"):
                answers = element.findall("answer")
                assert [a.findtext("text") for a in answers] == [
                    str(o.text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for o in q.options
                ]
                assert [float(a.get("fraction")) > 0 for a in answers] == [o.correct for o in q.options]
                assert element.findtext("single") == ("true" if q.type == "single" else "false")
            elif q.type == "true_false":
                right = [a.findtext("text") for a in element.findall("answer") if float(a.get("fraction")) == 100]
                assert right == ["true" if q.answer else "false"]
            elif q.type == "matching":
                pairs = [(s.findtext("text"), s.findtext("answer/text")) for s in element.findall("subquestion")]
                assert pairs == [(str(p.left), str(p.right)) for p in q.pairs]
            elif q.type == "ordering":
                items = sorted(element.findall("answer"), key=lambda a: int(a.get("fraction")))
                assert [a.findtext("text") for a in items] == [str(i.text) for i in q.items]
            elif q.type == "fill_blank" and len(q.blanks) > 1:
                assert body.count("{1:SHORTANSWER:") == len(q.blanks)
                assert "%100%listen~%100%hear" in body
    one = questions["tricky/one"]
    assert TRICKY.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in one.findtext("questiontext/text")
    assert one.findall("answer")[0].findtext("text") == "Да = {верно}"
    assert SITE_URL + "playbooks/alpha/#al-1" in questions["alpha/first"].findtext("questiontext/text")


# SCORM -------------------------------------------------------------------------------


def schema_for(folder: Path):
    """The SCORM 1.2 schemas a package ships, as one lxml schema.

    libxml2 refuses IMS's ims_xml.xsd as written (it declares the reserved xml namespace as its
    default): a copy without that declaration is used here; the shipped file stays as published.
    The meta-data schema (imsmd) is not loaded: libxml2 finds its content model non-deterministic,
    and the manifest uses no element of that namespace."""
    from lxml import etree

    xsd = folder / "_schemas"
    xsd.mkdir(exist_ok=True)
    for name in ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"):
        shutil.copy(folder / name, xsd / name)
    fixed = (xsd / "ims_xml.xsd").read_text("utf-8").replace('xmlns="http://www.w3.org/XML/1998/namespace"', "")
    (xsd / "ims_xml.xsd").write_text(fixed, "utf-8")
    wrapper = b"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/>
      <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>
    </xsd:schema>"""
    return etree.XMLSchema(etree.fromstring(wrapper, base_url=str(xsd) + "/"))


def test_scorm_package_per_path_validates_and_is_self_contained(portal, fixture_site, tmp_path):
    from lxml import etree

    renderer = Renderer(portal, site_name="Fixture portal", site_url=SITE_URL)
    written, _notes = write_exports(renderer, fixture_site, tmp_path, ["scorm"])
    names = sorted(p.name for p in written)
    expected = sorted(f"{r.id}-{k}.zip" for r in portal.roles.values() for k in r.paths)
    assert names == expected
    package = tmp_path / "scorm" / "agent-onboarding.zip"
    folder = tmp_path / "agent-onboarding"
    with zipfile.ZipFile(package) as zf:
        zf.extractall(folder)
        listed = set(zf.namelist())
    manifest = etree.parse(str(folder / "imsmanifest.xml"))
    schema = schema_for(folder)
    assert schema.validate(manifest), schema.error_log
    ns = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=ns) == "ADL SCORM"
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == "1.2"
    assert len(manifest.findall("cp:organizations/cp:organization", ns)) == 1
    items = manifest.findall("cp:organizations/cp:organization/cp:item", ns)
    path = portal.roles["agent"].paths["onboarding"]
    assert [i.findtext("cp:title", namespaces=ns).split(". ", 1)[1] for i in items] == [
        renderer.step_title(s) for s in path.steps
    ]
    scos = manifest.findall("cp:resources/cp:resource[@adlcp:scormtype='sco']", ns)
    assert len(scos) == len(path.steps)
    quiz_item = items[1]
    assert quiz_item.findtext("adlcp:masteryscore", namespaces=ns) == str(portal.quizzes["alpha"].pass_mark)
    # Every file the manifest names is in the zip, and the schemas it references are there too.
    for f in manifest.iterfind(".//cp:file", ns):
        assert f.get("href") in listed
    for schema_file in ("imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd", "adlcp_rootv1p2.xsd", "ims_xml.xsd"):
        assert schema_file in listed
    # Nothing loads from another host: every src and stylesheet is inside the package.
    for page in folder.glob("steps/*.html"):
        html = page.read_text("utf-8")
        for url in re.findall(r'<(?:script|img|iframe|source)\b[^>]*\bsrc="([^"]+)"', html) + re.findall(
            r'<link\b[^>]*\bhref="([^"]+)"', html
        ):
            assert not re.match(r"^(https?:)?//", url), (page.name, url)
            assert (page.parent / url.split("#")[0]).resolve().is_file(), (page.name, url)
    quiz_page = (folder / "steps" / "02-quiz-alpha.html").read_text("utf-8")
    assert 'data-cx-sco="quiz:alpha"' in quiz_page and "scorm.js" in quiz_page
    # Links to other portal pages go to the portal, in a new tab.
    playbook_page = (folder / "steps" / "01-playbook-alpha.html").read_text("utf-8")
    assert 'target="_blank"' in playbook_page


def test_scorm_export_fails_cleanly_without_a_built_site(portal, tmp_path):
    from cxportal.export.scorm import ExportError

    exporter = ScormExporter(Renderer(portal, site_url=SITE_URL), tmp_path / "nothing")
    with pytest.raises(ExportError, match=r"roles/agent\.yml:\d+: the built site has no page for playbook:alpha"):
        exporter.export_all(tmp_path / "out")


def test_cli_export_writes_every_format(project, tmp_path):
    import subprocess
    import sys

    out = tmp_path / "exports"
    result = subprocess.run(
        [sys.executable, "-m", "cxportal.cli", "export", "all", "-o", str(out)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert (out / "gift" / "all-quizzes.gift").is_file()
    assert (out / "moodle-xml" / "alpha.xml").is_file()
    assert (out / "scorm" / "agent-onboarding.zip").is_file()
    assert "note: playbooks/quizzes/alpha.yml:" in result.stderr  # what a format cannot keep is said


def test_shipped_content_exports_without_surprises(tmp_path):
    """The real banks: every question is either exported or named in a note."""
    portal, problems = load_project(ROOT, settings=FIXTURE_SETTINGS)
    assert not problems
    quizzes = list(portal.quizzes.values())
    gift, gift_notes = write_gift(portal, quizzes)
    xml, xml_notes = write_moodle_xml(portal, quizzes)
    for quiz in quizzes:
        for q in quiz.questions:
            name = f"{quiz.id}/{q.id}"
            in_gift = f"::{name}::" in gift or any(name in str(n) or quiz.id + ":" in str(n) for n in gift_notes)
            in_xml = f"<text>{name}</text>" in xml or any(quiz.id in str(n) for n in xml_notes)
            assert in_gift and in_xml, name


def test_build_writes_exports_and_links_them_from_role_pages(tmp_path):
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  - cxportal:\n" in text
    config.write_text(
        text.replace("  - cxportal:\n", "  - cxportal:\n      exports: [scorm, gift, moodle-xml]\n", 1), "utf-8"
    )
    site = tmp_path / "site"
    result = build_in_process(project, site)  # strict: every link on the role pages must resolve
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "exports" / "scorm" / "agent-onboarding.zip").is_file()
    assert (site / "exports" / "gift" / "all-quizzes.gift").is_file()
    assert (site / "exports" / "moodle-xml" / "all-quizzes.xml").is_file()
    role = (site / "roles" / "agent" / "index.html").read_text("utf-8")
    assert 'href="../../exports/scorm/agent-onboarding.zip"' in role
    assert 'href="../../exports/moodle-xml/all-quizzes.xml"' in role
    # Without the option there is no exports folder and no section for administrators.
    plain = tmp_path / "plain"
    config.write_text(text, "utf-8")
    assert build_in_process(project, plain).returncode == 0
    assert not (plain / "exports").exists()
    assert "exports/" not in (plain / "roles" / "agent" / "index.html").read_text("utf-8")


def test_misspelt_export_format_is_refused(tmp_path):
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("  - cxportal:\n", "  - cxportal:\n      exports: [scrom]\n", 1), "utf-8"
    )
    result = build_in_process(project, tmp_path / "site")
    assert result.returncode != 0
    assert "scrom" in result.stdout + result.stderr and "Traceback" not in result.stdout + result.stderr
