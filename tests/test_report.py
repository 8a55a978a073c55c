"""`cxportal report`: team progress, question statistics and playbook versions from a real LRS
(Ralph, filled with a synthetic cohort through the xAPI statements API) and from progress files.

The statistics are checked against an independent calculation from the marks the cohort drew
(Python's statistics module), not against the report's own SQL."""

from __future__ import annotations

import csv
import http.server
import json
import statistics
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cxportal.project import load_project
from cxportal.render import quiz_hash
from cxportal.report import LrsError, LrsSource, ReportInputs, build_report
from cxportal.report.store import EventStore
from cxportal.report.xapi import StatementReader
from tests.conftest import FIXTURE
from tests.helpers import FIXTURE_SETTINGS
from tests.xapi_cohort import QUESTIONS

SITE = "http://cx.intranet.example/"


def cxportal(*args: str) -> subprocess.CompletedProcess:
    """The cxportal command as a training team runs it, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "cxportal.cli", *args], capture_output=True, text=True, timeout=300)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def portal():
    return load_project(FIXTURE, settings=FIXTURE_SETTINGS)[0]


# --- From the LRS -------------------------------------------------------------------------------


def test_question_statistics_match_an_independent_calculation(cohort_report, portal):
    cohort, outputs = cohort_report
    out, _ = outputs["en"]
    current = quiz_hash(portal.quizzes["alpha"])
    table = {(r["version"], r["question"]): r for r in rows(out / "questions.csv")}
    for q in QUESTIONS:
        marks = [m[q] for m in cohort.marks]
        rest = [sum(m.values()) - m[q] for m in cohort.marks]
        row = table[(current, q)]
        assert int(row["attempts"]) == len(marks)
        assert float(row["facility"]) == pytest.approx(statistics.fmean(marks), abs=1e-4)
        assert float(row["discrimination"]) == pytest.approx(statistics.correlation(marks, rest), abs=1e-4)


def test_each_question_is_flagged_as_it_was_built(cohort_report, portal):
    cohort, outputs = cohort_report
    out, _ = outputs["en"]
    current = quiz_hash(portal.quizzes["alpha"])
    flags = {r["question"]: set(r["flags"].split()) for r in rows(out / "questions.csv") if r["version"] == current}
    assert flags["first"] == {"too_easy"}
    assert flags["both"] == {"too_hard", "dead_option"}
    assert flags["tf"] == {"too_easy", "obvious_false"}
    assert flags["match"] == {"negative_discrimination"}
    assert flags["order"] == flags["blank"] == set()
    shares = {r["question"]: r["option_shares"] for r in rows(out / "questions.csv") if r["version"] == current}
    assert "c=0" in shares["both"]  # "Ignore": nobody chose it


def test_an_older_quiz_version_is_counted_apart_never_mixed(cohort_report, portal):
    cohort, outputs = cohort_report
    out, _ = outputs["en"]
    old = [r for r in rows(out / "questions.csv") if r["version"] == "old-hash"]
    assert {r["question"] for r in old} == set(QUESTIONS)
    assert all(int(r["attempts"]) == len(cohort.old_version_marks) for r in old)
    assert all(r["flags"] == "" for r in old)  # 20 answers: too few to flag anything
    html = (out / "index.html").read_text("utf-8")
    assert "an earlier version of the quiz" in html


def test_foreign_broken_and_impostor_statements_are_counted_and_left_out(cohort_report):
    _, outputs = cohort_report
    out, result = outputs["en"]
    assert "left out 1 record(s): an answer without its attempt (context.registration)" in result.stderr
    assert "left out 1 record(s): sent by another person than its actor" in result.stderr
    assert "3 left out" in result.stdout  # and the foreign one
    assert "Traceback" not in result.stderr
    html = (out / "index.html").read_text("utf-8")
    assert "3 records were not the portal" in html


def test_team_progress_per_person_with_roster_teams_and_leavers(cohort_report, portal):
    cohort, outputs = cohort_report
    out, _ = outputs["en"]
    team = rows(out / "team.csv")
    people = {r["person"] for r in team}
    assert len(people) == cohort.people
    assert {r["team"] for r in team} == {"North", "South"}
    assert {r["role"] for r in team} == {"agent"}
    steps = len(portal.roles["agent"].paths["onboarding"].steps)
    onboarding = [r for r in team if r["path"] == "onboarding"]
    for r in onboarding:
        assert 0 <= int(r["steps_done"]) <= steps == int(r["steps_total"])
        assert (r["status"] == "finished") == bool(r["finished"]) or r["status"] == "left"
    left = [r for r in team if r["status"] == "left"]
    assert {r["name"] for r in left} == {"Person 00004"}
    # Acknowledgments: every third person confirmed version 1.0; the playbook is at another version now.
    versions = rows(out / "versions.csv")
    confirmed = {r["person"] for r in versions if r["confirmed_version"]}
    assert len(confirmed) == len(range(0, cohort.people, 3))


def test_the_report_is_in_russian_when_asked(cohort_report):
    _, outputs = cohort_report
    html = (outputs["ru"][0] / "index.html").read_text("utf-8")
    assert '<html lang="ru">' in html
    for heading in ("Прогресс команды", "Статистика вопросов", "Версии плейбуков", "слишком лёгкий"):
        assert heading in html
    for english in ("Team progress", "Question statistics", "too easy", "Person</th>"):
        assert english not in html


# --- From progress files: the same tables without an LRS -----------------------------------------


def progress_file(folder: Path, name: str, quiz, marks: dict[str, float], answers: dict, read=("alpha",)) -> Path:
    records = {
        f"cxportal:v1:quiz:{quiz.id}": {
            "hash": quiz_hash(quiz),
            "percent": round(100 * sum(marks.values()) / len(marks)),
            "passed": sum(marks.values()) / len(marks) >= 0.6,
            "answers": answers,
            "marks": {q: [m, 1] for q, m in marks.items()},
            "date": "2026-11-20",
        },
        **{f"cxportal:v1:progress:playbook:{p}": {"read": True, "version": "1.1", "date": "2026-11-19"} for p in read},
        "__proto__": {"polluted": True},
    }
    path = folder / f"{name}.json"
    path.write_text(
        json.dumps(
            {"format": "cxportal-progress", "version": 1, "exported": "2026-11-21", "name": name, "records": records}
        ),
        "utf-8",
    )
    return path


def test_progress_files_give_the_same_tables_and_count_a_file_once(tmp_path, portal):
    quiz = portal.quizzes["alpha"]
    right = {"first": 1.0, "both": 1.0, "tf": 1.0, "order": 1.0, "match": 1.0, "blank": 1.0}
    wrong = {"first": 0.0, "both": 0.0, "tf": 1.0, "order": 0.0, "match": 1.0, "blank": 0.0}
    ann = progress_file(tmp_path, "Ann", quiz, right, {"first": 0, "both": [0, 1], "tf": False})
    bob = progress_file(tmp_path, "Bob", quiz, wrong, {"first": 1, "both": [2], "tf": False}, read=())
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", "utf-8")
    inputs = ReportInputs(SITE, progress_files=(ann, bob, ann, broken))
    report = build_report(inputs, portal)
    assert report.files_used == 3 and report.duplicates > 0
    assert any("broken.json: not JSON" in note for note in report.notes)
    stats = {q.question: q for q in report.questions}
    assert stats["first"].attempts == 2 and stats["first"].facility == 0.5
    assert {o.option: o.chosen for o in stats["both"].options} == {"a": 1, "b": 1, "c": 1}
    assert [o.correct for o in stats["both"].options] == [True, True, False]
    ann_rows = [r for r in report.team if r.name == "Ann"]
    assert ann_rows and ann_rows[0].quiz_scores == {"alpha": 1.0}
    assert {v.person for v in report.versions} == {"name:ann"}


# --- check --stats: flagged questions where authors edit them ------------------------------------


def test_check_stats_lists_flagged_questions_at_their_line(tmp_path, portal):
    current = quiz_hash(portal.quizzes["alpha"])
    stats = tmp_path / "questions.csv"
    stats.write_text(
        "quiz,version,question,type,attempts,facility,discrimination,option_shares,flags\n"
        f"alpha,{current},first,choice,261,0.97,-0.05,a=253 b=8,too_easy\n"
        f"alpha,{current},order,ordering,261,0.49,0.01,,\n"
        "alpha,old-hash,both,choice,20,0.1,0.0,,too_hard\n",
        "utf-8",
    )
    result = cxportal("check", "--content-only", "-f", str(FIXTURE / "mkdocs.yml"), "--stats", str(stats))
    line = next(
        i
        for i, row in enumerate((FIXTURE / "playbooks/quizzes/alpha.yml").read_text().splitlines(), 1)
        if row.strip() == "- id: first"
    )
    assert f"playbooks/quizzes/alpha.yml:{line}: note: question 'first': nearly everyone gets it right" in result.stderr
    assert "few get it right" not in result.stderr  # an older version's numbers say nothing about today's text
    assert result.returncode == 0


def test_check_stats_says_when_a_file_is_not_a_report(tmp_path):
    stats = tmp_path / "questions.csv"
    stats.write_text("name,score\nann,3\n", "utf-8")
    result = cxportal("check", "--content-only", "-f", str(FIXTURE / "mkdocs.yml"), "--stats", str(stats))
    assert "questions.csv:1: not a questions.csv from cxportal report" in result.stderr
    assert "Traceback" not in result.stderr


# --- An LRS that answers garbage ------------------------------------------------------------------


class _Garbage(http.server.BaseHTTPRequestHandler):
    bodies: dict[str, bytes] = {}

    def do_GET(self):  # noqa: N802 (http.server's name)
        body = self.bodies.get(self.path.split("?")[0], b"<html>sign in</html>")
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def garbage_lrs():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Garbage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_an_lrs_that_answers_garbage_is_an_error_with_what_came_back(garbage_lrs):
    with pytest.raises(LrsError, match="did not answer with JSON"):
        list(LrsSource(garbage_lrs + "html/").statements())
    _Garbage.bodies["/loop/statements"] = json.dumps({"statements": [], "more": "/loop/statements?limit=500"}).encode()
    with pytest.raises(LrsError, match="same page link twice"):
        list(LrsSource(garbage_lrs + "loop/").statements())
    result = cxportal(
        "report", "-f", str(FIXTURE / "mkdocs.yml"), "--lrs", garbage_lrs + "x/", "-o", "/nonexistent-never-written"
    )
    assert result.returncode == 1 and "did not answer with JSON" in result.stderr and "Traceback" not in result.stderr


def test_malformed_statements_are_counted_never_raised(tmp_path):
    store = EventStore(tmp_path / "s.sqlite")
    reader = StatementReader(store, SITE)
    tally = reader.read(
        [
            None,
            42,
            "text",
            [],
            {"verb": "x"},
            {"verb": {"id": 5}, "object": {}},
            {
                "id": "1",
                "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
                "object": {"id": SITE + "quizzes/a/"},
                "actor": {"mbox": "mailto:a@x"},
                "result": {"score": {"scaled": "high"}},
            },
            {
                "id": "2",
                "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
                "object": {"id": SITE + "playbooks/a/"},
                "actor": {"name": "nobody"},
            },
            {
                "id": "3",
                "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
                "object": {"id": SITE + "quizzes/a/#q=x", "definition": {"choices": "not a list"}},
                "actor": {"mbox": "mailto:a@x"},
                "result": {"success": True, "response": "a"},
                "context": {"registration": "r", "extensions": {"__proto__": 1}},
            },
        ]
    )
    store.close()
    assert tally.used == 1 and tally.skipped == 8
    assert tally.malformed["a quiz result without a scaled score"] == 1
    assert tally.malformed["an actor without mbox or account"] == 1
