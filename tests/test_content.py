"""The shipped content: every playbook, role, code and key figure of the content map is on the built site.

Later edits cannot silently drop a playbook, a role, a code or a figure.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from cxportal.plugin.config import load_settings
from cxportal.project import load_portal

from .conftest import ROOT

PLAYBOOKS = [
    "values-onboarding",
    "leadership-5p",
    "engagement-5i",
    "back-office-cx",
    "customer-connectedness",
    "listen-understand-act",
    "conflict-and-complaints",
    "cx-governance",
    "silo-problem-zones",
    "cx-maturity",
]
ROLES = {
    "front-line": ["contact-centre-agent", "store-staff", "sales-manager"],
    "back-office": ["legal", "finance-billing", "it-product", "hr", "marketing", "operations-logistics"],
    "leader": ["team-leader", "executive", "cx-lead"],
}
CODES = (
    [f"VAL-{i}" for i in range(1, 4)]
    + [f"5P-{i}" for i in range(1, 6)]
    + [f"5I-{i}" for i in range(1, 6)]
    + [f"BO-{i}" for i in range(1, 4)]
    + [f"VOC-{i}" for i in range(1, 5)]
    + [f"LUA-{i}" for i in range(1, 4)]
    + [f"CF-{i}" for i in range(1, 6)]
    + [f"GOV-{i}" for i in range(1, 4)]
    + [f"PZ-{i:02d}" for i in range(1, 11)]
    + [f"MAT-{i}" for i in range(1, 7)]
)
# "Figures worth keeping exact" from the content map, and the playbook that must state each.
FIGURES = [
    ("values-onboarding", "3-hour"),
    ("values-onboarding", "2-hour"),
    ("leadership-5p", "3×"),
    ("conflict-and-complaints", "65%"),
    ("conflict-and-complaints", "4.5–5"),
    ("conflict-and-complaints", "9–10"),
    ("conflict-and-complaints", "0–10"),
    ("conflict-and-complaints", "2021–2022"),
]
STAGES = ["Ignoring", "Exploring", "Mobilizing", "Transforming operations", "Aligning", "Embedding"]
FIVE_P = ["Passionate", "Persuasive", "Positive", "Propelling", "Persistent"]
FIVE_I = ["Inform", "Inspire", "Instruct", "Involve", "Incent"]
SECTIONS = ['id="objectives"', 'id="monday"', 'id="for-leaders"', 'class="cx-quiz"']


def text_of(page: Path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page.read_text("utf-8")))


@pytest.fixture(scope="module")
def portal():
    # With the project's own settings (mkdocs.yml): checks set to "note" there are listed, not failed.
    portal, problems = load_portal(load_settings(ROOT / "mkdocs.yml"))
    problems = [p for p in problems if p.severity != "note"]
    assert problems == [], "\n".join(map(str, problems))
    return portal


def test_all_ten_playbooks_and_twelve_roles_exist(portal):
    assert sorted(portal.playbooks) == sorted(PLAYBOOKS)
    for kind, ids in ROLES.items():
        for role_id in ids:
            assert portal.roles[role_id].kind == kind


def test_every_content_map_code_resolves_to_a_section(portal, built_site: Path):
    assert set(CODES) <= set(portal.items)
    for code in CODES:
        item = portal.items[code]
        page = (built_site / "playbooks" / item.playbook_id / "index.html").read_text("utf-8")
        assert f'id="{item.anchor}"' in page, code
        assert (built_site / "go" / code.lower() / "index.html").exists(), code


@pytest.mark.parametrize("playbook_id,figure", FIGURES)
def test_figures_are_on_the_built_site(built_site: Path, playbook_id: str, figure: str):
    assert figure in text_of(built_site / "playbooks" / playbook_id / "index.html")


def test_counted_lists_are_complete(built_site: Path):
    maturity = text_of(built_site / "playbooks/cx-maturity/index.html")
    for stage in STAGES:
        assert stage.lower() in maturity.lower(), stage
    assert "four competencies" in maturity.lower() and "six stages" in maturity.lower()
    leader = text_of(built_site / "playbooks/leadership-5p/index.html")
    assert all(name in leader for name in FIVE_P)
    engagement = text_of(built_site / "playbooks/engagement-5i/index.html")
    assert all(name in engagement for name in FIVE_I)
    zones = text_of(built_site / "playbooks/silo-problem-zones/index.html").lower()
    assert "ten problem zones" in zones or "10 problem zones" in zones


@pytest.mark.parametrize("playbook_id", PLAYBOOKS)
def test_each_playbook_has_objectives_checklist_leader_summary_and_quiz(built_site: Path, portal, playbook_id: str):
    page = (built_site / "playbooks" / playbook_id / "index.html").read_text("utf-8")
    for marker in SECTIONS:
        assert marker in page, f"{playbook_id}: {marker}"
    assert 'class="task-list-item' in page  # the "Do this on Monday" checklist
    quizzes = portal.quizzes_for(playbook_id)
    # One question per code or section (the quality check refuses two on the same code unless they are
    # variants), so a bank's size follows its playbook: the shortest, back-office-cx, asks 7.
    assert quizzes and all(len(q.questions) >= 6 for q in quizzes)


def test_quiz_banks_use_every_question_type(portal):
    used = {q.type for quiz in portal.quizzes.values() for q in quiz.questions}
    assert used == {"single", "multiple", "true_false", "ordering", "matching", "fill_blank", "self_assessment"}
    assert portal.quizzes["cx-maturity-self-assessment"].is_self_assessment
    assert [b.cites for b in portal.quizzes["cx-maturity-self-assessment"].bands] == [f"MAT-{i}" for i in range(1, 7)]


def test_paths_honestly_fill_the_courses_they_are_modelled_on(portal):
    """Onboarding fills about the rookies' 3 hours, the refresher about the veterans' 2 (issue 12)."""
    for role in portal.roles.values():
        assert 150 <= portal.path_minutes(role.paths["onboarding"]) <= 180, role.id
        assert 90 <= portal.path_minutes(role.paths["refresher"]) <= 120, role.id
        # Practice, not only reading: every onboarding path has at least one activity.
        assert any(s.kind == "activity" for s in role.paths["onboarding"].steps), role.id


# A page may say the paths fit *within* the courses' hours; it may not state what a path takes.
PATH_LENGTH_CLAIM = re.compile(
    r"\b(?:path|onboarding|refresher)\w*\b[^.]{0,40}?\b(?:takes?|lasts?|is|are)\s+(?:about\s+)?\d+(?:[.,]\d+)?\s*(?:h|hours?|min|minutes?)\b"
    r"|\b\d+[- ](?:h|hours?|minutes?)\s+(?:onboarding|refresher|learning)?\s*path",
    re.IGNORECASE,
)


def test_no_page_claims_a_path_length(built_site: Path):
    claims = []
    # What changed may quote the wording a change removed; every other page is held to it.
    for page in sorted(p for p in built_site.rglob("*.html") if "changes" not in p.relative_to(built_site).parts):
        text = " ".join(text_of(page).split())
        claims += [f"{page.relative_to(built_site)}: {m.group(0)}" for m in PATH_LENGTH_CLAIM.finditer(text)]
    assert claims == []


def test_the_length_claim_detector_fires_on_the_old_wording():
    assert PATH_LENGTH_CLAIM.search("Start with the 3-hour onboarding path for your role")
    assert PATH_LENGTH_CLAIM.search("The refresher takes 2 hours.")
    assert not PATH_LENGTH_CLAIM.search("It is planned to fit within the 3 hours of the values course.")


def test_every_playbook_names_its_sources(portal, built_site: Path):
    for playbook in portal.playbooks.values():
        assert playbook.sources, playbook.id
        page = (built_site / "playbooks" / playbook.id / "index.html").read_text("utf-8")
        assert 'id="cx-sources"' in page and playbook.sources[0].title.split(":")[0][:20] in html.unescape(page), (
            playbook.id
        )


def test_audience_pages_and_glossary_exist(built_site: Path):
    for page in (
        "index.html",
        "start-here/index.html",
        "refresher/index.html",
        "for-leaders/index.html",
        "glossary/index.html",
        "season/index.html",
        "changes/index.html",
    ):
        assert (built_site / page).exists(), page
    playbook = (built_site / "playbooks/listen-understand-act/index.html").read_text("utf-8")
    assert '<abbr title="' in playbook
    changes = (built_site / "changes/index.html").read_text("utf-8")
    assert all(
        f'data-cx-playbook="{pid}"' in changes for pid in PLAYBOOKS
    )  # glossary terms show their definition on hover


def test_diagrams_are_inline_svg(built_site: Path):
    for playbook_id, name in (
        ("leadership-5p", "five-p"),
        ("engagement-5i", "five-i"),
        ("cx-maturity", "maturity-ladder"),
        ("customer-connectedness", "voc-cycle"),
        ("back-office-cx", "service-blueprint"),
    ):
        page = (built_site / "playbooks" / playbook_id / "index.html").read_text("utf-8")
        assert f'data-cx-diagram="{name}"' in page and "<svg" in page, name
