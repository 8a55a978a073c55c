"""The macros authors call from Markdown: quiz, cite, role_card, path, role_examples, diagram.

MkDocs-free: each macro looks content up in the loaded portal and renders it
through the Renderer. A wrong id is never an empty string: it is reported through
`record` (with the text the author wrote, so the caller can find its line) and a
visible error marker is returned, so the build can list every problem at the end.

The plugin registers these functions with mkdocs-macros when that plugin is
listed (authors keep their own macros beside them), and otherwise expands them
itself with `expand_macros`.
"""

from __future__ import annotations

import contextlib
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from .escape import text_html
from .i18n import DEFAULT_LANG, language_chain
from .problems import Problem, closest
from .render import Renderer
from .yamlfile import read_text

# Markdown writes {#anchor} after headings: Jinja comments must not start with "{#".
COMMENT_START, COMMENT_END = "{##", "##}"

Recorder = Callable[[str, str, "str | None"], None]


class PortalMacros:
    """The portal's macros bound to one renderer; `page_url` gives the URL of the page being expanded."""

    def __init__(
        self,
        renderer: Renderer,
        content_dir: Path,
        page_url: Callable[[], str],
        record: Recorder,
        project_dir: Path | None = None,
    ) -> None:
        self.renderer = renderer
        self.content_dir = content_dir
        self.project_dir = project_dir or content_dir.parent
        self.page_url = page_url
        self.record = record

    @property
    def portal(self):  # noqa: ANN201 - the Portal of the renderer
        return self.renderer.portal

    def functions(self) -> dict[str, Callable[..., str]]:
        return {
            "quiz": self.quiz,
            "cite": self.cite,
            "role_card": self.role_card,
            "role_list": self.role_list,
            "path": self.path,
            "role_examples": self.role_examples,
            "diagram": self.diagram,
        }

    def fail(self, call: str, message: str, hint: str | None = None) -> str:
        self.record(call, message, hint)
        return f'<span class="cx-error">{text_html(message)}</span>'

    def quiz(self, quiz_id: str) -> str:
        """The quiz bank with this id, interactive in the browser."""
        if quiz_id not in self.portal.quizzes:
            return self.fail(quiz_id, f"quiz(): unknown quiz '{quiz_id}'", closest(quiz_id, self.portal.quizzes))
        return self.renderer.quiz(self.portal.quizzes[quiz_id], self.page_url())

    def cite(self, code: str) -> str:
        """A link to a citable item, showing its code and title."""
        item = self.portal.item(code)
        if item is None:
            return self.fail(code, f"cite(): unknown code '{code}'", closest(code, self.portal.items))
        return self.renderer.cite(item, self.page_url()).strip()

    def role_card(self, role_id: str) -> str:
        """A card with the role's name, kind, summary and links to its paths."""
        if role_id not in self.portal.roles:
            return self.fail(role_id, f"role_card(): unknown role '{role_id}'", closest(role_id, self.portal.roles))
        return self.renderer.role_card(self.portal.roles[role_id], self.page_url())

    def role_list(self, kind: str) -> str:
        """The roles of one kind as a compact list with their paths, in the Roles page's order."""
        kinds = list(self.renderer.roles_by_kind())
        if kind not in kinds:
            return self.fail(kind, f"role_list(): unknown role kind '{kind}'", closest(kind, kinds))
        return self.renderer.role_list(kind, self.page_url())

    def path(self, role_id: str, kind: str = "onboarding") -> str:
        """A role's learning path as an ordered list with durations and a total."""
        if role_id not in self.portal.roles:
            return self.fail(role_id, f"path(): unknown role '{role_id}'", closest(role_id, self.portal.roles))
        role = self.portal.roles[role_id]
        if kind not in role.paths:
            known = " or ".join(sorted(role.paths)) or "no path"
            return self.fail(kind, f"path(): unknown path kind '{kind}' (use {known})", closest(kind, role.paths))
        return self.renderer.path(role.paths[kind], self.page_url())

    def role_examples(self, playbook_id: str) -> str:
        """Content tabs by role kind with each role's example for this playbook."""
        if playbook_id not in self.portal.playbooks:
            return self.fail(
                playbook_id,
                f"role_examples(): unknown playbook '{playbook_id}'",
                closest(playbook_id, self.portal.playbooks),
            )
        return self.renderer.role_examples(playbook_id)

    def diagram(self, name: str) -> str:
        """An inline SVG diagram from <content_dir>/diagrams/ (inline, so it works offline).

        `<name>.svg` is the diagram; `<name>.<lang>.svg` its version for a language's site (found
        along the language's chain, as strings are), and `<name>[.<lang>].narrow.svg` an optional
        layout for narrow screens that the page shows instead on a phone.
        """
        folder = self.content_dir / "diagrams"
        wide = diagram_file(folder, name, self.renderer.lang)
        if wide is None:  # a name, not a path: '../x' is no diagram
            known = [p.name[: -len(".svg")] for p in folder.glob("*.svg") if p.name.count(".") == 1]
            return self.fail(name, f"diagram(): no diagram '{name}' in {folder.name}/", closest(name, known))
        layouts = []
        for layout, path in (("wide", wide), ("narrow", diagram_file(folder, name, self.renderer.lang, ".narrow"))):
            if path is None:
                continue
            text = read_text(path, f"{folder.name}/{path.name}", self.project_dir)
            if isinstance(text, Problem):  # the loader's read rule has reported it at the file's line
                return self.fail(name, f"diagram(): {text.message}")
            layouts.append((layout, text))
        return self.renderer.diagram(layouts, name)


def diagram_file(folder: Path, name: str, lang: str, layout: str = "") -> Path | None:
    """The diagram's file for `lang`: its own version, else its base language's, else the original."""
    if "/" in name or "\\" in name or name.startswith("."):
        return None
    for candidate in language_chain(lang):
        suffix = "" if candidate == DEFAULT_LANG else f".{candidate}"
        path = folder / f"{name}{suffix}{layout}.svg"
        if path.is_file():
            return path
    return None


def macro_environment(functions: dict[str, Callable[..., str]]) -> jinja2.Environment:
    """The Jinja environment used when mkdocs-macros is not installed in the project."""
    env = jinja2.Environment(
        comment_start_string=COMMENT_START,
        comment_end_string=COMMENT_END,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.globals.update(functions)
    return env


_MACRO_CALL = re.compile(r"\{\{|\{%")


def expand_macros(
    env: jinja2.Environment, markdown: str, origin: str, line_offset: int = 0
) -> tuple[str, list[Problem]]:
    """Expands the macros in one page; a Jinja error becomes a Problem at the author's line."""
    if not _MACRO_CALL.search(markdown):
        return markdown, []
    try:
        return env.from_string(markdown).render(), []
    except jinja2.TemplateSyntaxError as error:
        return markdown, [Problem(origin, (error.lineno or 1) + line_offset, f"macro error: {error.message}")]
    except Exception as error:  # noqa: BLE001 - any macro failure is reported, never a traceback
        line = _template_line(error)
        undefined = re.match(r"'([^']+)' is undefined$", str(error))
        if isinstance(error, jinja2.UndefinedError) and undefined:
            name = undefined.group(1)
            hint = closest(name, [n for n in env.globals if not n.startswith("_")])
            return markdown, [
                Problem(origin, line + line_offset, f"macro error: unknown macro or variable '{name}'", hint)
            ]
        return markdown, [Problem(origin, line + line_offset, f"macro error: {type(error).__name__}: {error}")]


def _template_line(error: BaseException) -> int:
    """The line inside the rendered page where Jinja raised, from the traceback's template frame."""
    tb = error.__traceback__
    line = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def define_env(env: Any) -> None:
    """The macros as an mkdocs-macros pluglet (`modules: [cxportal.macros]`), for builders without plugins.

    Zensical and MkDocs' successor run mkdocs-macros' `define_env` but no MkDocs plugins. With the
    cxportal plugin listed this does nothing (the plugin registers the macros itself). Without it,
    it loads the project on its own: `extra: {cxportal: {content_dir: …, role_kinds: …}}` in
    mkdocs.yml gives the settings. Generated pages then come from a separate step
    (docs/architecture.md).
    """
    conf = env.conf
    if conf["plugins"].get("cxportal") is not None:
        return
    from .problems import report
    from .project import load_project
    from .settings import DEFAULT_CONTENT_DIR
    from .structure import page_url

    project_dir = Path(conf["config_file_path"]).parent.resolve()
    settings = (conf.get("extra") or {}).get("cxportal") or {}
    content_dir = str(settings.get("content_dir", DEFAULT_CONTENT_DIR))
    kinds = dict(settings.get("role_kinds") or {})
    portal, problems = load_project(project_dir, content_dir, role_kinds=kinds)
    if problems:
        raise ValueError("cxportal found problems in the content:\n" + report(problems))
    directory_urls = bool(conf.get("use_directory_urls", True))
    renderer = Renderer(
        portal,
        site_name=str(conf.get("site_name") or ""),
        kind_titles=kinds,
        url_for=lambda src: page_url(src, directory_urls),
    )

    def current_url() -> str:
        page = getattr(env, "page", None)
        return str(page.url) if page is not None else ""

    def fail(call: str, message: str, hint: str | None = None) -> None:
        # mkdocs-macros turns an exception in a macro into an error on the page (and fails with on_error_fail).
        page = getattr(env, "page", None)
        origin = page.file.src_uri if page is not None else "?"
        raise ValueError(str(Problem(origin, 1, message, hint)))

    for name, function in (
        PortalMacros(renderer, project_dir / content_dir, current_url, fail, project_dir).functions().items()
    ):
        env.macro(function, name)


def template_problem(error: Exception, project_dir: Path, what: str) -> Problem:
    """A failure inside a Jinja template (the package's or a project's override) at the template's file and line."""
    filename, line = None, 1
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        filename, line = error.filename, error.lineno or 1
    else:
        tb = error.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if name.endswith((".html", ".md", ".yml", ".svg")):
                filename, line = name, tb.tb_lineno
            tb = tb.tb_next
    where = filename or what
    with contextlib.suppress(ValueError):  # a template outside the project keeps its full path
        where = str(Path(where).resolve().relative_to(project_dir))
    message = error.message if isinstance(error, jinja2.TemplateError) and error.message else str(error)
    return Problem(where, line, f"template error while rendering {what}: {type(error).__name__}: {message}")


# A call with string literals only, such as {{ quiz("5p") }} or {{ path('legal', "refresher") }}.
_LITERAL = r"""(?:"[^"\\\n{}]*"|'[^'\\\n{}]*')"""
_SIMPLE_CALL = re.compile(
    rf"\{{\{{[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]*\([ \t]*(?P<args>{_LITERAL}(?:[ \t]*,[ \t]*{_LITERAL})*)?[ \t]*\)[ \t]*\}}\}}"
)
_ARG = re.compile(_LITERAL)


def expand_simple_calls(
    markdown: str,
    functions: dict[str, Callable[..., str]],
    jinja_starts: tuple[str, ...],
    at_line: Callable[[int | None], None],
) -> str | None:
    """The page with its macro calls expanded without Jinja, or None when it needs Jinja.

    Most pages call the portal's macros with literal arguments and nothing else; compiling
    each of them as a Jinja template costs more than the rest of their processing. A page
    qualifies only when every `{{` opens such a call to one of `functions` and no other
    Jinja syntax (`jinja_starts`: block and comment openers) appears; anything else is left
    to Jinja (mkdocs-macros), which gives the same output. `at_line(n)` is told the line of
    the call running (1-based, in `markdown`), for problem reports; None after the last.
    """
    if any(start in markdown for start in jinja_starts):
        return None
    calls = []
    position = markdown.find("{{")
    while position != -1:
        match = _SIMPLE_CALL.match(markdown, position)
        if match is None or match["name"] not in functions:
            return None
        calls.append(match)
        position = markdown.find("{{", match.end())
    if not calls:
        return markdown
    arguments = [[literal[1:-1] for literal in _ARG.findall(match["args"] or "")] for match in calls]
    for match, args in zip(calls, arguments, strict=True):
        try:
            inspect.signature(functions[match["name"]]).bind(*args)
        except TypeError:
            return None  # a wrong number of arguments: Jinja reports it the usual way
    parts, last = [], 0
    try:
        for match, args in zip(calls, arguments, strict=True):
            at_line(markdown.count("\n", 0, match.start()) + 1)
            parts += [markdown[last : match.start()], str(functions[match["name"]](*args))]
            last = match.end()
    finally:
        at_line(None)
    return "".join(parts) + markdown[last:]
