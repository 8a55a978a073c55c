"""A large portal's navigation stays small on every page: playbooks and quizzes come in groups with an index page."""

from __future__ import annotations

import re
from pathlib import Path

from cxportal.structure import NAV_GROUP_SIZE, nav_groups

from .test_build import build_ok


def test_long_lists_split_into_even_groups_in_title_order():
    titled = [(f"Playbook {n}", f"playbooks/p{n}.md") for n in range(65)]
    groups = nav_groups(titled, "playbooks")
    assert [len(g.members) for g in groups] == [22, 22, 21]
    assert groups[0].label == "Playbook 0 – Playbook 21" and groups[0].src == "playbooks/groups/1.md"
    assert [m for g in groups for m in g.members] == [src for _title, src in titled]
    assert nav_groups(titled[:NAV_GROUP_SIZE], "playbooks") == []


def test_a_playbook_page_in_a_large_portal_links_to_one_group_not_every_playbook(fixture_project: Path):
    count = NAV_GROUP_SIZE + 10
    for n in range(count):
        (fixture_project / f"playbooks/extra-{n:02d}.md").write_text(
            f"---\nid: extra-{n:02d}\ntitle: Extra {n:02d}\nsummary: Extra playbook {n}.\naudiences: [agent]\n"
            f'duration: 1\nversion: "1.0"\nreviewed: 2026-10-01\nowner: Test office\n---\n\n# Extra {n:02d}\n\n'
            f"## [EX{n}-1] One step\n\nA short step.\n"
        )
    site = build_ok(fixture_project)
    page = (site / "playbooks/extra-05/index.html").read_text()
    linked = set(re.findall(r'href="\.\./(extra-\d\d)/"', page))
    assert 0 < len(linked) <= NAV_GROUP_SIZE, sorted(linked)
    group = (site / "playbooks/groups/1/index.html").read_text()
    assert "Playbooks: Alpha playbook – Extra 18" in group
    listed = set(re.findall(r'href="\.\./\.\./(extra-\d\d)/"', group))
    assert "extra-05" in listed
