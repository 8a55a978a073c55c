"""The MkDocs-free structure layer: URLs as MkDocs makes them, the navigation, and one answer per question."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.structure.files import File

from cxportal.cli import main
from cxportal.project import load_project
from cxportal.structure import build_nav, merge_nav, nav_sources, page_url, role_quizzes

from .helpers import FIXTURE_SETTINGS

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("directory_urls", [True, False])
@pytest.mark.parametrize("src", ["index.md", "codes.md", "roles/index.md", "roles/agent/onboarding.md", "a/README.md"])
def test_page_urls_match_mkdocs(src: str, directory_urls: bool):
    mkdocs_url = File(src, "/docs", "/site", directory_urls).url
    assert page_url(src, directory_urls) == ("" if mkdocs_url == "./" else mkdocs_url)


def test_every_hand_written_page_is_in_the_navigation(fixture_project: Path):
    portal, problems = load_project(fixture_project, settings=FIXTURE_SETTINGS)
    assert not problems
    pages = ["index.md", "start-here.md", "opening-hours.md", "team/index.md", "team/rota.md"]
    nav = build_nav(portal, pages)
    assert set(pages) <= nav_sources(nav)
    assert {"Team": ["team/index.md", "team/rota.md"]} in nav


def test_an_authors_nav_gets_the_generated_sections_it_lacks(fixture_project: Path):
    portal, _ = load_project(fixture_project)
    generated = build_nav(portal, ["index.md"])
    merged = merge_nav([{"Welcome": "index.md"}, {"Playbooks": ["playbooks/alpha.md"]}], generated)
    sources = nav_sources(merged)
    assert "roles/index.md" in sources and "quizzes/index.md" in sources
    # The author's own Playbooks section is kept; the generated one is not added twice.
    assert [e for e in merged if "Playbooks" in e] == [{"Playbooks": ["playbooks/alpha.md"]}]


def test_stats_and_the_role_page_count_the_same_quizzes():
    """The shipped content: the team leader's quizzes, counted once for the CLI and the role page."""
    portal, _ = load_project(ROOT)
    role = portal.roles["team-leader"]
    expected = len(role_quizzes(portal, role))
    result = CliRunner().invoke(main, ["stats", "-f", str(ROOT / "mkdocs.yml")])
    row = next(line for line in result.output.splitlines() if line.startswith("team-leader "))
    assert int(row.split()[-1]) == expected
    # Every quiz of a playbook on the role's paths is among them.
    on_paths = {s.target for p in role.paths.values() for s in p.steps if s.kind == "playbook"}
    assert {q.id for q in portal.quizzes.values() if q.playbook in on_paths} <= {
        q.id for q in role_quizzes(portal, role)
    }


def test_a_page_joins_a_generated_section_by_its_front_matter(fixture_project: Path, tmp_path: Path):
    """No page name is known to the engine: `cx_nav:` in a page's front matter gives its place."""
    from cxportal.plugin.plugin import CxPortalPlugin

    portal, _ = load_project(fixture_project)
    docs = tmp_path / "docs"
    docs.mkdir()
    pages = {
        "welcome.md": "---\ntitle: Welcome\ncx_nav: start\n---\n# Welcome\n",
        "guide.md": "---\ncx_nav: authors\ncx_nav_order: 2\n---\n# Guide\n",
        "how.md": "---\ncx_nav: authors\ncx_nav_order: 1\n---\n# How\n",
        "start-here.md": "# A page named like this portal's own, without front matter\n",
        "typo.md": "---\ntitle: Typo\ncx_nav: leader\n---\n",
    }
    for name, text in pages.items():
        (docs / name).write_text(text)
    plugin = CxPortalPlugin()
    plugin.project_dir = tmp_path
    placement, order = plugin.nav_placement(sorted(pages), docs)
    assert placement == {"welcome.md": "start", "guide.md": "authors", "how.md": "authors"}
    assert [str(p) for p in plugin.page_problems] == [
        "docs/typo.md:3: cx_nav: no navigation section 'leader' (use start, refresher, leaders, authors)"
        " (did you mean 'leaders'?)"
    ]
    nav = build_nav(portal, sorted(pages, key=lambda p: (order.get(p, 0), p)), placement=placement)
    sections = {key: value for entry in nav if isinstance(entry, dict) for key, value in entry.items()}
    assert sections["Start here"][0] == "welcome.md"
    assert sections["For authors"] == ["how.md", "guide.md"]
    # Without front matter a page is one of the author's own pages, after the generated sections.
    assert "start-here.md" in nav and "start-here.md" not in sections["Start here"]
