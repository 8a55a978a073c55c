"""Renders model objects to HTML and Markdown through the Jinja templates in `templates/`.

Used by the macros (snippets inside pages) and by the plugin (whole generated
pages). Knows site URLs, never MkDocs objects: callers pass the URL of the page
being rendered so links can be made relative, which keeps the site working from
any folder and from `file://`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
from dataclasses import dataclass
from functools import cached_property
from html import escape
from pathlib import Path
from typing import Any

import jinja2

from .i18n import Strings
from .model import (
    DEFAULT_LANG,
    PATH_KINDS,
    ROLE_KIND_TITLES,
    ROLE_KINDS,
    SPECIAL_PAGES,
    Item,
    LearningPath,
    PathStep,
    Portal,
    Question,
    Quiz,
    Role,
    Text,
)

TEMPLATES = Path(__file__).parent / "templates"


# Where each kind of generated page lives, as a source path relative to docs_dir.
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


SPECIAL_SRC = {"season": "season.md", "changes": "changes.md", "manager": "manager.md"}
INDEX_SRC = {"roles": "roles/index.md", "quizzes": "quizzes/index.md", "codes": "codes.md", "glossary": "glossary.md"}


def src_to_url(src: str) -> str:
    """The directory-style URL MkDocs gives a source path (use_directory_urls)."""
    stem = src[:-3] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(target: str, from_url: str) -> str:
    """A link from the page at `from_url` to the site URL `target` (both relative to the site root)."""
    path, _, fragment = target.partition("#")
    base = from_url if (from_url == "" or from_url.endswith("/")) else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + path, "/" + base)
    if (path == "" or path.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return rel + (f"#{fragment}" if fragment else "")


def encode_data(data: Any) -> str:
    """JSON, then base64: answer data travels in the page but is not readable or searchable text."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(raw).decode("ascii")


def content_hash(data: Any) -> str:
    """Short, stable hash of content, stored with browser data so stale results can be told apart."""
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:12]


@dataclass
class Renderer:
    """Renders snippets and pages for one portal; `lang` picks the text version."""

    portal: Portal
    site_name: str = ""
    site_url: str = ""
    version: str = ""
    lang: str = "en"
    strings: Strings | None = None  # the interface strings of `lang` (with a project's own strings)
    fallbacks: int = 0  # text fields shown in English since the last reset (a page gets a note)

    def __post_init__(self) -> None:
        if self.strings is None:
            self.strings = Strings(self.lang)

    @property
    def ui(self) -> Strings:
        assert self.strings is not None
        return self.strings

    def text(self, value: Any) -> str:
        """A text field in the page's language; English (counted, so the page says so) when not translated."""
        if value is None:
            return ""
        if isinstance(value, Text):
            if value and not value.has(self.lang) and self.lang != DEFAULT_LANG:
                self.fallbacks += 1
            return value.get(self.lang)
        return value.get(self.lang) if hasattr(value, "get") else str(value)

    @cached_property
    def env(self) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=False),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
            # Markdown uses {#anchor}; keep Jinja comments out of its way.
            comment_start_string="{##",
            comment_end_string="##}",
        )
        env.filters["t"] = self.text
        env.filters["minutes"] = self.ui.minutes
        env.filters["date"] = self.ui.date
        env.filters["number"] = self.ui.number
        env.globals.update(
            ui=self.ui,
            lang=self.lang,
            portal=self.portal,
            ROLE_KINDS=ROLE_KINDS,
            ROLE_KIND_TITLES=ROLE_KIND_TITLES,
            PATH_KINDS=PATH_KINDS,
            SPECIAL_PAGES=SPECIAL_PAGES,
            step_link=self.step_link,
            step_title=self.step_title,
            item_link=self.item_link,
            src_to_url=src_to_url,
            playbook_src=playbook_src,
            role_src=role_src,
            path_src=path_src,
            quiz_src=quiz_src,
            relative_url=relative_url,
            renderer=self,
        )
        return env

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)

    # Links ----------------------------------------------------------------

    def item_link(self, item: Item) -> str:
        """Site URL of a citable item."""
        return src_to_url(playbook_src(item.playbook_id)) + "#" + item.anchor

    def step_src(self, step: PathStep) -> str:
        if step.kind == "playbook":
            return playbook_src(step.target)
        if step.kind == "quiz":
            return quiz_src(step.target)
        return SPECIAL_SRC[step.target]

    def step_link(self, step: PathStep) -> str:
        return src_to_url(self.step_src(step))

    def step_title(self, step: PathStep) -> str:
        if step.kind == "playbook" and step.target in self.portal.playbooks:
            return self.portal.playbooks[step.target].title
        if step.kind == "quiz" and step.target in self.portal.quizzes:
            return str(self.portal.quizzes[step.target].title.get(self.lang))
        return SPECIAL_PAGES.get(step.target, step.target)

    # Snippets for macros ---------------------------------------------------

    def cite(self, item: Item, page_url: str) -> str:
        return self.render("snippets/cite.html", item=item, href=relative_url(self.item_link(item), page_url))

    def role_card(self, role: Role, page_url: str) -> str:
        return self.render("snippets/role_card.html", role=role, page_url=page_url)

    def path(self, path: LearningPath, page_url: str) -> str:
        return self.render("snippets/path.html", path=path, page_url=page_url,
                           total=self.portal.path_minutes(path))

    def role_examples(self, playbook_id: str) -> str:
        roles = [r for r in self.portal.roles.values() if playbook_id in r.examples]
        groups = {kind: [r for r in roles if r.kind == kind] for kind in ROLE_KINDS}
        return self.render("snippets/role_examples.md", groups=groups, playbook_id=playbook_id)

    def quiz(self, quiz: Quiz, page_url: str) -> str:
        return self.render("snippets/quiz.html", quiz=quiz, page_url=page_url, data=encode_data(quiz_data(self, quiz, page_url)),
                           hash=quiz_hash(quiz))

    def diagram(self, svg: str, name: str) -> str:
        return self.render("snippets/diagram.html", svg=svg, name=name)


def fallback_html(strings: Strings, note: str) -> str:
    """The visible note on a page (or part of one) shown in English because it has no translation yet."""
    return f'<p class="cx-fallback" role="note" lang="{strings.lang}">{escape(note)}</p>'


def with_note(markdown: str, note: str) -> str:
    """Generated Markdown with a note placed right after its front matter."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            cut = end + len("\n---\n")
            return markdown[:cut] + "\n" + note + "\n\n" + markdown[cut:]
    return note + "\n\n" + markdown


def format_minutes(minutes: int) -> str:
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"


def quiz_hash(quiz: Quiz) -> str:
    """Changes whenever the quiz's questions or answers change (not when it moves on disk)."""
    return content_hash([_question_payload(q, "en") for q in quiz.questions] + [quiz.pass_mark, quiz.draw])


def _question_payload(q: Question, lang: str) -> dict[str, Any]:
    t = lambda text: text.get(lang)  # noqa: E731
    return {
        "id": q.id,
        "type": q.type,
        "prompt": t(q.prompt),
        "options": [{"text": t(o.text), "correct": o.correct, "feedback": t(o.feedback), "score": o.score} for o in q.options],
        "items": [{"text": t(i.text), "feedback": t(i.feedback)} for i in q.items],
        "pairs": [{"left": t(p.left), "right": t(p.right), "feedback": t(p.feedback)} for p in q.pairs],
        "blanks": [{"accept": list(b.accepted(lang)), "feedback": t(b.feedback)} for b in q.blanks],
        "answer": q.answer,
        "feedback_true": t(q.feedback_true),
        "feedback_false": t(q.feedback_false),
        "explanation": t(q.explanation),
    }


def quiz_data(renderer: Renderer, quiz: Quiz, page_url: str) -> dict[str, Any]:
    """Everything the browser needs to run a quiz, including answers (encoded, not searchable)."""
    lang = renderer.lang
    questions = []
    for q in quiz.questions:
        payload = _question_payload(q, lang)
        payload["hint"] = q.hint.get(lang)
        payload["points"] = q.points
        payload["cites"] = q.cites
        payload["cite_href"] = renderer_cite_href(renderer, q.cites, page_url)
        payload["cite_label"] = renderer_cite_label(renderer, q.cites)
        questions.append(payload)
    return {
        "id": quiz.id,
        "title": quiz.title.get(lang),
        "pass_mark": quiz.pass_mark,
        "draw": quiz.draw,
        "shuffle": quiz.shuffle,
        "self_assessment": quiz.is_self_assessment,
        "bands": [
            {"min": b.min, "max": b.max, "title": b.title.get(lang), "advice": b.advice.get(lang), "cites": b.cites,
             "cite_href": renderer_cite_href(renderer, b.cites, page_url) if b.cites else ""}
            for b in quiz.bands
        ],
        "questions": questions,
    }


def renderer_cite_href(renderer: Renderer, cites: str, page_url: str) -> str:
    """Relative link to what a question cites: an item code or playbook#anchor."""
    if "#" in cites:
        playbook_id, anchor = cites.split("#", 1)
        return relative_url(src_to_url(playbook_src(playbook_id)) + "#" + anchor, page_url)
    item = renderer.portal.item(cites)
    return relative_url(renderer.item_link(item), page_url) if item else ""


def renderer_cite_label(renderer: Renderer, cites: str) -> str:
    if "#" in cites:
        playbook = renderer.portal.playbooks.get(cites.split("#", 1)[0])
        return playbook.title if playbook else cites
    item = renderer.portal.item(cites)
    return f"{item.code} {item.title}" if item else cites
