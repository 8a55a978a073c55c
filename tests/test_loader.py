"""The loader: every value keeps its file and line; bad YAML becomes a problem, never a traceback."""

from __future__ import annotations

from pathlib import Path

from cxportal.loader import load_content
from cxportal.project import load_project
from cxportal.yamlfile import parse_yaml

from .helpers import FIXTURE_SETTINGS, messages, problems_of, write


def test_fixture_project_loads_without_problems(fixture_project: Path):
    portal, problems = load_project(fixture_project, settings=FIXTURE_SETTINGS)
    assert problems == []
    assert sorted(portal.playbooks) == ["alpha", "beta"]
    assert sorted(portal.roles) == ["agent", "clerk", "lead"]
    assert sorted(portal.quizzes) == ["alpha", "check"]


def test_items_get_codes_anchors_titles_summaries_and_lines(fixture_project: Path):
    portal, _ = load_project(fixture_project)
    item = portal.item("al-1")  # case-insensitive lookup
    assert item is not None
    assert (item.code, item.anchor, item.title) == ("AL-1", "al-1", "First step")
    assert item.summary == "The first step is to listen."
    assert item.source.path == "playbooks/alpha.md"
    assert item.source.line == 21


def test_explicit_anchors_and_front_matter_are_read(fixture_project: Path):
    alpha = load_project(fixture_project)[0].playbooks["alpha"]
    assert "objectives" in alpha.anchors
    assert alpha.version == "1.1"
    assert [c.version for c in alpha.changes] == ["1.1", "1.0"]
    assert alpha.line_of("duration") == 6


def test_localised_text_falls_back_to_english(fixture_project: Path):
    lead = load_project(fixture_project)[0].roles["lead"]
    assert str(lead.name) == "Team leader"
    assert lead.name.get("ru") == "Руководитель группы"
    assert lead.summary.get("ru") == "Leads a team."


def test_path_steps_keep_their_lines(fixture_project: Path):
    agent = load_project(fixture_project)[0].roles["agent"]
    steps = agent.paths["onboarding"].steps
    assert [s.key for s in steps] == ["playbook:alpha", "quiz:alpha", "playbook:beta"]
    assert steps[1].source.line == 15


def test_yaml_syntax_error_is_a_problem_with_its_line(fixture_project: Path):
    write(
        fixture_project,
        "playbooks/roles/broken.yml",
        """
        id: broken
        name: Broken
        kind: [front-line
        summary: x
    """,
    )
    found = messages(problems_of(fixture_project))
    assert any(m.startswith("playbooks/roles/broken.yml:4: YAML syntax error") for m in found), found


def test_front_matter_syntax_error_has_the_file_line(fixture_project: Path):
    path = fixture_project / "playbooks/beta.md"
    path.write_text(path.read_text().replace("duration: 1", "duration: : 1"))
    found = messages(problems_of(fixture_project))
    assert any(m.startswith("playbooks/beta.md:6: YAML syntax error") for m in found), found


def test_duplicate_yaml_keys_are_reported(fixture_project: Path):
    path = fixture_project / "playbooks/roles/clerk.yml"
    path.write_text(path.read_text().replace("kind: back-office", "kind: back-office\nkind: leader"))
    assert "playbooks/roles/clerk.yml:5: duplicate key 'kind'" in messages(problems_of(fixture_project))


def test_missing_front_matter_is_reported(fixture_project: Path):
    write(fixture_project, "playbooks/gamma.md", "# No front matter\n")
    assert "playbooks/gamma.md:1: a playbook must start with front matter between '---' lines" in messages(
        problems_of(fixture_project)
    )


def test_parse_yaml_shifts_lines_for_front_matter():
    data, problems = parse_yaml("a: 1\nb:\n  - x\n", "f.md", first_line=2)
    assert problems == []
    assert data.line_of("b") == 3
    assert data["b"].line_of(0) == 4


def test_missing_content_folder_is_a_problem(tmp_path: Path):
    loaded = load_content(tmp_path / "nope", tmp_path)
    assert [p.message for p in loaded.problems] == ["content folder not found"]


def test_a_quiz_shows_answers_after_a_pass_unless_its_bank_says_always(fixture_project: Path):
    portal, _ = load_project(fixture_project, settings=FIXTURE_SETTINGS)
    assert portal.quizzes["alpha"].show_answers == "after_pass"
    bank = fixture_project / "playbooks" / "quizzes" / "alpha.yml"
    text = bank.read_text("utf-8")
    bank.write_text(text.replace("pass_mark:", "show_answers: always\npass_mark:", 1), "utf-8")
    portal, _ = load_project(fixture_project, settings=FIXTURE_SETTINGS)
    assert portal.quizzes["alpha"].show_answers == "always"
    bank.write_text(text.replace("pass_mark:", "show_answers: allways\npass_mark:", 1), "utf-8")
    _, problems = load_project(fixture_project, settings=FIXTURE_SETTINGS)
    found = "\n".join(str(p) for p in problems)
    assert "playbooks/quizzes/alpha.yml:5: 'show_answers' must be one of after_pass, always, not 'allways'" in found
    assert "did you mean 'always'" in found
