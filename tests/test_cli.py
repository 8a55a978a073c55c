"""The cxportal command line: check, new, stats and build."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cxportal.cli import main


def run(project: Path, *args: str):
    return CliRunner().invoke(main, [*args[:1], "-f", str(project / "mkdocs.yml"), *args[1:]])


def test_check_passes_on_valid_content(fixture_project: Path):
    result = run(fixture_project, "check")
    assert result.exit_code == 0, result.output
    assert "OK: 2 playbooks, 3 codes, 3 roles, 2 quizzes" in result.output


def test_check_lists_every_problem_and_exits_1(fixture_project: Path):
    path = fixture_project / "playbooks/roles/agent.yml"
    path.write_text(path.read_text().replace("kind: front-line", "kind: frontline"))
    path = fixture_project / "playbooks/roles/clerk.yml"
    path.write_text(path.read_text().replace("- playbook: alpha", "- playbook: alpah"))
    result = run(fixture_project, "check")
    assert result.exit_code == 1
    assert "playbooks/roles/agent.yml:4: 'kind' must be one of" in result.output
    assert "playbooks/roles/clerk.yml:12: unknown playbook 'alpah' (did you mean 'alpha'?)" in result.output
    assert "2 problems found." in result.output
    assert "Traceback" not in result.output


def test_check_reports_broken_yaml_without_traceback(fixture_project: Path):
    (fixture_project / "playbooks/quizzes/alpha.yml").write_text("id: alpha\nquestions: [\n")
    result = run(fixture_project, "check")
    assert result.exit_code == 1
    assert "playbooks/quizzes/alpha.yml:3: YAML syntax error" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_new_scaffolds_files_that_pass_check(fixture_project: Path):
    for kind, name in (
        ("playbook", "complaint-basics"),
        ("role", "courier"),
        ("quiz", "complaint-basics"),
        ("activity", "call-review"),
    ):
        result = run(fixture_project, "new", kind, name)
        assert result.exit_code == 0, result.output
    assert (fixture_project / "playbooks/complaint-basics.md").exists()
    assert (fixture_project / "playbooks/roles/courier.yml").exists()
    assert (fixture_project / "playbooks/quizzes/complaint-basics.yml").exists()
    assert (fixture_project / "playbooks/activities/call-review.md").exists()
    result = run(fixture_project, "check")
    assert result.exit_code == 0, result.output
    assert "3 playbooks" in result.output


def test_new_refuses_to_overwrite_and_bad_names(fixture_project: Path):
    assert run(fixture_project, "new", "role", "agent").exit_code != 0
    assert run(fixture_project, "new", "role", "Bad Name").exit_code != 0


def test_stats_shows_path_lengths_against_budgets(fixture_project: Path):
    result = run(fixture_project, "stats")
    assert result.exit_code == 0, result.output
    agent = next(line for line in result.output.splitlines() if line.startswith("agent"))
    assert "5 min / 3 h" in agent and "front-line" in agent


def test_build_writes_the_site(fixture_project: Path, tmp_path: Path):
    # The real command runs mkdocs in a subprocess; run it from the project folder.
    import os
    import subprocess
    import sys

    site = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "cxportal.cli", "build", "-d", str(site)],
        cwd=fixture_project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert (site / "roles/agent/index.html").exists()
