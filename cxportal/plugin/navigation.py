"""The navigation a new hire expects: Home, Start here, Playbooks, Roles, Quizzes, For leaders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..i18n import Strings
from ..model import Portal
from ..render import INDEX_SRC, SPECIAL_SRC, playbook_src, quiz_src, role_src


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


def build_nav(portal: Portal, docs_dir: Path, ui: Strings | None = None) -> list[Any]:
    ui = ui or Strings()
    def existing(*names: str) -> list[str]:
        return [n for n in names if (docs_dir / n).exists()]

    start = existing("start-here.md") + [{ui("nav.choose_role"): INDEX_SRC["roles"]}] + existing("refresher.md")
    start.append({ui("nav.what_changed"): SPECIAL_SRC["changes"]})
    if portal.season:
        start.append({ui("nav.last_season"): SPECIAL_SRC["season"]})
    roles: list[Any] = [{ui("nav.all_roles"): INDEX_SRC["roles"]}]
    for kind, members in portal.roles_by_kind().items():
        if members:
            roles.append({ui(f"role_kind.{kind}"): [{r.name.get(ui.lang): role_src(r.id)} for r in members]})
    quizzes: list[Any] = [{ui("nav.all_quizzes"): INDEX_SRC["quizzes"]}]
    quizzes += [{q.title.get(ui.lang): quiz_src(q.id)}
                for q in sorted(portal.quizzes.values(), key=lambda q: q.title.get(ui.lang))]
    leaders = existing("for-leaders.md") + [{ui("nav.manager_view"): SPECIAL_SRC["manager"]}, {ui("nav.codes"): INDEX_SRC["codes"]}]
    if portal.glossary:
        leaders.append({ui("nav.glossary"): INDEX_SRC["glossary"]})
    leaders += existing("authoring.md")
    nav: list[Any] = []
    if (docs_dir / "index.md").exists():
        nav.append({ui("nav.home"): "index.md"})
    nav += [
        {ui("nav.start_here"): start},
        {ui("nav.playbooks"): [playbook_src(pid) for pid in playbook_order(portal)]},
        {ui("nav.roles"): roles},
        {ui("nav.quizzes"): quizzes},
        {ui("nav.for_leaders"): leaders},
    ]
    return nav
