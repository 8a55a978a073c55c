"""What a reader finds in the built portal: index pages, navigation, page wording and a quiet build."""

from __future__ import annotations

import re
from pathlib import Path

from cxportal.project import load_project
from tests.conftest import ROOT, run_mkdocs_build


def html_of(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text("utf-8")


def test_a_build_prints_no_nav_notice_and_no_macros_chatter(fixture_project: Path) -> None:
    result = run_mkdocs_build(fixture_project)
    assert result.returncode == 0, result.stderr
    assert 'not included in the "nav"' not in result.stderr
    assert "[macros]" not in result.stderr


def test_playbooks_index_lists_every_playbook(built_site: Path) -> None:
    html = html_of(built_site, "playbooks")
    listed = re.findall(r'data-cx-playbook-entry="([\w-]+)"', html)
    assert sorted(listed) == sorted(p.stem for p in (built_site / "playbooks").iterdir() if p.is_dir())
    assert len(listed) == 10


def test_navigation_has_a_refresher_and_keeps_authors_apart_from_leaders(built_site: Path) -> None:
    tabs = re.findall(r'class="md-tabs__link[^"]*"[^>]*>\s*([^<]+?)\s*<', html_of(built_site, ""))
    assert "Refresher" in tabs and "For authors" in tabs
    leaders = html_of(built_site, "for-leaders")
    section = leaders[leaders.index("For leaders") :]
    assert "Writing content" not in section.split("For authors")[0]


def test_start_here_lists_roles_in_the_roles_page_order_without_repeating_its_cards(built_site: Path) -> None:
    roles_page = re.findall(r'class="cx-role-card" data-cx-role="([\w-]+)"', html_of(built_site, "roles"))
    start = html_of(built_site, "start-here")
    listed = re.findall(r'<li data-cx-role="([\w-]+)"', start)
    assert listed == roles_page
    assert 'class="cx-role-card"' not in start


def test_a_path_page_links_back_to_its_role(built_site: Path) -> None:
    html = html_of(built_site, "roles/legal/onboarding")
    assert re.search(r'<a class="cx-path__role" href="\.\./">← Legal', html)


def test_what_changed_lists_a_shared_note_once(built_site: Path) -> None:
    html = html_of(built_site, "changes")
    assert html.count("First published") <= 1
    # One entry per change of every playbook (the shared note's playbooks are listed under it once).
    portal, _problems = load_project(ROOT)
    changes = sum(len(p.changes) for p in portal.playbooks.values())
    assert len(re.findall(r'<li data-cx-change-date="[\d-]+" data-cx-playbook="[\w-]+"', html)) == changes


def test_the_self_assessment_does_not_promise_right_answers(built_site: Path) -> None:
    html = html_of(built_site, "quizzes/cx-maturity-self-assessment")
    assert "no right or wrong answers" in html and "Every answer links back" not in html


def test_no_playbook_has_an_empty_role_section(built_site: Path) -> None:
    for page in (built_site / "playbooks").glob("*/index.html"):
        html = page.read_text("utf-8")
        if 'id="role-examples"' in html:
            after = html.split('id="role-examples"', 1)[1]
            assert "tabbed-set" in after.split("<h2", 1)[0], f"{page.parent.name}: empty role section"


def test_meeting_card_links_resolve(built_site: Path) -> None:
    html = html_of(built_site, "playbooks/leadership-5p/card")
    full = re.search(r'<a href="([^"]+)">full playbook</a>', html).group(1)
    assert full == "../"
    assert (built_site / "playbooks" / "leadership-5p" / "card" / full / "index.html").resolve().exists()
    assert 'href="../../../go/5p-2/"' in html
