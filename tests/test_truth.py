"""Content true to its sources: Sources blocks, practice activities, honest reading times, fill-in
answers in their equivalent forms, and the self-assessment's calibration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxportal.answers import AnswerWords, accepted, canonical
from cxportal.cli import main
from cxportal.loader import load_content
from cxportal.model import reading_minutes
from cxportal.project import load_project
from cxportal.validator import CheckSettings

from .conftest import ROOT, build_in_process
from .helpers import FIXTURE_SETTINGS, messages, problems_of, write

SOURCES = """sources:
  - title: "Alpha: how to listen"
    author: "A. Writer"
    organisation: "Test Research Group"
    published: 2022-05-11
    research_period: "2021–2022"
    seed: "000_test"
"""
INTERPRETATION = """
!!! interpretation "The portal's reading"
    Listening first is how this portal reads the article; the article does not rank the steps.
"""


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def add_sources(project: Path) -> None:
    edit(project, "playbooks/alpha.md", "owner: Test office\n", "owner: Test office\n" + SOURCES)
    edit(
        project,
        "playbooks/beta.md",
        "owner: Test office\n",
        'owner: Test office\nsources:\n  - {title: "Beta notes"}\n',
    )


# Sources -----------------------------------------------------------------------


def test_a_playbook_without_sources_is_a_warning_at_its_first_line(fixture_project: Path):
    problems = problems_of(fixture_project, settings=CheckSettings(quiz_quality="off", sources="warn"))
    assert [(p.path, p.line, p.severity) for p in problems] == [
        ("playbooks/alpha.md", 1, "warning"),
        ("playbooks/beta.md", 1, "warning"),
    ]
    assert "names no sources" in problems[0].message
    add_sources(fixture_project)
    assert problems_of(fixture_project, settings=CheckSettings(quiz_quality="off", sources="error")) == []


def test_sources_are_read_with_every_field(fixture_project: Path):
    add_sources(fixture_project)
    alpha = load_project(fixture_project, settings=FIXTURE_SETTINGS)[0].playbooks["alpha"]
    (source,) = alpha.sources
    assert (
        source.title,
        source.author,
        source.organisation,
        str(source.published),
        source.research_period,
        source.seed,
    ) == ("Alpha: how to listen", "A. Writer", "Test Research Group", "2022-05-11", "2021–2022", "000_test")


def test_a_misspelt_source_field_is_reported_with_its_line(fixture_project: Path):
    edit(
        fixture_project,
        "playbooks/alpha.md",
        "owner: Test office\n",
        "owner: Test office\n" + SOURCES.replace("organisation:", "organization:"),
    )
    assert "playbooks/alpha.md:13: unknown field 'sources[1].organization' (did you mean 'organisation'?)" in messages(
        problems_of(fixture_project)
    )


def test_cli_check_strict_fails_on_warnings_only(fixture_project: Path):
    config = str(fixture_project / "mkdocs.yml")
    edit(fixture_project, "mkdocs.yml", "      sources: note\n", "      sources: warn\n")
    relaxed = CliRunner().invoke(main, ["check", "-f", config])
    strict = CliRunner().invoke(main, ["check", "--strict", "-f", config])
    assert relaxed.exit_code == 0 and "playbooks/alpha.md:1: warning: the playbook names no sources" in relaxed.output
    assert strict.exit_code == 1


# A bank of equivalent fill-in forms and a self-assessment with subtotals, for the browser tests.
FILL_IN_QUIZ = """\
id: fillin
title: Figures
playbook: alpha
pass_mark: 100
questions:
  - id: figures
    type: fill_blank
    prompt: The boot camp takes ___, and ___ of top scores mention the factor; the body is a ___.
    cites: AL-1
    blanks:
      - accept: ["3 hours"]
      - accept: ["65%"]
      - accept: ["committee", {pattern: "customers? committee"}]
"""
GROUPED_QUIZ = """\
id: grouped
title: Where do you stand?
playbook: beta
shuffle: false
groups:
  listen: Listening
  act: Acting
questions:
  - {id: l1, type: self_assessment, group: listen, prompt: We listen., cites: AL-1,
     options: [{text: Never, score: 0}, {text: Sometimes, score: 1}, {text: Always, score: 2}]}
  - {id: a1, type: self_assessment, group: act, prompt: We act., cites: AL-2,
     options: [{text: Never, score: 0}, {text: Sometimes, score: 1}, {text: Always, score: 2}]}
  - {id: a2, type: self_assessment, group: act, prompt: We act fast., cites: AL-2,
     options: [{text: Never, score: 0}, {text: Sometimes, score: 1}, {text: Always, score: 2}]}
bands:
  - {min: 0, max: 2, title: Starting, advice: "The portal's reading, not the source's: listen more."}
  - {min: 3, max: 6, title: Going, advice: "The portal's reading, not the source's: keep acting."}
"""


def build_truth_fixture(tmp: Path) -> Path:
    """The fixture portal with sources, an interpretation, activities and two more quizzes, built strictly
    with sources required; returns the site folder."""
    from .conftest import make_project

    project = make_project(tmp)
    add_sources(project)
    edit(project, "playbooks/alpha.md", "customers notice.\n", "customers notice.\n" + INTERPRETATION)
    edit(project, "mkdocs.yml", "      sources: note\n", "      sources: error\n")
    (project / "playbooks" / "quizzes" / "fillin.yml").write_text(FILL_IN_QUIZ, "utf-8")
    (project / "playbooks" / "quizzes" / "grouped.yml").write_text(GROUPED_QUIZ, "utf-8")
    site = tmp / "site"
    result = build_in_process(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture
def truth_site(truth_fixture_site: Path) -> Path:
    return truth_fixture_site  # built once per run, shared with tests/browser/test_truth.py


def test_the_sources_block_ends_the_playbook(truth_site: Path):
    html = (truth_site / "playbooks" / "alpha" / "index.html").read_text("utf-8")
    block = re.search(r'<h2 class="cx-sources__title" id="cx-sources">Sources.*?</div>', html, re.S).group(0)
    assert "<cite>Alpha: how to listen</cite> · A. Writer · Test Research Group · published" in block
    assert "research period 2021–2022" in block
    assert 'href="#cx-sources"' in html  # in the table of contents
    # Nothing of the page's own content comes after it.
    assert "cx-quiz" not in html[html.index(block) :]


def test_the_interpretation_admonition_is_marked_and_styled(truth_site: Path):
    html = (truth_site / "playbooks" / "alpha" / "index.html").read_text("utf-8")
    assert '<div class="admonition interpretation">' in html
    assert "The portal&rsquo;s reading" in html or "The portal's reading" in html
    css = (truth_site / "assets" / "cxportal" / "cxportal.css").read_text("utf-8")
    assert ".md-typeset .admonition.interpretation" in css and "--md-admonition-icon--interpretation" in css
    assert ".admonition.interpretation" in (truth_site / "assets" / "cxportal" / "print.css").read_text("utf-8")


# Practice activities ----------------------------------------------------------------


def test_activities_load_with_their_minutes_and_count_in_paths(fixture_project: Path):
    portal, problems = load_project(fixture_project, settings=FIXTURE_SETTINGS)
    assert problems == []
    assert sorted(portal.activities) == ["bring-a-complaint", "listen-to-calls"]
    refresher = portal.roles["lead"].paths["refresher"]
    assert [s.key for s in refresher.steps] == ["playbook:alpha", "activity:listen-to-calls"]
    assert portal.path_minutes(refresher) == portal.playbooks["alpha"].duration + 30


def test_unknown_activity_in_a_path_suggests_the_near_miss(fixture_project: Path):
    edit(fixture_project, "playbooks/roles/lead.yml", "- activity: listen-to-calls", "- activity: listen-to-call")
    assert (
        "playbooks/roles/lead.yml:14: unknown activity 'listen-to-call' (did you mean 'listen-to-calls'?)"
        in messages(problems_of(fixture_project))
    )


def test_an_activity_citing_an_unknown_code(fixture_project: Path):
    edit(
        fixture_project,
        "playbooks/activities/bring-a-complaint.md",
        "cites: [AL-2, BE-1]",
        "cites:\n  - AL-2\n  - BE-2",
    )
    assert (
        "playbooks/activities/bring-a-complaint.md:8: unknown code in cites 'BE-2' (did you mean 'BE-1'?)"
        in messages(problems_of(fixture_project))
    )


def test_an_activity_without_minutes_is_a_shape_problem(fixture_project: Path):
    edit(fixture_project, "playbooks/activities/listen-to-calls.md", "duration: 30\n", "")
    assert "playbooks/activities/listen-to-calls.md:2: missing the required field 'duration'" in messages(
        problems_of(fixture_project)
    )


def test_activity_pages_paths_and_navigation(truth_site: Path):
    page = (truth_site / "activities" / "listen-to-calls" / "index.html").read_text("utf-8")
    assert 'data-cx-activity="listen-to-calls"' in page and "about 30 min" in page
    assert 'href="../../playbooks/alpha/#al-1"' in page  # what it practises, linked
    path = (truth_site / "roles" / "lead" / "refresher" / "index.html").read_text("utf-8")
    assert 'data-cx-step="activity:listen-to-calls"' in path
    assert "Practice · 30 min" in path
    assert 'data-cx-activity-titles="listen-to-calls=Listen to three calls"' in path
    assert "Practice activities" in page  # in the navigation


# Reading time --------------------------------------------------------------------


def test_reading_time_is_computed_at_the_configured_speed(fixture_project: Path):
    text = "word " * 450
    write(
        fixture_project,
        "playbooks/long.md",
        f"""
        ---
        id: long
        title: Long
        summary: A long playbook.
        audiences: [all]
        version: "1"
        reviewed: 2026-11-20
        owner: Test office
        ---

        ## [LO-1] Only

        {text}
    """,
    )
    for wpm, minutes in ((150, 4), (100, 5), (200, 3)):  # 452 words with the heading
        portal = load_project(
            fixture_project, settings=CheckSettings(words_per_minute=wpm, quiz_quality="off", sources="off")
        )[0]
        assert portal.playbooks["long"].duration == minutes == reading_minutes(452, wpm)


def test_a_stated_duration_that_disagrees_is_reported(fixture_project: Path):
    write(
        fixture_project,
        "playbooks/long.md",
        f"""
        ---
        id: long
        title: Long
        summary: A long playbook.
        audiences: [all]
        duration: 9
        version: "1"
        reviewed: 2026-11-20
        owner: Test office
        ---

        ## [LO-1] Only

        {"word " * 1498}
    """,
    )
    assert (
        "playbooks/long.md:6: duration 9 min does not match the reading time (about 10 min for 1500 words at 150 a "
        "minute): write 10, or leave 'duration' out to have it computed"
    ) not in messages(problems_of(fixture_project))
    edit(fixture_project, "playbooks/long.md", "duration: 9", "duration: 7")
    assert (
        "playbooks/long.md:6: duration 7 min does not match the reading time (about 10 min for 1500 words at 150 a "
        "minute): write 10, or leave 'duration' out to have it computed"
    ) in messages(problems_of(fixture_project))


def test_the_cli_reads_words_per_minute_from_mkdocs_yml(fixture_project: Path):
    edit(
        fixture_project,
        "mkdocs.yml",
        "      intranet_check: true\n",
        "      intranet_check: true\n      words_per_minute: 50\n",
    )
    edit(fixture_project, "playbooks/alpha.md", "duration: 1\n", "duration: 20\n")  # wrong at any reading speed
    result = CliRunner().invoke(main, ["check", "-f", str(fixture_project / "mkdocs.yml")])
    assert "at 50 a minute" in result.output and result.exit_code == 1


# Fill-in answers -----------------------------------------------------------------

# (language, typed, accepted answers, accepted?) — shared with the browser test, which checks quiz.js agrees
# given the same language's words (from its string catalogue, as strings.js ships them).
FILL_IN_CASES = [
    ("en", "3 hours", ["3"], True),
    ("en", "three hours", ["3 hours"], True),
    ("en", "3 h", ["3 hours"], True),
    ("en", "3hrs", ["three"], True),
    ("en", "Three", ["3"], True),
    ("en", "3 minutes", ["3 hours"], False),
    ("en", "65%", ["65"], True),
    ("en", "65 %", ["65%"], True),
    ("en", "65 percent", ["65%"], True),
    ("en", "65", ["65%"], True),
    ("en", "66%", ["65%"], False),
    ("en", "3x", ["3"], True),
    ("en", "3 times", ["3×"], True),
    ("en", "  HEAR  ", ["listen", "hear"], True),
    ("en", "Listen.", ["listen"], True),
    ("en", "act  now", ["act now"], True),
    ("en", "1,5 hours", ["1.5 h"], True),
    ("en", "три часа", ["3"], False),  # Russian words are the Russian site's, not the English one's
    ("ru", "три часа", ["3"], True),
    ("ru", "три часа", ["3 hours"], True),
    ("ru", "двенадцать процентов", ["12 %"], True),
    ("ru", "3 раза", ["3×"], True),
    ("ru", "five", ["5"], True),  # English words count on every site
    ("ru", "3 минуты", ["3 часа"], False),
    ("uk", "три години", ["3 год"], True),
    ("uk", "п'ять відсотків", ["5%"], True),
    ("uk", "3 хвилини", ["3 години"], False),
    ("en", "", ["3"], False),
    ("en", "speak", ["listen"], False),
]


@pytest.mark.parametrize("lang, typed, answers, expected", FILL_IN_CASES)
def test_fill_in_equivalent_forms(lang: str, typed: str, answers: list[str], expected: bool):
    assert accepted(typed, tuple(answers), words=AnswerWords.of(lang)) is expected


def test_a_language_brings_its_answer_words_as_catalogue_data(tmp_path: Path):
    """A language the engine does not ship reads numbers in fill-in answers from its catalogue alone."""
    from cxportal.i18n import Strings

    (tmp_path / "pl.yml").write_text('answers.numbers.3: "trzy"\nanswers.units.h: "godz, godziny"\n', "utf-8")
    words = AnswerWords.of(strings=Strings("pl", (tmp_path,)))
    assert accepted("trzy godziny", ("3 h",), words=words)
    assert accepted("three hours", ("3 h",), words=words)  # and English, its fallback
    assert not accepted("три часа", ("3 h",), words=words)


def test_fill_in_patterns():
    assert accepted("Customer committee", (), ("customer(s)? committee",))
    assert accepted("the  customers committee", (), ("(the )?customers? committee",))
    assert not accepted("committee", (), ("customer committee",))
    assert canonical("Twelve per cent") == "12 %"


def test_a_bad_pattern_is_reported(fixture_project: Path):
    edit(fixture_project, "playbooks/quizzes/alpha.yml", "- {accept: [act]}", "- {accept: [act, {pattern: 'act('}]}")
    assert any(
        "the pattern 'act(' is not a valid regular expression" in m for m in messages(problems_of(fixture_project))
    )


# The self-assessment ----------------------------------------------------------------

SELF_ASSESSMENT = ROOT / "playbooks" / "quizzes" / "cx-maturity-self-assessment.yml"
# Every statement answered the same way lands on the stage those answers describe (issue 12).
CALIBRATION = [
    (0, "Ignoring"),
    (1, "Exploring"),
    (2, "Transforming operations"),
    (3, "Embedding"),
]
# Mixed answers: the average decides. Between 1 and 2 is Mobilizing, between 2 and 3 is Aligning.
MIXED = [
    ([0] * 9 + [1] * 9, "Exploring"),  # average 0.5
    ([1] * 9 + [2] * 9, "Mobilizing"),  # average 1.5
    ([2] * 9 + [3] * 9, "Aligning"),  # average 2.5
    ([0] * 17 + [1], "Ignoring"),
    ([3] * 17 + [2], "Embedding"),
]


@pytest.fixture(scope="module")
def self_assessment():
    loaded = load_content(ROOT / "playbooks", ROOT)
    return next(q for q in loaded.quizzes if q.id == "cx-maturity-self-assessment")


def band_for(quiz, total: float) -> str:
    # As quiz.js does: the last band whose minimum the total reaches.
    return str([b for b in sorted(quiz.bands, key=lambda b: b.min) if total >= b.min][-1].title)


@pytest.mark.parametrize("answer, stage", CALIBRATION)
def test_uniform_answers_land_on_the_stage_they_describe(self_assessment, answer: int, stage: str):
    scores = {o.score for q in self_assessment.questions for o in q.options}
    assert scores == {0, 1, 2, 3}, "every statement uses the same 0-3 scale"
    assert band_for(self_assessment, answer * len(self_assessment.questions)) == stage


@pytest.mark.parametrize("answers, stage", MIXED)
def test_mixed_answers_land_by_their_average(self_assessment, answers: list[int], stage: str):
    assert len(answers) == len(self_assessment.questions)
    assert band_for(self_assessment, sum(answers)) == stage


def test_every_5p_and_5i_item_and_every_competency_is_assessed(self_assessment):
    cited = {q.cites for q in self_assessment.questions}
    assert {f"5P-{n}" for n in range(1, 6)} | {f"5I-{n}" for n in range(1, 6)} | {"VAL-1", "VAL-2", "VAL-3"} <= cited
    assert {g: str(t) for g, t in self_assessment.groups.items()} == {
        "leadership": "Purposeful leadership",
        "values": "Compelling brand values",
        "engagement": "Employee engagement",
        "connectedness": "Customer connectedness",
    }
    assert {q.group for q in self_assessment.questions} == set(self_assessment.groups)


def test_each_question_is_one_statement(self_assessment):
    for q in self_assessment.questions:
        prompt = str(q.prompt)
        assert len(re.findall(r"[.!?](\s|$)", prompt)) == 1, prompt
        assert len(q.options) == 4


def test_band_texts_say_they_are_the_portals_reading(self_assessment):
    assert all(str(b.advice).startswith("The portal's reading, not the source's:") for b in self_assessment.bands)


def test_the_russian_self_assessment_matches_the_english_one(self_assessment):
    from cxportal.shape import check_shape
    from cxportal.yamlfile import parse_yaml

    path = SELF_ASSESSMENT.with_name("cx-maturity-self-assessment.ru.yml")
    data, problems = parse_yaml(path.read_text("utf-8"), str(path))
    assert problems == [] and check_shape(data, "quiz", str(path)) == []
    assert data["id"] == self_assessment.id and set(data["groups"]) == set(self_assessment.groups)
    assert [(q["id"], q["cites"], q["group"], [o["score"] for o in q["options"]]) for q in data["questions"]] == [
        (q.id, q.cites, q.group, [o.score for o in q.options]) for q in self_assessment.questions
    ]
    assert [(b["min"], b["max"], b["cites"]) for b in data["bands"]] == [
        (b.min, b.max, b.cites) for b in self_assessment.bands
    ]
    # The six stages as the Russian article names them (seed 002:61-66).
    assert [b["title"] for b in data["bands"]] == [
        "Игнорирование",
        "Исследование",
        "Мобилизация",
        "Операционные преобразования",
        "Согласование всех элементов",
        "Внедрение",
    ]
    assert all(b["advice"].startswith("Трактовка портала, не источника:") for b in data["bands"])
