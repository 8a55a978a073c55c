"""The shape of the site, without MkDocs: where each generated page lives, the navigation, and the
questions several places ask of the content (which quizzes belong to a role, the order of playbooks).

Pages, macros, the CLI and the benchmark all ask here, so they cannot disagree. Site URLs are
computed the way MkDocs computes them; inside a build the plugin hands the renderer MkDocs' own
`File.url` instead, and this module's `page_url` is only the fallback outside a build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .escape import title_html
from .i18n import Strings
from .model import DEFAULT_LANG, PATH_KINDS, PathStep, Portal, Quiz, Role

# Source paths (relative to docs_dir) of the generated pages -------------------------------------


def playbook_src(playbook_id: str) -> str:
    return f"playbooks/{playbook_id}.md"


def card_src(playbook_id: str) -> str:
    """The playbook's one-page meeting card: playbooks/<id>/card/."""
    return f"playbooks/{playbook_id}/card.md"


def role_src(role_id: str) -> str:
    return f"roles/{role_id}.md"


def path_src(role_id: str, kind: str) -> str:
    return f"roles/{role_id}/{kind}.md"


def quiz_src(quiz_id: str) -> str:
    return f"quizzes/{quiz_id}.md"


def activity_src(activity_id: str) -> str:
    """A practice activity's page: the author's file itself, at activities/<id>/."""
    return f"activities/{activity_id}.md"


SPECIAL_SRC = {"season": "season.md", "changes": "changes.md", "manager": "manager.md"}
INDEX_SRC = {
    "playbooks": "playbooks/index.md",
    "roles": "roles/index.md",
    "quizzes": "quizzes/index.md",
    "codes": "codes.md",
    "glossary": "glossary.md",
}


def step_src(step: PathStep) -> str:
    """The page a learning-path step opens."""
    if step.kind == "playbook":
        return playbook_src(step.target)
    if step.kind == "quiz":
        return quiz_src(step.target)
    if step.kind == "activity":
        return activity_src(step.target)
    return SPECIAL_SRC[step.target]


# URLs -------------------------------------------------------------------------------------------


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown source path (same rule as mkdocs.structure.files.File.url)."""
    stem = src[:-3] if src.endswith(".md") else src
    name = posixpath.basename(stem)
    if use_directory_urls:
        if name in ("index", "README"):
            return posixpath.dirname(stem) + "/" if posixpath.dirname(stem) else ""
        return stem + "/"
    if name == "README":
        stem = posixpath.join(posixpath.dirname(stem), "index")
    return stem + ".html"


def src_to_url(src: str) -> str:
    """The directory-style URL of a source path (use_directory_urls: true)."""
    return page_url(src, True)


def relative_url(target: str, from_url: str) -> str:
    """A link from the page at `from_url` to the site URL `target` (both relative to the site root)."""
    path, _, fragment = target.partition("#")
    base = from_url if (from_url == "" or from_url.endswith("/")) else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + path, "/" + base)
    if (path == "" or path.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{fragment}" if fragment else "")


# Domain questions -------------------------------------------------------------------------------


def playbook_order(portal: Portal) -> list[str]:
    """Playbooks in the order new hires meet them: by average position in onboarding paths, then title."""
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


# A navigation section holds at most this many playbooks (or quizzes). Beyond that they are split
# into groups by title, each with an index page, so every page renders a sidebar of bounded size
# (with navigation.prune: the group headings plus the open group), not one link per playbook.
# The groups sit one level down, under "By title" (nav.by_title): navigation.sections always shows a tab's first level
# open, and only deeper sections are collapsed (and pruned) when the page is not in them.
NAV_GROUP_SIZE = 30


@dataclass(frozen=True)
class NavGroup:
    """A bounded part of a long list in the navigation: its label, its index page and its members' sources."""

    label: str
    src: str
    members: tuple[str, ...]


def nav_groups(titled: Sequence[tuple[str, str]], folder: str, size: int = NAV_GROUP_SIZE) -> list[NavGroup]:
    """(title, src) pairs split in title order into groups of at most `size`; none when all fit in one."""
    if len(titled) <= size:
        return []
    ordered = sorted(titled, key=lambda pair: (_natural(pair[0]), pair[1]))
    count = -(-len(ordered) // size)
    per_group = -(-len(ordered) // count)  # as even as possible
    groups = []
    for index in range(count):
        chunk = ordered[index * per_group : (index + 1) * per_group]
        label = f"{_short(chunk[0][0])} – {_short(chunk[-1][0])}"
        groups.append(NavGroup(label, f"{folder}/groups/{index + 1}.md", tuple(src for _title, src in chunk)))
    return groups


def _natural(title: str) -> list[Any]:
    """Sort key that puts "Playbook 9" before "Playbook 10"."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", title.casefold())]


def _short(title: str, length: int = 24) -> str:
    return title if len(title) <= length else title[: length - 1].rstrip() + "…"


def playbook_groups(portal: Portal) -> list[NavGroup]:
    return nav_groups([(p.title, playbook_src(p.id)) for p in portal.playbooks.values()], "playbooks")


def quiz_groups(portal: Portal, lang: str = DEFAULT_LANG) -> list[NavGroup]:
    return nav_groups([(q.title.get(lang), quiz_src(q.id)) for q in portal.quizzes.values()], "quizzes")


def role_quizzes(portal: Portal, role: Role) -> list[Quiz]:
    """The quizzes a role takes: quiz steps on its paths and the quizzes of the playbooks on them, in path order."""
    ids: list[str] = []
    for kind in [*PATH_KINDS, *(k for k in role.paths if k not in PATH_KINDS)]:
        path = role.paths.get(kind)
        for step in path.steps if path else ():
            if step.kind == "quiz":
                ids.append(step.target)
            elif step.kind == "playbook":
                ids += [q.id for q in portal.quizzes_for(step.target)]
    return [portal.quizzes[i] for i in dict.fromkeys(ids) if i in portal.quizzes]


def role_kinds(portal: Portal, configured: Iterable[str] = ()) -> list[str]:
    """Role kinds in display order: the configured ones first, then any other kind in the order roles use it."""
    kinds = list(dict.fromkeys(configured))
    for role in sorted(portal.roles.values(), key=lambda r: r.id):
        if role.kind not in kinds:
            kinds.append(role.kind)
    return kinds


def roles_by_kind(portal: Portal, kinds: Iterable[str]) -> dict[str, list[Role]]:
    """Roles grouped by kind (in the given order), each group sorted by name."""
    grouped: dict[str, list[Role]] = {kind: [] for kind in kinds}
    for role in sorted(portal.roles.values(), key=lambda r: str(r.name)):
        grouped.setdefault(role.kind, []).append(role)
    return grouped


def kind_title(kind: str) -> str:
    """A readable title for a role kind nobody named: `back-office` → `Back office`."""
    return kind.replace("-", " ").replace("_", " ").capitalize()


# Navigation -------------------------------------------------------------------------------------


def english_label(key: str) -> str:
    """A navigation label from the English catalogue (`nav.<key>`); a build passes its own language's."""
    return Strings()("nav." + key)


# The generated sections a hand-written page can join with `cx_nav: <section>` in its front matter
# (any other page follows the generated sections, grouped by folder).
NAV_SECTIONS = ("start", "refresher", "leaders", "authors")


def build_nav(
    portal: Portal,
    docs_pages: Iterable[str],
    kind_titles: Mapping[str, str] | None = None,
    label: Callable[[str], str] = english_label,
    lang: str = "en",
    placement: Mapping[str, str] | None = None,
) -> list[Any]:
    """The navigation a new hire expects, with every hand-written page in `docs_pages` placed somewhere.

    `placement` puts a page at the top of one of the generated sections (NAV_SECTIONS; the plugin
    reads it from the page's `cx_nav:` front matter), in the order of `docs_pages`; every other
    page follows the generated sections, grouped by folder.
    """
    pages = [p for p in docs_pages if p.endswith(".md")]
    placed: set[str] = set()
    wanted = dict(placement or {})

    def existing(section: str) -> list[Any]:
        found = [p for p in pages if wanted.get(p) == section]
        placed.update(found)
        return found

    titles = dict(kind_titles or {})
    start: list[Any] = existing("start") + [{label("choose_role"): INDEX_SRC["roles"]}]
    # Returning colleagues have their own section: the refresher, what changed and last season.
    refresher: list[Any] = existing("refresher") + [{label("what_changed"): SPECIAL_SRC["changes"]}]
    if portal.season:
        refresher.append({label("last_season"): SPECIAL_SRC["season"]})
    roles: list[Any] = [{label("all_roles"): INDEX_SRC["roles"]}]
    for kind, members in roles_by_kind(portal, role_kinds(portal, titles)).items():
        if members:
            roles.append(
                {
                    titles.get(kind) or kind_title(kind): [
                        {title_html(r.name.get(lang)): role_src(r.id)} for r in members
                    ]
                }
            )
    quizzes: list[Any] = [{label("all_quizzes"): INDEX_SRC["quizzes"]}]
    quiz_sections = quiz_groups(portal, lang)
    if quiz_sections:
        quizzes.append({label("by_title"): [{title_html(g.label): [g.src, *g.members]} for g in quiz_sections]})
    else:
        quizzes += [
            {title_html(q.title.get(lang)): quiz_src(q.id)}
            for q in sorted(portal.quizzes.values(), key=lambda q: q.title.get(lang))
        ]
    leaders = existing("leaders") + [
        {label("manager_view"): SPECIAL_SRC["manager"]},
        {label("codes"): INDEX_SRC["codes"]},
    ]
    if portal.glossary:
        leaders.append({label("glossary"): INDEX_SRC["glossary"]})
    authors = existing("authors")
    playbook_sections = playbook_groups(portal)
    playbooks: list[Any] = [INDEX_SRC["playbooks"]] + (
        [{label("by_title"): [{title_html(g.label): [g.src, *g.members]} for g in playbook_sections]}]
        if playbook_sections
        else [playbook_src(pid) for pid in playbook_order(portal)]
    )
    if portal.activities:
        activities = sorted(portal.activities.values(), key=lambda a: a.title)
        playbooks.append({label("activities"): [activity_src(a.id) for a in activities]})
    nav: list[Any] = []
    if "index.md" in pages:
        placed.add("index.md")
        nav.append({label("home"): "index.md"})
    nav += [
        {label("start_here"): start},
        {label("refresher"): refresher},
        {label("playbooks"): playbooks},
        {label("roles"): roles},
        {label("quizzes"): quizzes},
        {label("for_leaders"): leaders},
    ]
    if authors:
        nav.append({label("authors"): authors})
    nav += _folder_nav([p for p in sorted(pages) if p not in placed])
    return nav


def _folder_nav(pages: list[str]) -> list[Any]:
    """Pages at the top level as entries, pages in folders as sections named after the folder."""
    nav: list[Any] = []
    sections: dict[str, list[str]] = {}
    for page in pages:
        folder, _, rest = page.partition("/")
        if rest:
            sections.setdefault(folder, []).append(page)
        else:
            nav.append(page)
    for folder, members in sections.items():
        index = [p for p in members if p.endswith("/index.md") and p.count("/") == 1]
        nav.append({kind_title(folder): index + [p for p in members if p not in index]})
    return nav


def nav_sources(nav: Any) -> set[str]:
    """Every source path a navigation (as in mkdocs.yml) mentions."""
    found: set[str] = set()
    if isinstance(nav, str):
        found.add(nav)
    elif isinstance(nav, list):
        for entry in nav:
            found |= nav_sources(entry)
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= nav_sources(value)
    return found


def merge_nav(author_nav: list[Any], generated: list[Any]) -> list[Any]:
    """The author's own `nav:` plus every generated section whose pages it does not mention."""
    mentioned = nav_sources(author_nav)
    merged = list(author_nav)
    for entry in generated:
        if isinstance(entry, dict) and not (nav_sources(entry) & mentioned):
            merged.append(entry)
    return merged
