"""The pages generated from content: playbooks, roles, paths, quizzes and the index pages.

Each page is Markdown rendered from a template; nothing is written into the
source tree. Links inside generated Markdown point at source paths, so MkDocs
checks them like any hand-written link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path

from ..charts import render_chart
from ..model import PATH_KINDS, LearningPath, Portal, Role
from ..render import (
    INDEX_SRC,
    SPECIAL_SRC,
    Renderer,
    card_src,
    fallback_html,
    path_src,
    playbook_src,
    quiz_hash,
    quiz_src,
    relative_url,
    role_src,
    src_to_url,
    with_note,
)


class GeneratedPages:
    """Every generated page as (source path, Markdown), or (source path, file) for playbooks."""

    def __init__(self, renderer: Renderer, budgets: Mapping[str, int], content_dir: Path) -> None:
        self.renderer = renderer
        self.portal: Portal = renderer.portal
        self.budgets = budgets
        self.content_dir = content_dir

    def __iter__(self) -> Iterator[tuple[str, str | Path]]:
        for playbook in self.portal.playbooks.values():
            # The author's file itself: MkDocs reads it (front matter into page.meta) and knows its real path.
            # A translated playbook (<id>.<lang>.md) is read from its own file, at the original's URL.
            yield playbook_src(playbook.id), self.content_dir / Path(playbook.source.path).name
            # The one-page meeting card, outside the navigation and the search index.
            yield card_src(playbook.id), self.page("pages/meeting_card.md", card_src(playbook.id), playbook=playbook)
        for role in self.portal.roles.values():
            yield role_src(role.id), self.page("pages/role.md", role_src(role.id), role=role,
                                               role_quizzes=self.role_quizzes)
            for kind in PATH_KINDS:
                if kind in role.paths:
                    src = path_src(role.id, kind)
                    path = role.paths[kind]
                    yield src, self.page("pages/path.md", src, role=role, path=path,
                                         total=self.portal.path_minutes(path), budget=self.budgets.get(kind, 0))
        for quiz in self.portal.quizzes.values():
            playbook = self.portal.playbooks.get(quiz.playbook)
            yield quiz_src(quiz.id), self.page("pages/quiz.md", quiz_src(quiz.id), quiz=quiz,
                                               playbook_title=playbook.title if playbook else quiz.playbook)
        yield INDEX_SRC["roles"], self.page("pages/roles_index.md", INDEX_SRC["roles"],
                                            groups=self.portal.roles_by_kind())
        quizzes = sorted(self.portal.quizzes.values(), key=lambda q: str(q.title))
        yield INDEX_SRC["quizzes"], self.page("pages/quizzes_index.md", INDEX_SRC["quizzes"], quizzes=quizzes,
                                              hashes={q.id: quiz_hash(q) for q in quizzes})
        items = sorted(self.portal.items.values(), key=lambda i: (i.playbook_id, i.source.line))
        yield INDEX_SRC["codes"], self.page("pages/codes.md", INDEX_SRC["codes"], items=items)
        if self.portal.glossary:
            terms = sorted(self.portal.glossary, key=lambda t: t.term.lower())
            yield INDEX_SRC["glossary"], self.page("pages/glossary.md", INDEX_SRC["glossary"], terms=terms,
                                                   see_link=self.see_link(INDEX_SRC["glossary"]))
        yield SPECIAL_SRC["changes"], self.page("pages/changes.md", SPECIAL_SRC["changes"],
                                                playbooks=sorted(self.portal.playbooks.values(), key=lambda p: p.title))
        yield SPECIAL_SRC["manager"], self.page("pages/manager.md", SPECIAL_SRC["manager"], paths=self.all_paths())
        if self.portal.season:
            yield SPECIAL_SRC["season"], self.page("pages/season.md", SPECIAL_SRC["season"], season=self.portal.season,
                                                chart=partial(render_chart, self.renderer))

    def page(self, template: str, src: str, **context) -> str:
        def link(target_src: str) -> str:
            return posixpath.relpath(target_src, posixpath.dirname(src) or ".")

        self.renderer.fallbacks = 0
        markdown = self.renderer.render(template, link=link, page_url=src_to_url(src), budgets=self.budgets, **context)
        if self.renderer.fallbacks:
            ui = self.renderer.ui
            markdown = with_note(markdown, fallback_html(ui, ui("fallback.fields")))
        return markdown

    def role_quizzes(self, role: Role) -> list:
        ids = [s.target for p in role.paths.values() for s in p.steps if s.kind == "quiz"]
        ids += [q.id for s in (st for p in role.paths.values() for st in p.steps) if s.kind == "playbook"
                for q in self.portal.quizzes_for(s.target)]
        seen: dict[str, None] = dict.fromkeys(i for i in ids if i in self.portal.quizzes)
        return [self.portal.quizzes[i] for i in seen]

    def all_paths(self) -> list[tuple[Role, LearningPath]]:
        """Every (role, path) pair, for pages that track progress across roles."""
        return [(role, role.paths[kind]) for role in sorted(self.portal.roles.values(), key=lambda r: str(r.name))
                for kind in PATH_KINDS if kind in role.paths]

    def see_link(self, from_src: str):
        """Renders a glossary 'see' reference (a code or a playbook id) as an HTML link."""
        page_url = src_to_url(from_src)

        def render(see: str) -> str:
            item = self.portal.item(see)
            if item:
                return self.renderer.cite(item, page_url).strip()
            if see in self.portal.playbooks:
                href = relative_url(src_to_url(playbook_src(see)), page_url)
                return f'<a href="{href}">{self.portal.playbooks[see].title}</a>'
            return see

        return render
