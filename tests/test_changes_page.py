"""The "What changed" page lists every playbook change with its date, for the reader's filter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import build_in_process, make_project

BETA_CHANGES = """owner: Test office
changes:
  - {version: "1.0", date: 2026-06-15, note: Rewrote the listening step.}
"""


def project_with_changes(tmp: Path) -> Path:
    """The fixture portal, with a change to beta as well as alpha's two."""
    project = make_project(tmp)
    beta = project / "playbooks" / "beta.md"
    beta.write_text(beta.read_text("utf-8").replace("owner: Test office\n", BETA_CHANGES, 1), "utf-8")
    return project


def changed_since(html: str, since: str) -> set[str]:
    """Playbooks whose listed changes are on or after `since`, read from the data attributes."""
    entries = re.findall(r'<li data-cx-change-date="([\d-]+)" data-cx-playbook="([\w-]+)"', html)
    return {playbook for date, playbook in entries if date >= since}


@pytest.fixture(scope="module")
def changes_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    project = project_with_changes(tmp_path_factory.mktemp("changes"))
    result = build_in_process(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return (project / "site" / "changes" / "index.html").read_text("utf-8")


def test_every_change_is_listed_with_its_date_and_version(changes_html: str) -> None:
    entries = re.findall(
        r'<li data-cx-change-date="([\d-]+)" data-cx-playbook="([\w-]+)">(.*?)</li>', changes_html, re.S
    )
    assert sorted((d, p) for d, p, _ in entries) == [
        ("2026-01-10", "alpha"),
        ("2026-06-15", "beta"),
        ("2026-11-01", "alpha"),
    ]
    assert any("v1.1" in text and "Added the second step." in text for _, _, text in entries)
    assert "data-cx-changes-since" in changes_html and 'type="date"' in changes_html


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        ("2026-01-01", {"alpha", "beta"}),
        ("2026-06-15", {"alpha", "beta"}),
        ("2026-06-16", {"alpha"}),
        ("2026-11-02", set()),
    ],
)
def test_the_dates_select_exactly_the_playbooks_changed_since(
    changes_html: str, since: str, expected: set[str]
) -> None:
    assert changed_since(changes_html, since) == expected
