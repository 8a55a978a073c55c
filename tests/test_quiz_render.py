"""Build tests for quizzes: what the built HTML carries, what it hides, and the asset budget."""

from __future__ import annotations

import base64
import gzip
import json
import re
from pathlib import Path

import pytest

from .conftest import ROOT, build_in_process, make_project

# A bank larger than one attempt, with words found nowhere else, so a search for them must come up empty.
DRAWN_QUIZ = """\
id: drawn
title: Drawn quiz
playbook: alpha
pass_mark: 50
duration: 2
shuffle: true
draw: 2
questions:
""" + "".join(
    f"""\
  - id: d{n}
    type: single
    prompt: Drawn question {n}?
    cites: AL-1
    hint: Think of the quillworth rule {n}.
    explanation: The zanderfell explanation {n}.
    options:
      - {{text: Right {n}, correct: true, feedback: Yes the snorkelwick answer {n}.}}
      - {{text: Wrong {n}a, feedback: No the flibbertigibbet answer {n}.}}
      - {{text: Wrong {n}b, feedback: No the flibbertigibbet answer {n}.}}
      - {{text: Wrong {n}c, feedback: No the flibbertigibbet answer {n}.}}
"""
    for n in range(1, 5)
)
SECRET_WORDS = ("snorkelwick", "flibbertigibbet", "zanderfell", "quillworth")
# A practice quiz whose bank asks for its answers after every Check, pass or not.
OPEN_QUIZ = """\
id: open
title: Open quiz
playbook: alpha
pass_mark: 100
duration: 1
show_answers: always
questions:
  - id: o1
    type: single
    prompt: Which step comes first?
    cites: AL-1
    explanation: The open explanation.
    options:
      - {text: Listen, correct: true, feedback: Yes it does.}
      - {text: Act, feedback: No it comes second.}
"""
ASSETS = ROOT / "cxportal" / "assets"


def build_quiz_fixture(tmp: Path) -> Path:
    """The fixture portal plus the drawn and the open quiz, built strictly; returns the site folder."""
    project = make_project(tmp)
    (project / "playbooks" / "quizzes" / "drawn.yml").write_text(DRAWN_QUIZ, "utf-8")
    (project / "playbooks" / "quizzes" / "open.yml").write_text(OPEN_QUIZ, "utf-8")
    site = tmp / "site"
    result = build_in_process(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture
def quiz_site(quiz_fixture_site: Path) -> Path:
    return quiz_fixture_site  # built once per run, shared with tests/browser/test_quiz.py


def quiz_div(html: str) -> str:
    match = re.search(r'<div class="cx-quiz".*?</noscript>', html, re.S)
    assert match, "no quiz rendered"
    return match.group(0)


def test_quiz_data_is_encoded_and_complete(quiz_site: Path) -> None:
    html = (quiz_site / "quizzes" / "alpha" / "index.html").read_text("utf-8")
    div = quiz_div(html)
    assert "data-search-exclude" in div
    encoded = re.search(r'data-cx-data="([^"]+)"', div).group(1)
    data = json.loads(base64.b64decode(encoded))
    assert [q["id"] for q in data["questions"]] == ["first", "both", "tf", "order", "match", "blank"]
    assert data["pass_mark"] == 60
    first = data["questions"][0]
    assert first["hint"] == "Read AL-1."
    assert (first["cite_href"], first["cite_label"]) == ("../../playbooks/alpha/#al-1", "AL-1 First step")
    # Feedback only exists inside the encoded data, never as readable text in the page.
    assert "Acting comes second." in json.dumps(data, ensure_ascii=False)
    assert "Acting comes second" not in html
    assert re.search(r'data-cx-hash="[0-9a-f]{12}"', div)


def test_noscript_fallback_folds_answers(quiz_site: Path) -> None:
    html = (quiz_site / "playbooks" / "alpha" / "index.html").read_text("utf-8")
    noscript = re.search(r"<noscript>(.*?)</noscript>", html, re.S).group(1)
    assert noscript.count("<details>") == 6
    assert "What is the first step?" in noscript


def test_quiz_script_loads_inside_content_for_instant_navigation(quiz_site: Path) -> None:
    for page in ("quizzes/alpha", "playbooks/alpha", "quizzes"):
        html = (quiz_site / page / "index.html").read_text("utf-8")
        content = html.split('data-md-component="container"', 1)[1].split('class="md-footer"', 1)[0]
        assert 'src="../../assets/cxportal/quiz.js"' in content or 'src="../assets/cxportal/quiz.js"' in content, page
        assert "assets/cxportal/quiz.css" in html, page
    home = (quiz_site / "index.html").read_text("utf-8")
    assert "quiz.js" not in home and "quiz.css" not in home


def test_search_index_has_no_answers_feedback_or_hints(quiz_site: Path) -> None:
    index = (quiz_site / "search" / "search_index.json").read_text("utf-8").lower()
    assert "drawn quiz" in index  # the page itself is indexed
    for word in (*SECRET_WORDS, "acting comes second", "listening comes first."):
        assert word not in index, word


def test_quiz_assets_fit_the_budget() -> None:
    size = sum(len(gzip.compress((ASSETS / name).read_bytes(), 9)) for name in ("quiz.js", "quiz.css"))
    assert 2_000 < size <= 10 * 1024, size  # the budget: 10 KB gzipped, on quiz pages only
