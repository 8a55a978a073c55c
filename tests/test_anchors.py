"""Stable citations: rewording a heading keeps its anchor and its short link; the Codes page lists every code."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import build_in_process, make_project

CONTENT_MAP = (
    [f"VAL-{n}" for n in range(1, 4)]
    + [f"5P-{n}" for n in range(1, 6)]
    + [f"5I-{n}" for n in range(1, 6)]
    + [f"BO-{n}" for n in range(1, 4)]
    + [f"VOC-{n}" for n in range(1, 5)]
    + [f"LUA-{n}" for n in range(1, 4)]
    + [f"CF-{n}" for n in range(1, 6)]
    + [f"GOV-{n}" for n in range(1, 4)]
    + [f"PZ-{n:02d}" for n in range(1, 11)]
    + [f"MAT-{n}" for n in range(1, 7)]
)


def heading(html: str, code: str) -> str:
    match = re.search(rf'<h[2-4] [^>]*data-cx-code="{re.escape(code)}"[^>]*>', html)
    assert match, f"no heading for {code}"
    return match.group(0)


def test_renaming_a_heading_keeps_its_anchor_and_short_link(tmp_path: Path):
    project = make_project(tmp_path)
    source = project / "playbooks" / "alpha.md"
    source.write_text(
        source.read_text("utf-8").replace("## [AL-2] Second step", "## [AL-2] Acting on what you heard"), "utf-8"
    )
    site = tmp_path / "site"
    result = build_in_process(project, site)
    assert result.returncode == 0, result.stdout + result.stderr

    page = (site / "playbooks" / "alpha" / "index.html").read_text("utf-8")
    tag = heading(page, "AL-2")
    assert 'id="al-2"' in tag and 'data-cx-title="Acting on what you heard"' in tag
    for variant in ("al-2", "AL-2"):
        redirect = (site / "go" / variant / "index.html").read_text("utf-8")
        assert "../../playbooks/alpha/index.html#al-2" in redirect
        assert "Acting on what you heard" in redirect


def test_codes_page_lists_every_code_of_the_content_map(built_site: Path):
    html = (built_site / "codes" / "index.html").read_text("utf-8")
    listed = re.findall(r'<tr data-cx-playbook="[^"]+" id="code-([^"]+)">', html)
    assert sorted(listed) == sorted(code.lower() for code in CONTENT_MAP)
    for code in CONTENT_MAP:
        row = html[html.index(f'id="code-{code.lower()}"') :]
        row = row[: row.index("</tr>")]
        assert f"#{code.lower()}" in row  # links to the item


def test_every_code_has_a_short_link_and_an_item(built_site: Path):
    for code in CONTENT_MAP:
        for variant in (code.lower(), code.upper()):
            redirect = (built_site / "go" / variant / "index.html").read_text("utf-8")
            target = re.search(r'var t = "\.\./\.\./([^"#]+)#([^"]+)"', redirect)
            assert target, variant
            page = (built_site / target.group(1)).read_text("utf-8")
            assert f'id="{target.group(2)}"' in heading(page, code)


def test_every_playbook_has_a_meeting_card_linked_from_its_meta_line(built_site: Path):
    for playbook in (p for p in (built_site / "playbooks").iterdir() if p.is_dir()):
        card = playbook / "card" / "index.html"
        assert card.exists(), playbook.name
        assert 'class="cx-playbook-meta__card" href="card/"' in (playbook / "index.html").read_text("utf-8")
