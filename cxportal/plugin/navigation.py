"""The navigation a new hire expects: Home, Start here, Playbooks, Roles, Quizzes, For leaders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import ROLE_KIND_TITLES, Portal
from ..render import INDEX_SRC, SPECIAL_SRC, activity_src, playbook_src, quiz_src, role_src


def playbook_order(portal: Portal) -> list[str]:
    """Playbooks in the order new hires meet them: by average position in onboarding paths."""
    positions: dict[str, list[int]] = {pid: [] for pid in portal.playbooks}
    for role in portal.roles.values():
        path = role.paths.get("onboarding")
        steps = [s.target for s in path.steps if s.kind == "playbook"] if path else []
        for index, pid in enumerate(steps):
            positions.setdefault(pid, []).append(index)
    def rank(pid: str) -> tuple[float, str]:
        seen = positions.get(pid) or []
        return (sum(seen) / len(seen) if seen else 99.0, portal.playbooks[pid].title)
    return sorted(portal.playbooks, key=rank)


def build_nav(portal: Portal, docs_dir: Path) -> list[Any]:
    def existing(*names: str) -> list[str]:
        return [n for n in names if (docs_dir / n).exists()]

    start = existing("start-here.md") + [{"Choose your role": INDEX_SRC["roles"]}] + existing("refresher.md")
    start.append({"What changed": SPECIAL_SRC["changes"]})
    if portal.season:
        start.append({"Last season": SPECIAL_SRC["season"]})
    roles: list[Any] = [{"All roles": INDEX_SRC["roles"]}]
    for kind, members in portal.roles_by_kind().items():
        if members:
            roles.append({ROLE_KIND_TITLES[kind]: [{str(r.name): role_src(r.id)} for r in members]})
    quizzes: list[Any] = [{"All quizzes": INDEX_SRC["quizzes"]}]
    quizzes += [{str(q.title): quiz_src(q.id)} for q in sorted(portal.quizzes.values(), key=lambda q: str(q.title))]
    leaders = existing("for-leaders.md") + [{"Manager view": SPECIAL_SRC["manager"]}, {"Codes": INDEX_SRC["codes"]}]
    if portal.glossary:
        leaders.append({"Glossary": INDEX_SRC["glossary"]})
    leaders += existing("authoring.md")
    nav: list[Any] = []
    if (docs_dir / "index.md").exists():
        nav.append({"Home": "index.md"})
    playbooks: list[Any] = [playbook_src(pid) for pid in playbook_order(portal)]
    if portal.activities:
        activities = sorted(portal.activities.values(), key=lambda a: a.title)
        playbooks.append({"Practice activities": [activity_src(a.id) for a in activities]})
    nav += [
        {"Start here": start},
        {"Playbooks": playbooks},
        {"Roles": roles},
        {"Quizzes": quizzes},
        {"For leaders": leaders},
    ]
    return nav
