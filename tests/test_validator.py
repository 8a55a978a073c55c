"""The validator: every kind of content error, each with its file, line and a useful hint."""

from __future__ import annotations

from pathlib import Path

from .helpers import messages, problems_of


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text()
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))


def found(project: Path, **kwargs) -> list[str]:
    return messages(problems_of(project, **kwargs))


def test_unknown_playbook_in_a_path_suggests_the_near_miss(fixture_project: Path):
    edit(fixture_project, "playbooks/roles/agent.yml", "- playbook: alpha", "- playbook: alpah")
    assert "playbooks/roles/agent.yml:13: unknown playbook 'alpah' (did you mean 'alpha'?)" in found(fixture_project)


def test_unknown_quiz_in_a_path(fixture_project: Path):
    edit(fixture_project, "playbooks/roles/agent.yml", "- quiz: alpha", "- quiz: alfa")
    assert "playbooks/roles/agent.yml:15: unknown quiz 'alfa' (did you mean 'alpha'?)" in found(fixture_project)


def test_unknown_audience(fixture_project: Path):
    edit(fixture_project, "playbooks/beta.md", "audiences: [agent, lead]", "audiences: [agnet, lead]")
    assert "playbooks/beta.md:5: unknown audience (a role id or 'all') 'agnet' (did you mean 'agent'?)" in found(
        fixture_project
    )


def test_question_citing_an_unknown_code(fixture_project: Path):
    edit(
        fixture_project,
        "playbooks/quizzes/alpha.yml",
        "cites: AL-1\n    explanation: Listening",
        "cites: AL-9\n    explanation: Listening",
    )
    assert any(
        m.startswith("playbooks/quizzes/alpha.yml:13: question 'first' cites an unknown code 'AL-9'")
        for m in found(fixture_project)
    )


def test_question_citing_an_unknown_anchor(fixture_project: Path):
    edit(fixture_project, "playbooks/quizzes/alpha.yml", "cites: alpha#objectives", "cites: alpha#objective")
    assert (
        "playbooks/quizzes/alpha.yml:21: question 'both' cites an unknown anchor '#objective' in 'alpha' "
        "(did you mean 'objectives'?)"
    ) in found(fixture_project)


def test_duplicate_role_id(fixture_project: Path):
    edit(fixture_project, "playbooks/roles/clerk.yml", "id: clerk", "id: agent")
    assert any(
        m.startswith(
            "playbooks/roles/clerk.yml:2: duplicate role id 'agent', already used in playbooks/roles/agent.yml"
        )
        for m in found(fixture_project)
    )


def test_duplicate_code_across_playbooks(fixture_project: Path):
    edit(fixture_project, "playbooks/beta.md", "## [BE-1] Only step", "## [AL-1] Only step")
    assert any(
        m.startswith("playbooks/beta.md:14: duplicate code 'AL-1', already used in playbooks/alpha.md:21")
        for m in found(fixture_project)
    )


def test_duplicate_question_id(fixture_project: Path):
    edit(fixture_project, "playbooks/quizzes/alpha.yml", "- id: both", "- id: first")
    assert "playbooks/quizzes/alpha.yml:9: duplicate question id 'first' in quiz 'alpha'" in found(fixture_project)


def test_single_choice_without_a_correct_answer(fixture_project: Path):
    edit(fixture_project, "playbooks/quizzes/alpha.yml", "{text: Listen, correct: true, ", "{text: Listen, ")
    assert (
        "playbooks/quizzes/alpha.yml:9: question 'first' is single choice but has no correct option: "
        "mark exactly one with 'correct: true'"
    ) in found(fixture_project)


def test_multiple_choice_without_a_correct_answer(fixture_project: Path):
    edit(
        fixture_project,
        "playbooks/quizzes/alpha.yml",
        "- {text: Listen, correct: true, feedback: A step.}\n      - {text: Act, correct: true, feedback: Also a step.}",
        "- {text: Listen, feedback: A step.}\n      - {text: Act, feedback: Also a step.}",
    )
    assert any("question 'both' has no correct option" in m for m in found(fixture_project))


def test_self_assessment_needs_no_correct_answer_but_bands_must_cover_totals(fixture_project: Path):
    assert found(fixture_project) == []
    edit(fixture_project, "playbooks/quizzes/check.yml", "{min: 2, max: 4,", "{min: 3, max: 4,")
    assert any("no band covers totals from 2 to 3 (a gap)" in m for m in found(fixture_project))


def test_bands_that_stop_short_are_reported(fixture_project: Path):
    edit(fixture_project, "playbooks/quizzes/check.yml", "{min: 2, max: 4,", "{min: 2, max: 3,")
    assert any("the bands stop at 3 but the total can reach 4" in m for m in found(fixture_project))


def test_pass_mark_out_of_range(fixture_project: Path):
    edit(fixture_project, "playbooks/quizzes/alpha.yml", "pass_mark: 60", "pass_mark: 160")
    assert "playbooks/quizzes/alpha.yml:2: pass_mark 160 is out of range: use a percent from 1 to 100" in found(
        fixture_project
    )


def test_path_over_budget(fixture_project: Path):
    assert any(
        "the onboarding path takes 5 min, over its budget of 4 min" in m
        for m in found(fixture_project, budgets={"onboarding": 4, "refresher": 120})
    )
    assert any(
        m.startswith("playbooks/roles/agent.yml:12:")
        for m in found(fixture_project, budgets={"onboarding": 4, "refresher": 120})
    )


def test_unknown_field_suggests_the_right_name(fixture_project: Path):
    edit(fixture_project, "playbooks/roles/clerk.yml", "summary:", "sumary:")
    result = found(fixture_project)
    assert "playbooks/roles/clerk.yml:6: unknown field 'sumary' (did you mean 'summary'?)" in result
    assert "playbooks/roles/clerk.yml:2: missing the required field 'summary'" in result


def test_wrong_enum_value_suggests_the_allowed_one(fixture_project: Path):
    edit(fixture_project, "playbooks/roles/clerk.yml", "kind: back-office", "kind: backoffice")
    assert any(
        m.startswith("playbooks/roles/clerk.yml:4: 'kind' must be one of front-line, back-office, leader")
        and "did you mean 'back-office'" in m
        # The project declares its kinds in mkdocs.yml (cxportal's role_kinds option).
        for m in found(fixture_project, role_kinds=["front-line", "back-office", "leader"])
    )


def test_a_broken_file_does_not_cause_follow_on_unknown_id_errors(fixture_project: Path):
    edit(fixture_project, "playbooks/quizzes/alpha.yml", "pass_mark: 60", "pass_mark: sixty")
    result = found(fixture_project)
    assert any("'pass_mark' must be number" in m for m in result)
    assert not any("unknown quiz 'alpha'" in m for m in result)


def test_fill_blank_count_must_match(fixture_project: Path):
    edit(fixture_project, "playbooks/quizzes/alpha.yml", "First you ___, then you ___.", "First you ___.")
    assert any(
        "question 'blank' has 1 blank(s) '___' in its prompt but 2 answer list(s)" in m for m in found(fixture_project)
    )


def test_every_problem_is_reported_at_once(fixture_project: Path):
    edit(fixture_project, "playbooks/roles/agent.yml", "- playbook: alpha", "- playbook: alpah")
    edit(fixture_project, "playbooks/quizzes/alpha.yml", "pass_mark: 60", "pass_mark: 0")
    edit(fixture_project, "playbooks/beta.md", "audiences: [agent, lead]", "audiences: [nobody]")
    assert len(found(fixture_project)) >= 3


def test_dishonest_duration_is_reported(fixture_project: Path):
    edit(fixture_project, "playbooks/alpha.md", "duration: 1", "duration: 40")
    assert any(
        m.startswith("playbooks/alpha.md:6: duration 40 min does not match the reading time")
        for m in found(fixture_project)
    )
