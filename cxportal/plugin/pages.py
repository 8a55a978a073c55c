"""The pages generated from content: playbooks, roles, paths, quizzes and the index pages.

Each page is Markdown rendered from a template; nothing is written into the
source tree. Links inside generated Markdown point at source paths, so MkDocs
checks them like any hand-written link. Pages are listed first and rendered
later (`GeneratedPage.markdown()`), so the plugin can give the renderer MkDocs'
own URLs for every page before any page is rendered.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..charts import render_chart, unit_name, with_unit
from ..escape import text_html
from ..model import PATH_KINDS, LearningPath, Portal, Role
from ..render import Renderer, fallback_html, quiz_hash, safe_url, with_note
from ..structure import (
    INDEX_SRC,
    SPECIAL_SRC,
    NavGroup,
    activity_src,
    card_src,
    path_src,
    playbook_groups,
    playbook_order,
    playbook_src,
    quiz_groups,
    quiz_src,
    relative_url,
    role_src,
)


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site that no author wrote in docs/: its source path and how to get its Markdown."""

    src: str
    # The author's file when the page is one (a playbook), else None.
    file: Path | None = None
    render: Callable[[], str] | None = None

    def markdown(self) -> str:
        if self.render is not None:
            return self.render()
        assert self.file is not None
        return self.file.read_text("utf-8")


class GeneratedPages:
    """Every generated page, in a stable order."""

    def __init__(self, renderer: Renderer, budgets: Mapping[str, int], content_dir: Path) -> None:
        self.renderer = renderer
        self.portal: Portal = renderer.portal
        self.budgets = budgets
        self.content_dir = content_dir

    def __iter__(self) -> Iterator[GeneratedPage]:
        for playbook in self.portal.playbooks.values():
            # The author's file itself: MkDocs reads it (front matter into page.meta) and knows its real path.
            # A translated playbook (<id>.<lang>.md) is read from its own file, at the original's URL.
            yield GeneratedPage(playbook_src(playbook.id), file=self.content_dir / Path(playbook.source.path).name)
            # The one-page meeting card, outside the navigation and the search index.
            yield self.page("pages/meeting_card.md", card_src(playbook.id), playbook=playbook)
        for activity in self.portal.activities.values():
            # Like playbooks: the author's file is the page, at activities/<id>/.
            # In another language's site its translation (<id>.<lang>.md) when there is one (else a note says so).
            translated = self.content_dir / "activities" / f"{activity.id}.{self.renderer.lang}.md"
            original = self.content_dir / "activities" / f"{activity.id}.md"
            yield GeneratedPage(activity_src(activity.id), file=translated if translated.is_file() else original)
        for role in self.portal.roles.values():
            yield self.page("pages/role.md", role_src(role.id), role=role, role_quizzes=self.renderer.role_quizzes)
            for kind in PATH_KINDS:
                if kind in role.paths:
                    path = role.paths[kind]
                    yield self.page(
                        "pages/path.md",
                        path_src(role.id, kind),
                        role=role,
                        path=path,
                        total=self.portal.path_minutes(path),
                        budget=self.budgets.get(kind, 0),
                    )
        for quiz in self.portal.quizzes.values():
            quizzed = self.portal.playbooks.get(quiz.playbook)
            yield self.page(
                "pages/quiz.md",
                quiz_src(quiz.id),
                quiz=quiz,
                playbook_title=quizzed.title if quizzed else quiz.playbook,
            )
        order = playbook_order(self.portal)
        yield self.page(
            "pages/playbooks_index.md", INDEX_SRC["playbooks"], playbooks=[self.portal.playbooks[pid] for pid in order]
        )
        yield self.page("pages/roles_index.md", INDEX_SRC["roles"], groups=self.renderer.roles_by_kind())
        quizzes = sorted(self.portal.quizzes.values(), key=lambda q: str(q.title))
        yield self.page(
            "pages/quizzes_index.md",
            INDEX_SRC["quizzes"],
            quizzes=quizzes,
            hashes={q.id: quiz_hash(q) for q in quizzes},
        )
        # Index pages of the navigation's groups (only in portals too large for one list).
        for section, groups in (
            (self.renderer.ui("nav.playbooks"), playbook_groups(self.portal)),
            (self.renderer.ui("nav.quizzes"), quiz_groups(self.portal, self.renderer.lang)),
        ):
            for group in groups:
                yield self.page("pages/nav_group.md", group.src, kind=section, group=group, entries=self.entries(group))
        items = sorted(self.portal.items.values(), key=lambda i: (i.playbook_id, i.source.line))
        yield self.page("pages/codes.md", INDEX_SRC["codes"], items=items)
        if self.portal.glossary:
            lang = self.renderer.lang
            entries = sorted(
                ((term, *term.headword(lang)) for term in self.portal.glossary), key=lambda e: e[1].casefold()
            )
            yield self.page(
                "pages/glossary.md",
                INDEX_SRC["glossary"],
                entries=entries,
                see_link=self.see_link(INDEX_SRC["glossary"]),
            )
        yield self.page("pages/changes.md", SPECIAL_SRC["changes"], groups=self.change_groups())
        yield self.page("pages/manager.md", SPECIAL_SRC["manager"], paths=self.all_paths())
        if self.portal.season:
            yield self.page(
                "pages/season.md",
                SPECIAL_SRC["season"],
                season=self.portal.season,
                chart=partial(render_chart, self.renderer),
                with_unit=partial(with_unit, ui=self.renderer.ui),
                unit_name=partial(unit_name, ui=self.renderer.ui),
            )

    def change_groups(self) -> list[tuple[Any, list[Any]]]:
        """Changes newest first; the same note on the same day (such as "First published") is listed once,
        with every playbook it applies to."""
        by_title = sorted(self.portal.playbooks.values(), key=lambda p: p.title)
        entries = sorted(((c, p) for p in by_title for c in p.changes), key=lambda e: str(e[0].date), reverse=True)
        groups: dict[tuple[str, str, str], tuple[Any, list[Any]]] = {}
        for change, playbook in entries:
            group_key = (str(change.date), str(change.version), str(change.note))
            groups.setdefault(group_key, (change, []))[1].append(playbook)
        return list(groups.values())

    def page(self, template: str, src: str, **context: Any) -> GeneratedPage:
        def render() -> str:
            page_url = self.renderer.url_for(src)

            def link(target_src: str) -> str:
                # For Markdown links only: MkDocs turns the .md path into the page's URL and checks it.
                # HTML blocks use relative_url(src_to_url(…), page_url) instead.
                return posixpath.relpath(target_src, posixpath.dirname(src) or ".")

            self.renderer.fallbacks = 0
            markdown = self.renderer.page(
                template, link=safe_url(link), page_url=page_url, budgets=self.budgets, **context
            )
            if self.renderer.fallbacks:  # a text field shown in English: the page says so
                ui = self.renderer.ui
                markdown = with_note(str(markdown), fallback_html(ui, ui("fallback.fields")))
            return markdown

        return GeneratedPage(src, render=render)

    def entries(self, group: NavGroup) -> list[tuple[str, str, str]]:
        """(title, source, one-line summary) of a navigation group's members."""
        by_src = {playbook_src(p.id): (p.title, str(p.summary)) for p in self.portal.playbooks.values()}
        for quiz in self.portal.quizzes.values():
            quizzed = self.portal.playbooks.get(quiz.playbook)
            by_src[quiz_src(quiz.id)] = (
                str(quiz.title),
                f"{quiz.asked} questions on {quizzed.title if quizzed else quiz.playbook}",
            )
        return [(by_src[src][0], src, by_src[src][1]) for src in group.members]

    def all_paths(self) -> list[tuple[Role, LearningPath]]:
        """Every (role, path) pair, for pages that track progress across roles."""
        return [
            (role, role.paths[kind])
            for role in sorted(self.portal.roles.values(), key=lambda r: str(r.name))
            for kind in PATH_KINDS
            if kind in role.paths
        ]

    def see_link(self, from_src: str) -> Callable[[str], Markup | str]:
        """Renders a glossary 'see' reference (a code or a playbook id) as an HTML link."""

        def render(see: str) -> Markup | str:
            page_url = self.renderer.url_for(from_src)
            item = self.portal.item(see)
            if item:
                return self.renderer.cite(item, page_url).strip()
            if see in self.portal.playbooks:
                href = relative_url(self.renderer.url_for(playbook_src(see)), page_url)
                return Markup('<a href="{}">{}</a>').format(href, text_html(self.portal.playbooks[see].title))
            return text_html(see)

        return render
