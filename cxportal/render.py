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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from .escape import finalize, text_html
from .i18n import Strings
from .model import (
    DEFAULT_LANG,
    PATH_KINDS,
    Activity,
    Item,
    LearningPath,
    PathStep,
    Playbook,
    Portal,
    Question,
    Quiz,
    Role,
    Text,
)
from .structure import (  # noqa: F401 - re-exported: the source paths are part of the renderer's vocabulary
    INDEX_SRC,
    SPECIAL_SRC,
    activity_src,
    card_src,
    kind_title,
    path_src,
    playbook_src,
    quiz_src,
    relative_url,
    role_kinds,
    role_quizzes,
    role_src,
    roles_by_kind,
    src_to_url,
    step_src,
)
from .svg import clean_svg
from .template_cache import TEMPLATE_CODE

TEMPLATES = Path(__file__).parent / "templates"
# libyaml's safe dumper when PyYAML has it (the same YAML, ten times faster), else PyYAML's own.
_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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
        self._quizzes: dict[tuple[str, str], tuple[Markup, int]] = {}

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

    # Site URL of a source path; inside a build the plugin answers with MkDocs' File.url.
    url_for: Callable[[str], str] = src_to_url
    # Role kind → title, in display order (the plugin's `role_kinds` option); other kinds get a readable title.
    kind_titles: Mapping[str, Any] = field(default_factory=dict)
    # Project folder with template overrides (custom_dir/cxportal), searched before the package's templates.
    override_dir: Path | None = None
    # LMS export formats the build writes into exports/ (the plugin's `exports` option).
    exports: tuple[str, ...] = ()
    # Set by the plugin while pages are built: big finished blocks skip Markdown (cxportal/stash.py).
    stash: Callable[[str], str] | None = None

    def forget_rendered(self) -> None:
        """Drops the quizzes kept for reuse (the build that needed them is done)."""
        self._quizzes.clear()

    def block(self, html: str) -> str:
        """A finished HTML block for a page's Markdown: as it is, or its stash token."""
        return Markup(self.stash(str(html))) if self.stash is not None else html

    @property
    def kinds(self) -> list[str]:
        return role_kinds(self.portal, self.kind_titles)

    def kind_title(self, kind: str) -> str:
        title = self.kind_titles.get(kind)
        if isinstance(title, Mapping):  # a title per language
            title = title.get(self.lang) or next(iter(title.values()), None)
        if title:
            return str(title)
        # The catalogue names the kinds the engine knows; any other kind gets a readable form of itself.
        return self.ui(f"role_kind.{kind}") if self.ui.has(f"role_kind.{kind}") else kind_title(kind)

    def roles_by_kind(self) -> dict[str, list[Role]]:
        return roles_by_kind(self.portal, self.kinds)

    def role_quizzes(self, role: Role) -> list[Quiz]:
        return role_quizzes(self.portal, role)

    @cached_property
    def env(self) -> jinja2.Environment:
        # Every template is autoescaped, and `finalize` escapes every printed string for HTML *and*
        # Markdown (cxportal/escape.py): content can only ever be text. Helpers that build markup
        # return Markup.
        env = jinja2.Environment(
            loader=self.loader(),
            autoescape=True,
            finalize=finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=jinja2.StrictUndefined,
            # One build never sees a template change; compiled code is shared with the next build.
            auto_reload=False,
            bytecode_cache=TEMPLATE_CODE,
            # Markdown uses {#anchor}; keep Jinja comments out of its way.
            comment_start_string="{##",
            comment_end_string="##}",
        )
        env.filters["t"] = self.text
        env.filters["minutes"] = self.ui.minutes
        env.filters["date"] = self.ui.date
        env.filters["number"] = self.ui.number
        env.globals.update(
            ui=_TemplateStrings(self),
            ui_html=self.ui_html,
            ui_md=self.ui_md,
            lang=self.lang,
            portal=self.portal,
            ROLE_KINDS=self.kinds,
            ROLE_KIND_TITLES=_KindTitles(self),
            PATH_KINDS=PATH_KINDS,
            step_link=self.step_link,
            step_title=self.step_title,
            item_link=self.item_link,
            src_to_url=lambda src: self.url_for(src),
            playbook_src=playbook_src,
            card_src=card_src,
            role_src=role_src,
            path_src=path_src,
            quiz_src=quiz_src,
            activity_src=activity_src,
            relative_url=safe_url(relative_url),
            renderer=self,
        )
        return env

    def loader(self) -> jinja2.BaseLoader:
        """The project's overrides (custom_dir/cxportal/…) first, then the package's templates."""
        package = jinja2.FileSystemLoader(TEMPLATES)
        if self.override_dir is not None and self.override_dir.is_dir():
            return jinja2.ChoiceLoader([jinja2.FileSystemLoader(self.override_dir), package])
        return package

    def ui_html(self, key: str, **params: Any) -> Markup:
        """A catalogue string as HTML: the string and plain parameters escaped, Markup parameters kept as markup."""
        markup = {name: value for name, value in params.items() if isinstance(value, Markup)}
        tokens = {name: f"\x00{i}\x00" for i, name in enumerate(markup)}
        html = str(text_html(self.ui(key, **{**params, **tokens})))
        for name, token in tokens.items():
            html = html.replace(token, str(markup[name]))
        return Markup(html)

    def ui_md(self, key: str, **params: Any) -> Markup:
        """A catalogue string that is Markdown (**bold**, `code`, [links]): the catalogue's own markup is kept,
        text parameters are escaped, Markup parameters (URLs from link()) kept."""
        safe = {
            name: value if isinstance(value, Markup) or not isinstance(value, str) else text_html(value)
            for name, value in params.items()
        }
        return Markup(self.ui(key, **safe))

    def render(self, template: str, **context: Any) -> Markup:
        return Markup(self.env.get_template(template).render(**context))

    def scaffold(self, template: str, **context: Any) -> str:
        """A new content file from templates/scaffold/ (YAML or Markdown source, so not escaped;
        the CLI only passes pattern-checked ids and names)."""
        return self.env.overlay(autoescape=False, finalize=None, cache_size=0).get_template(template).render(**context)

    def page(self, template: str, **context: Any) -> str:
        """A generated page: front matter from the template's `meta`, serialized as YAML, then the body.

        The front matter is never text formatting, so no value can break it, and
        `render_macros: false` is always there: mkdocs-macros never sees content.
        """
        try:
            module = self.env.get_template(template).make_module(context)
        except Exception:
            # make_module does not map the traceback to the template's lines as render() does.
            self.env.handle_exception()
        meta = _plain(dict(getattr(module, "meta", {}) or {}))
        meta["render_macros"] = False
        front = yaml.dump(
            meta, Dumper=_SAFE_DUMPER, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000
        )
        return f"---\n{front}---\n\n{str(module).lstrip()}"

    # Links ----------------------------------------------------------------

    def item_link(self, item: Item) -> str:
        """Site URL of a citable item."""
        return self.url_for(playbook_src(item.playbook_id)) + "#" + item.anchor

    def step_src(self, step: PathStep) -> str:
        return step_src(step)

    def step_link(self, step: PathStep) -> str:
        return self.url_for(step_src(step))

    def step_title(self, step: PathStep) -> str:
        if step.kind == "playbook" and step.target in self.portal.playbooks:
            return self.portal.playbooks[step.target].title
        if step.kind == "quiz" and step.target in self.portal.quizzes:
            return str(self.portal.quizzes[step.target].title.get(self.lang))
        if step.kind == "activity" and step.target in self.portal.activities:
            return self.portal.activities[step.target].title
        return self.ui(f"special_page.{step.target}")

    # Snippets for macros ---------------------------------------------------

    def cite(self, item: Item, page_url: str) -> str:
        return self.render("snippets/cite.html", item=item, href=relative_url(self.item_link(item), page_url))

    def role_card(self, role: Role, page_url: str) -> str:
        return self.block(self.render("snippets/role_card.html", role=role, page_url=page_url))

    def role_list(self, kind: str, page_url: str) -> str:
        """One kind's roles in the Roles page's order, compactly, with links to their paths."""
        roles = self.roles_by_kind().get(kind, [])
        return self.block(self.render("snippets/role_list.html", roles=roles, kind=kind, page_url=page_url))

    def path(self, path: LearningPath, page_url: str) -> str:
        return self.block(
            self.render("snippets/path.html", path=path, page_url=page_url, total=self.portal.path_minutes(path))
        )

    def role_examples(self, playbook_id: str) -> str:
        roles = sorted((r for r in self.portal.roles.values() if playbook_id in r.examples), key=lambda r: str(r.name))
        texts = {r.id: r.examples[playbook_id][0] for r in roles}
        general = not roles
        if general:
            # No role has an example for this playbook yet: rather than an empty section, show how
            # each role shapes what customers experience, which every playbook builds on.
            roles = sorted(self.portal.roles.values(), key=lambda r: str(r.name))
            texts = {r.id: r.shapes_cx for r in roles}
        groups = {kind: [(r, texts[r.id]) for r in roles if r.kind == kind] for kind in self.kinds}
        return self.render("snippets/role_examples.md", groups=groups, playbook_id=playbook_id, general=general)

    def quiz(self, quiz: Quiz, page_url: str) -> str:
        """A quiz, rendered once for all pages at the same depth (its quiz page and its playbook).

        Its links go up to the site root and down again (`../../playbooks/x/` rather than
        `../x/`), so they are the same from every page of one depth and the rendering can
        be reused; text fields shown in English are counted again on each reuse.
        """
        folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
        base = "\x00/" * folder.strip("/").count("/") + ("\x00/" if folder.strip("/") else "")
        key = (quiz.id, base)
        cached = self._quizzes.get(key)
        if cached is None:
            before = self.fallbacks
            html = self.render(
                "snippets/quiz.html",
                quiz=quiz,
                page_url=base,
                data=encode_data(quiz_data(self, quiz, base)),
                hash=quiz_hash(quiz),
            )
            cached = self._quizzes[key] = (html, self.fallbacks - before)
        else:
            self.fallbacks += cached[1]
        return self.block(cached[0])

    def diagram(self, layouts: list[tuple[str, str]], name: str) -> str:
        """A diagram's figure from its (layout, SVG source) pairs, wide first (CSS shows the one that fits);
        only what the sanitiser rebuilds from its allow-list reaches the page."""
        cleaned = [(layout, Markup(clean_svg(svg, f"diagrams/{name}.svg").svg)) for layout, svg in layouts]
        return self.block(self.render("snippets/diagram.html", layouts=cleaned, name=name))

    def sources(self, playbook: Playbook) -> str:
        """The Sources block at the end of a playbook (Markdown heading + HTML list)."""
        return self.render("snippets/sources.html", playbook=playbook)

    def activity_meta(self, activity: Activity, page_url: str) -> str:
        """The line under an activity's title: duration, what it practises; progress.js adds "Mark as done"."""
        items = [self.portal.item(code) for code in activity.codes]
        return self.render(
            "snippets/activity_meta.html",
            activity=activity,
            items=[i for i in items if i is not None],
            page_url=page_url,
        )


def _plain(value: Any) -> Any:
    """Front-matter values as plain YAML types (Markup and other str subclasses become str)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def safe_url(build: Any) -> Any:
    """A URL helper whose result is printed as is (ids are pattern-checked; HTML specials still escaped)."""

    def wrapped(*args: Any, **kwargs: Any) -> Markup:
        return Markup(escape(str(build(*args, **kwargs))))

    return wrapped


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


class _TemplateStrings:
    """`ui(…)` in templates: a catalogue string as text, escaped once where it is printed. Given engine
    markup as a parameter (Markup: a link, a `{% set %}` block such as <strong>…</strong>), the string
    becomes HTML that keeps it (`ui_html`), so the engine's own markup never reaches the reader as text."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer

    def __call__(self, key: str, **params: Any) -> str:
        if any(isinstance(value, Markup) for value in params.values()):
            return self.renderer.ui_html(key, **params)
        return self.renderer.ui(key, **params)

    def has(self, key: str) -> bool:
        return self.renderer.ui.has(key)


class _KindTitles:
    """`ROLE_KIND_TITLES[kind]` in templates: the configured title, else a readable form of the kind."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer

    def __getitem__(self, kind: str) -> str:
        return self.renderer.kind_title(kind)


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
        "options": [
            {"text": t(o.text), "correct": o.correct, "feedback": t(o.feedback), "score": o.score} for o in q.options
        ],
        "items": [{"text": t(i.text), "feedback": t(i.feedback)} for i in q.items],
        "pairs": [{"left": t(p.left), "right": t(p.right), "feedback": t(p.feedback)} for p in q.pairs],
        "blanks": [
            {"accept": list(b.accepted(lang)), "patterns": list(b.patterns), "feedback": t(b.feedback)}
            for b in q.blanks
        ],
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
        payload["variant_of"] = q.variant_of
        payload["group"] = q.group
        questions.append(payload)
    return {
        "id": quiz.id,
        "title": quiz.title.get(lang),
        "pass_mark": quiz.pass_mark,
        "draw": quiz.draw,
        "shuffle": quiz.shuffle,
        "show_answers": quiz.show_answers,
        "self_assessment": quiz.is_self_assessment,
        "groups": {gid: title.get(lang) for gid, title in quiz.groups.items()},
        "variant_sets": [list(ids) for ids in quiz.variant_sets],
        "bands": [
            {
                "min": b.min,
                "max": b.max,
                "title": b.title.get(lang),
                "advice": b.advice.get(lang),
                "cites": b.cites,
                "cite_href": renderer_cite_href(renderer, b.cites, page_url) if b.cites else "",
            }
            for b in quiz.bands
        ],
        "questions": questions,
    }


def renderer_cite_href(renderer: Renderer, cites: str, page_url: str) -> str:
    """Relative link to what a question cites: an item code or playbook#anchor."""
    if "#" in cites:
        playbook_id, anchor = cites.split("#", 1)
        return relative_url(renderer.url_for(playbook_src(playbook_id)) + "#" + anchor, page_url)
    item = renderer.portal.item(cites)
    return relative_url(renderer.item_link(item), page_url) if item else ""


def renderer_cite_label(renderer: Renderer, cites: str) -> str:
    if "#" in cites:
        playbook = renderer.portal.playbooks.get(cites.split("#", 1)[0])
        return playbook.title if playbook else cites
    item = renderer.portal.item(cites)
    return f"{item.code} {item.title}" if item else cites
