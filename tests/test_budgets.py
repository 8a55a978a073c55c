"""Time budgets: a path over its budget is a validation problem pointing at the path in its file."""

from __future__ import annotations

from pathlib import Path

from cxportal.project import load_project

from .helpers import FIXTURE_SETTINGS


def _budget_problems(project: Path, onboarding: int) -> list:
    _portal, problems = load_project(
        project, "playbooks", {"onboarding": onboarding, "refresher": 120}, FIXTURE_SETTINGS
    )
    return [p for p in problems if "budget" in p.message]


def test_a_path_over_budget_is_reported_with_file_and_line(fixture_project: Path) -> None:
    # The agent's onboarding path: alpha (1 min) + alpha quiz (3 min) + beta (1 min) = 5 min.
    problems = _budget_problems(fixture_project, onboarding=4)
    role_file = fixture_project / "playbooks" / "roles" / "agent.yml"
    path_line = role_file.read_text("utf-8").splitlines().index("  onboarding:") + 1
    assert [(Path(p.path).name, p.line) for p in problems] == [("agent.yml", path_line)]
    assert "5 min, over its budget of 4 min" in problems[0].message
    assert str(problems[0]).startswith(f"{problems[0].path}:{path_line}: ")


def test_a_path_exactly_on_budget_is_fine(fixture_project: Path) -> None:
    assert _budget_problems(fixture_project, onboarding=5) == []
