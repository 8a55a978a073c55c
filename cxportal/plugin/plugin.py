"""The `cxportal` MkDocs plugin.

Events, each doing one job:
- on_startup: remember whether this is `build` or `serve`.
- on_config: check the macros module imports, load and validate all content
  (stop with every problem listed), build the navigation, stage the site folder.
- on_files: add the generated pages and the portal's assets.
- on_page_markdown (after mkdocs-macros): record macro problems with their file
  and line (item headings are rewritten by the cxportal.headings Markdown extension).
- on_post_build: write short links, then swap the staged site into place.
"""

from __future__ import annotations

import functools
import gc
import json
import logging
import os
import re
from collections.abc import Callable, Mapping
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data as front_matter_of
from mkdocs.utils.yaml import yaml_load

from .. import __version__
from ..api import is_fast
from ..escape import title_html
from ..i18n import Strings, catalogue_problems, is_language_tag
from ..links import LinkChecker, PageLinks, page_links
from ..macros import PortalMacros, expand_macros, expand_simple_calls, macro_environment, template_problem
from ..model import DEFAULT_LANG, Playbook, Portal
from ..options import check_options
from ..problems import Problem, closest, errors, report
from ..project import load_project
from ..records import browser_settings, settings_json
from ..render import Renderer, fallback_html
from ..renewal import with_default_renewal
from ..settings import PortalSettings
from ..stash import HtmlStash
from ..structure import NAV_SECTIONS, build_nav, card_src, merge_nav, page_url, playbook_src
from ..template_cache import TEMPLATE_CODE
from ..translations import TranslationReport, check_docs_page, localize
from ..yamlfile import parse_yaml, refusal
from .accessibility import label_unnamed_controls
from .cache import SHARED as CONTENT_CACHE
from .compat import register_macros
from .config import CxPortalConfig, portal_settings
from .csp import apply_policy
from .glossary import Abbreviations
from .intranet import IntranetGuard
from .languages import (
    alternates,
    build_language,
    extra_language,
    fix_head_alternates,
    localize_site,
    lunr_languages,
    page_languages,
    translated_name,
)
from .macros_check import check_macros_module
from .markdown import MACRO_ERROR, MacroErrorScanner, front_matter_lines, macro_call_line, quiet_macro_errors
from .pages import GeneratedPages
from .settings import check_intranet_theme, ensure_macros_settings, ensure_markdown_extensions
from .shortlinks import write_short_links
from .staging import StagedSite
from .theme import add_theme_dir, expose_portal_main, shadowing_main

log = logging.getLogger("mkdocs.plugins.cxportal")
ASSETS = Path(__file__).parent.parent / "assets"
ASSET_PREFIX = "assets/cxportal/"
# Assets only a development server's pages load: a built site does not carry them.
SERVE_ONLY_ASSETS = frozenset({"livereload.js"})
OFF_NAV = ("/card.md", "/onboarding.md", "/refresher.md")


class CxPortalPlugin(BasePlugin[CxPortalConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.portal: Portal | None = None
        self.original_playbooks: Mapping[str, Playbook] = {}
        self.renderer: Renderer | None = None
        self.project_dir = Path.cwd()
        self.content_dir = self.project_dir / "playbooks"
        self.staged: StagedSite | None = None
        self.page_problems: list[Problem] = []
        self.abbreviations = Abbreviations((), DEFAULT_LANG)
        self.intranet = IntranetGuard()
        self.main_lang = self.lang = DEFAULT_LANG
        # Where readers find the site (printed short links, cited URLs): mkdocs.yml's site_url, per language.
        self.public_url = ""
        self.languages: list[str] = [DEFAULT_LANG]
        self.strings = Strings()
        self.translated_docs: set[str] = set()
        self.current_page: Page | None = None
        # Set when mkdocs-macros is not listed: the plugin expands the portal's macros itself.
        self.macro_env: jinja2.Environment | None = None
        self.macro_functions: dict[str, Callable[..., str]] = {}
        # The line of the macro call the fast path is running (see expand_simple_calls).
        self.fast_call_line: int | None = None
        self.files: Files | None = None
        self.links = LinkChecker(self.origin_text_of)
        self.use_directory_urls = True
        self.budgets: dict[str, int] = {}
        self.settings = PortalSettings()
        self.html_stash = HtmlStash()

    # Startup and configuration ---------------------------------------------

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> Any:
        """Options are checked like content (cxportal/options.py): every problem with its mkdocs.yml line
        and the nearest valid value, before MkDocs checks their types without either."""
        problems = check_options(options, config_file_path)
        if problems:
            raise ValidationError("".join(f"\n{p}" for p in problems))  # each on its own line, from its file
        return super().load_config(options, config_file_path)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(100)  # before mkdocs-macros, whose define_env needs the loaded portal
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # mkdocs-macros reports every module and variable it finds at INFO level on every build;
        # that chatter reads like errors. Its warnings and errors still show.
        logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)
        self.project_dir = Path(config.config_file_path).parent.resolve()
        self.content_dir = self.project_dir / self.config.content_dir
        if self.config.atomic and self.command == "build" and extra_language() is None:
            # Staged first, so every warning of this build counts, those of the content check
            # below and of each extra language's build included: any of them keeps the old site.
            self.staged = StagedSite(Path(config.site_dir))
        self.page_problems = []
        self.links = LinkChecker(self.origin_text_of)
        self.files = None
        add_theme_dir(config)
        shadowed = shadowing_main(config)
        if shadowed:
            log.warning(
                f"{os.path.relpath(shadowed[0], self.project_dir)}:{shadowed[1]}: "
                "replaces the portal's main.html, so pages lose its styles, scripts and version line "
                '(start the file with {% extends "cxportal/main.html" %} instead of "base.html")'
            )
        ensure_markdown_extensions(config)
        if self.config.intranet_check:
            check_intranet_theme(config)
        check_macros_module(config, self.project_dir)
        quiet_macro_errors()

        records_base = config.site_url or ""  # before an extra language adds /<lang>/: one activity id per page
        self.settings = settings = portal_settings(self.config, config)
        self.setup_language(config)
        budgets = dict(settings.budgets)

        def load() -> tuple[Portal, list[Problem]]:
            return load_project(self.project_dir, settings.content_dir, budgets, settings.check, settings.role_kinds)

        # Each language's site, and every rebuild in `serve`, reuse content nobody changed (cache.py).
        role_kinds = tuple((k, repr(v)) for k, v in settings.role_kinds.items())
        key = (tuple(budgets.items()), role_kinds, settings.check)
        portal, problems = CONTENT_CACHE.get(self.content_dir, key, load)
        # The project's interface strings are checked like content: a misspelt key would never show.
        problems = problems + [
            p for folder in settings.strings_dirs() for p in catalogue_problems(folder, self.project_dir)
        ]
        if errors(problems):
            raise PluginError("cxportal found problems in the content:\n" + report(problems))
        if self.command != "check" and extra_language() is None:
            # cxportal check has listed them already; an extra language's build would only repeat them.
            for problem in problems:  # warnings fail a --strict build; notes are only listed
                (log.warning if problem.severity == "warning" else log.info)(str(problem))
        # Acknowledgment follows the original's versions, so a confirmation counts on every language's site.
        self.original_playbooks = portal.playbooks
        portal = with_default_renewal(localize(portal, self.lang), dict(self.config.renew))
        self.portal = portal
        self.budgets = budgets
        self.renderer = Renderer(
            portal,
            site_name=config.site_name,
            site_url=self.public_url,
            version=self.config.version or str(config.extra.get("version", "")) or __version__,
            lang=self.lang,
            strings=self.strings,
            kind_titles=self.config.role_kinds,
            override_dir=Path(config.theme.custom_dir) / "cxportal" if config.theme.custom_dir else None,
            exports=tuple(self.config.exports),
        )
        self.use_directory_urls = config.use_directory_urls
        self.renderer.url_for = self.fallback_url
        self.html_stash = HtmlStash()
        self.renderer.stash = self.html_stash.put
        self.register_macros(config)
        config.extra.setdefault("cxportal", {})
        config.extra["cxportal"].update(version=self.renderer.version, site_url=self.public_url)
        config.extra["cxportal"]["records"] = self.records_settings(records_base)
        # Glossary terms as Markdown abbreviations, in the page's language, wherever a page uses a term.
        self.abbreviations = Abbreviations(
            portal.glossary, self.lang, tooltip_html="content.tooltips" in (config.theme.get("features") or [])
        )
        self.intranet = IntranetGuard()
        if self.command == "serve":
            config.watch.append(str(self.content_dir))
        if self.staged is not None:
            config.site_dir = str(self.staged.staging)
        return config

    def records_settings(self, base: str) -> str:
        """The JSON records.js reads from the page, or "" when records are off (docs/records.md)."""
        options = self.config.records
        if not options.lrs:
            return ""
        if not base:
            raise PluginError("mkdocs.yml: records need site_url: every activity id is built from it")
        return settings_json(browser_settings(options.lrs, options.whoami, dict(options.verbs), base))

    def setup_language(self, config: MkDocsConfig) -> None:
        """The language this build renders, its strings, and what Material and search need to follow it."""
        self.main_lang = str(config.theme.get("language") or DEFAULT_LANG)
        self.lang = extra_language() or self.main_lang
        self.languages = [self.main_lang] + [lang for lang in self.config.languages if lang != self.main_lang]
        for lang in self.languages:
            if not is_language_tag(lang):
                raise PluginError(f"cxportal: '{lang}' in languages is not a language code such as ru, uk or pt-BR")
        misplaced = self.settings.misplaced_strings()
        if misplaced is not None:
            where = self.settings.strings_dirs()[0]
            raise PluginError(
                f"{os.path.relpath(misplaced, self.project_dir)}/: the project's interface strings now live in "
                f"{os.path.relpath(where, self.project_dir)}/ (theme.custom_dir is set): move the files there, "
                f"or set `strings_dir: {misplaced.name}` under cxportal in mkdocs.yml"
            )
        self.strings = Strings(self.lang, self.settings.strings_dirs())
        localize_site(config, self.strings, Strings(self.main_lang, self.settings.strings_dirs()))
        self.public_url = written_site_url(config, self.command)
        if self.lang != self.main_lang:
            config.theme["language"] = self.lang
            if config.site_url:
                config.site_url = config.site_url.rstrip("/") + f"/{self.lang}/"
            if self.public_url:
                self.public_url = self.public_url.rstrip("/") + f"/{self.lang}/"
            search = config.plugins.get("material/search") or config.plugins.get("search")
            if search is not None and hasattr(search.config, "lang"):
                search.config.lang = lunr_languages(search.config.lang, self.lang)
                if search.config.pipeline is None and search.config.lang[0] == self.lang:
                    # Material's default keeps only the stop-word filter; «клиентов» must find «клиента».
                    search.config.pipeline = ["trimmer", "stopWordFilter", "stemmer"]
        if len(self.languages) > 1:
            # Until the pages set their own: the theme's 404 page, rendered first, links each language's home.
            config.extra["alternate"] = alternates(self.languages, self.main_lang, self.lang, None)

    def register_macros(self, config: MkDocsConfig) -> None:
        """Hands the portal's macros to mkdocs-macros when it is listed, else keeps them for on_page_markdown."""
        assert self.renderer is not None
        self.macro_env = None
        macros = PortalMacros(
            self.renderer, self.content_dir, self.current_page_url, self.record_current, self.project_dir
        )
        self.macro_functions = macros.functions()
        macros_plugin = config.plugins.get("macros")
        if macros_plugin is None:
            self.macro_env = macro_environment(self.macro_functions)
            return
        ensure_macros_settings(macros_plugin.config)
        # A project's own macro of the same name wins (mkdocs-macros itself would stop with a KeyError traceback).
        register_macros(macros_plugin, _YieldingMacros(self.macro_functions, macros_plugin))

    def current_page_url(self) -> str:
        return self.current_page.url if self.current_page is not None else ""

    def record_current(self, problem_at: str, message: str, hint: str | None = None) -> None:
        self.record(self.current_page, problem_at, message, hint)

    # Files -----------------------------------------------------------------

    def files_outside_project(self, files: Files, docs_dir: Path, custom_dir: str | None) -> list[Problem]:
        """The files of docs/ and of the theme's custom_dir the loader's read rule refuses (yamlfile.refusal):
        a link to a file outside the project is never published nor rendered as a template, whatever its
        kind; a page must also be of a size a person wrote. (The theme's own files come from outside the
        project, and are not the project's files.)"""
        problems = []
        if custom_dir:
            for path in sorted(Path(custom_dir).rglob("*")):
                if path.is_file() and not path.resolve().is_relative_to(self.project_dir):
                    rel = os.path.relpath(path, self.project_dir)
                    problems.append(Problem(rel, 1, "the file is a link to a place outside the project: refused"))
        for file in files:
            if file.abs_src_path is None or file.generated_by is not None:
                continue
            path = Path(file.abs_src_path)
            if not path.is_relative_to(docs_dir):
                continue
            rel = os.path.relpath(path, self.project_dir)
            if file.is_documentation_page():
                refused = refusal(path, rel, self.project_dir)
            elif not path.resolve().is_relative_to(self.project_dir):
                refused = Problem(rel, 1, "the file is a link to a place outside the project: refused")
            else:
                refused = None
            if refused is not None:
                problems.append(refused)
        return problems

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.renderer is not None and self.portal is not None
        refused = self.files_outside_project(files, Path(config.docs_dir), config.theme.custom_dir)
        if refused:
            raise PluginError("cxportal will not publish these files:\n" + report(refused))
        self.use_translated_docs(files, config)
        self.drop_pages_of_other_languages(files)
        author_pages = [f.src_uri for f in files.documentation_pages() if not _is_translation(f.src_uri, files)]
        pages = list(GeneratedPages(self.renderer, self.budgets, self.content_dir))
        generated: list[tuple[File, Callable[[], str]]] = []
        for page in pages:
            existing = files.get_file_from_path(page.src)
            if existing is not None:
                files.remove(existing)
            # Meeting cards and path pages are reached from their playbook or role, not the navigation:
            # say so, or every build lists them in a long "not included in the nav" notice.
            inclusion = InclusionLevel.NOT_IN_NAV if page.src.endswith(OFF_NAV) else InclusionLevel.UNDEFINED
            if page.render is None:
                files.append(File.generated(config, page.src, abs_src_path=str(page.file), inclusion=inclusion))
            else:
                file = File.generated(config, page.src, content="", inclusion=inclusion)
                files.append(file)
                generated.append((file, page.render))
        # Every URL the renderer writes from now on is MkDocs' own (use_directory_urls or not).
        self.files = files
        self.renderer.url_for = self.file_url
        failures = []
        for file, render in generated:
            try:
                file.content_string = render()
            except Exception as error:  # noqa: BLE001 - a broken (overridden) template is a problem, not a traceback
                failures.append(template_problem(error, self.project_dir, file.src_uri))
        if failures:
            raise PluginError("cxportal could not render the generated pages:\n" + report(failures))
        for asset in sorted(ASSETS.rglob("*")):
            if asset.is_file() and (self.command == "serve" or asset.name not in SERVE_ONLY_ASSETS):
                src = ASSET_PREFIX + asset.relative_to(ASSETS).as_posix()
                files.append(File.generated(config, src, abs_src_path=str(asset)))
        self.links.other_urls = {f.url for f in files if not f.is_documentation_page()}
        for item in self.portal.items.values():
            self.links.other_urls |= {f"go/{variant}/" for variant in (item.code.lower(), item.code.upper())}
        if self.config.navigation:
            generated_src = {p.src for p in pages}
            hand_written = [p for p in author_pages if p not in generated_src]
            placement, order = self.nav_placement(hand_written, Path(config.docs_dir))
            nav = build_nav(
                self.portal,
                sorted(hand_written, key=lambda src: (order.get(src, 0), src)),
                kind_titles={k: self.renderer.kind_title(k) for k in self.renderer.kinds},
                label=self.nav_label,
                lang=self.lang,
                placement=placement,
            )
            config.nav = merge_nav(config.nav, nav) if config.nav else nav
        files.append(File.generated(config, ASSET_PREFIX + "strings.js", content=self.strings.browser_module()))
        files.append(File.generated(config, ASSET_PREFIX + "acknowledge.json", content=self.acknowledge_json()))
        return files

    def acknowledge_json(self) -> str:
        """The playbooks that ask readers to confirm them, for the home page and the manager view (progress.js)."""
        assert self.portal is not None and self.renderer is not None
        asked = [
            {
                "id": p.id,
                "title": self.portal.playbooks[p.id].title,  # in this site's language
                "url": self.renderer.url_for(playbook_src(p.id)),
                "versions": list(p.acknowledged_versions()),
            }
            for p in sorted(self.original_playbooks.values(), key=lambda p: p.id)
            if p.acknowledge and p.id in self.portal.playbooks
        ]
        return json.dumps(asked, ensure_ascii=False)

    def nav_placement(self, pages: list[str], docs_dir: Path) -> tuple[dict[str, str], dict[str, int]]:
        """Each hand-written page's `cx_nav:` section and `cx_nav_order:` from its (original's) front matter."""
        placement: dict[str, str] = {}
        order: dict[str, int] = {}
        for src in pages:
            path = docs_dir / src
            try:
                text = path.read_text("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            if "cx_nav" not in text:
                continue
            _body, meta = front_matter_of(text)
            section = meta.get("cx_nav")
            if section is None:
                continue
            if section not in NAV_SECTIONS:
                line = next((i + 1 for i, row in enumerate(text.splitlines()) if row.startswith("cx_nav:")), 1)
                origin = self.origin_of(str(path))
                hint = closest(str(section), NAV_SECTIONS)
                self.page_problems.append(
                    Problem(
                        origin, line, f"cx_nav: no navigation section '{section}' (use {', '.join(NAV_SECTIONS)})", hint
                    )
                )
                continue
            placement[src] = str(section)
            if isinstance(meta.get("cx_nav_order"), int):
                order[src] = meta["cx_nav_order"]
        return placement, order

    def file_url(self, src: str) -> str:
        """The site URL MkDocs gives the page built from `src` (relative to docs_dir)."""
        file = self.files.get_file_from_path(src) if self.files is not None else None
        return file.url if file is not None else self.fallback_url(src)

    def fallback_url(self, src: str) -> str:
        return page_url(src, self.use_directory_urls)

    def drop_pages_of_other_languages(self, files: Files) -> None:
        """Hand-written pages whose front matter limits them to other languages (`languages: [en]`)."""
        for file in list(files.documentation_pages()):
            if file.abs_src_path and file.generated_by is None:
                only = page_languages(Path(file.abs_src_path))
                if only is not None and self.lang not in only:
                    files.remove(file)

    def use_translated_docs(self, files: Files, config: MkDocsConfig) -> None:
        """Serve docs/<name>.<lang>.md at the URL of docs/<name>.md in that language's site; never as pages of their own."""
        self.translated_docs = set()
        for file in list(files):
            found = translated_name(file.src_uri, self.languages[1:])
            if found is None:
                continue
            files.remove(file)
            original_uri, lang = found
            if lang != self.lang or file.abs_src_path is None:
                continue
            original = files.get_file_from_path(original_uri)
            if original is not None:
                files.remove(original)
                if original.abs_src_path:
                    report_ = TranslationReport()
                    check_docs_page(
                        Path(original.abs_src_path), Path(file.abs_src_path), self.origin_of(file.abs_src_path), report_
                    )
                    self.page_problems += report_.problems
            files.append(File.generated(config, original_uri, abs_src_path=file.abs_src_path))
            self.translated_docs.add(original_uri)

    # Pages -----------------------------------------------------------------

    @event_priority(100)  # before mkdocs-macros, which would otherwise render a title containing '{{'
    def _on_page_markdown_escape_meta(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Front-matter values that MkDocs and Material print as HTML become escaped text.

        Titles are HTML to MkDocs (they go into <title>, the header, the navigation and the
        search index unescaped), and description and author go into attributes. Braces
        become entities too, so mkdocs-macros never evaluates a title.
        """
        if self.front_matter_problems(page, config):
            page.meta.clear()  # an alias bomb must not reach mkdocs-macros, which prints the meta it gets
        for key in ("title", "description", "author"):
            value = page.meta.get(key)
            if value is not None and not isinstance(value, (dict, list)):
                page.meta[key] = title_html(value)
        return self.expand_portal_calls(markdown, page, config)

    def expand_portal_calls(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        """Expands a page's macro calls here when they are all literal calls of the portal's macros.

        Jinja would give the same text, at the cost of compiling every page as a template
        (the largest part of the macros' cost). The page is then marked `render_macros: false`
        so mkdocs-macros leaves it alone. Any other Jinja syntax, an author's macro or
        pre-macro hook, or mkdocs-macros' opt-in mode leaves the page to Jinja.
        """
        if page.meta.get("render_macros") is False or not self.macro_functions:
            return markdown
        macros_plugin = config.plugins.get("macros")
        if macros_plugin is None:
            env, functions = self.macro_env, self.macro_functions
        else:
            env = getattr(macros_plugin, "env", None)
            if macros_plugin.config.get("render_by_default") is False or getattr(
                macros_plugin, "pre_macro_functions", None
            ):
                return markdown
            registered = getattr(macros_plugin, "macros", None) or {}
            # An author's macro of the same name replaces the portal's: only the portal's own are called
            # here, and the project's own that say they depend on nothing but their arguments (api.fast).
            functions = {name: f for name, f in self.macro_functions.items() if registered.get(name) is f}
            functions |= {name: _fallible(f) for name, f in registered.items() if is_fast(f) and name not in functions}
        if env is None or env.variable_start_string != "{{" or env.variable_end_string != "}}":
            return markdown
        try:
            expanded = expand_simple_calls(
                markdown, functions, (env.block_start_string, env.comment_start_string), self.at_fast_call
            )
        except _ProjectMacroFailed as failed:
            # mkdocs-macros runs the page again and reports the failure the way it reports any macro's.
            log.info(f"cxportal: {self.origin(page)} is left to mkdocs-macros: {failed}")
            return markdown
        if expanded is None:
            return markdown
        page.meta["render_macros"] = False
        return expanded

    def at_fast_call(self, line: int | None) -> None:
        self.fast_call_line = line

    def front_matter_problems(self, page: Page, config: MkDocsConfig) -> bool:
        """A hand-written page's front matter, read by the portal's own parser: bounded and line-exact."""
        source = page.file.abs_src_path
        if not source or not Path(source).resolve().is_relative_to(Path(config.docs_dir).resolve()):
            return False  # playbooks were checked when the content was loaded; generated pages are ours
        lines = self.origin_text(page).split("\n")
        if not lines or lines[0].strip() != "---":
            return False
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is None:
            return False
        _data, problems = parse_yaml("\n".join(lines[1:end]), self.origin(page), first_line=2)
        self.page_problems += problems
        return bool(problems)

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        self.current_page = page  # the macros link relative to the page being built
        return page

    @event_priority(-100)  # after mkdocs-macros has expanded the macros
    def _on_page_markdown_rewrite(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.macro_env is not None and page.meta.get("render_macros", True) is not False:
            offset = front_matter_lines(self.origin_text(page).splitlines())
            markdown, problems = expand_macros(self.macro_env, markdown, self.origin(page), offset)
            self.page_problems += problems
        if MACRO_ERROR.search(markdown):
            names = macro_names(config)
            self.page_problems += MacroErrorScanner(self.origin(page), self.origin_text(page), names).scan(markdown)
        assert self.portal is not None and self.renderer is not None
        if page.file.src_uri.startswith("playbooks/"):
            page.meta.setdefault("cx_playbook", page.meta.get("id"))
            self.fill_translated_meta(page)
            if page.meta.get("cx_playbook"):
                # The partial links the meeting card by MkDocs' own URL (use_directory_urls or not).
                page.meta["cx_card_url"] = self.renderer.url_for(card_src(str(page.meta["cx_playbook"])))
            asked = self.original_playbooks.get(str(page.meta.get("cx_playbook")))
            if asked is not None and asked.acknowledge:
                # The versions whose confirmation still counts; progress.js asks for the first.
                page.meta["cx_ack"] = " ".join(asked.acknowledged_versions())
            playbook = self.portal.playbooks.get(str(page.meta.get("id")))
            if playbook is not None:
                page.meta.setdefault("duration", playbook.duration)  # computed when the author left it out
                if playbook.sources:
                    # str(): concatenating plain Markdown with Markup would escape the Markdown.
                    markdown = markdown.rstrip("\n") + "\n\n" + str(self.renderer.sources(playbook))
        elif page.file.src_uri.startswith("activities/"):
            activity = self.portal.activities.get(str(page.meta.get("id")))
            if activity is not None:
                markdown = _after_title(markdown, str(self.renderer.activity_meta(activity, page.url)))
        return self.fallback_note(page) + markdown + self.abbreviations.for_page(markdown)

    def fill_translated_meta(self, page: Page) -> None:
        """A translated playbook shows its original's version, review date and owner when it does not repeat them."""
        assert self.portal is not None
        playbook = self.portal.playbooks.get(str(page.meta.get("cx_playbook")))
        if playbook is not None:
            for key in ("version", "reviewed", "owner", "duration"):
                page.meta.setdefault(key, getattr(playbook, key))

    def nav_label(self, key: str) -> str:
        """A navigation label (`nav.<key>`) from the catalogue of the language being built."""
        return self.strings("nav." + key)

    def fallback_note(self, page: Page) -> str:
        """A note in the reader's language on an author's page shown in English because it has no translation."""
        source = page.file.abs_src_path
        if self.lang == self.main_lang or not source or source.endswith(f".{self.lang}.md"):
            return ""  # the main language, a generated page (it says so itself), or a translation
        return fallback_html(self.strings, self.strings("fallback.page")) + "\n\n"

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        expose_portal_main(env)
        # The theme's templates do not change during a build: no file check per include, and
        # the compiled code is shared with the other languages' builds and serve's rebuilds.
        env.auto_reload = False
        env.bytecode_cache = TEMPLATE_CODE
        # Interface strings for the theme's partials (version line, print footer, language switcher).
        env.globals["ui"] = self.strings
        env.globals["cx_lang"] = self.lang
        # `cxportal serve` and `mkdocs serve`: live reload from a file the Content-Security-Policy allows.
        env.globals["cx_live_reload"] = self.command == "serve"
        search = config.plugins.get("material/search") or config.plugins.get("search")
        pipeline = getattr(getattr(search, "config", None), "pipeline", None) or []
        env.globals["cx_stemmed_search"] = "stemmer" in pipeline
        env.filters["cx_date"] = self.strings.date
        return env

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        # The language switcher leads to this same page in every language (Material's extra.alternate).
        if len(self.languages) > 1:
            only = page.meta.get("languages")
            only = [only] if isinstance(only, str) else only if isinstance(only, list) else None
            config.extra["alternate"] = alternates(self.languages, self.main_lang, self.lang, page.url, only)
        return context

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        html = self.html_stash.restore(html)  # the finished blocks Markdown did not need to parse
        html = untitled_interpretations(html, self.strings("interpretation.title"))
        self.links.add_page(page_links(page.url, self.origin(page), html))
        return html

    def link_problems(self) -> list[Problem]:
        """Links on any page, and short links, that lead to no page or no anchor."""
        assert self.portal is not None and self.renderer is not None
        for item in self.portal.items.values():
            playbook = self.portal.playbooks[item.playbook_id]
            target = self.renderer.url_for(f"playbooks/{item.playbook_id}.md")
            text = self.origin_text_of(playbook.source.path)
            self.links.add_page(
                PageLinks(
                    f"go/{item.code.lower()}/", playbook.source.path, text, ["../../" + target + "#" + item.anchor]
                )
            )
        return self.links.broken()

    on_page_markdown = CombinedEvent(_on_page_markdown_escape_meta, _on_page_markdown_rewrite)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = label_unnamed_controls(apply_policy(output, page.content), self.strings)
        if len(self.languages) > 1 and isinstance(config.extra.get("alternate"), list):
            output = fix_head_alternates(output, config.extra["alternate"], page)
        if self.config.intranet_check:
            shell = (str(page.meta.get("template", "")), bool(page.meta.get("cx_playbook")))
            for url in self.intranet.loads(output, page.content or "", shell):
                log.warning(f"{page.file.src_uri}: loads {url} from another host; the portal must work on the intranet")
        return output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The theme's own pages (404.html) get the same accessible names as every other page."""
        return (
            label_unnamed_controls(output_content, self.strings) if template_name.endswith(".html") else output_content
        )

    def origin_of(self, abs_path: str) -> str:
        try:
            return str(Path(abs_path).resolve().relative_to(self.project_dir))
        except ValueError:
            return abs_path

    def origin(self, page: Page) -> str:
        """The author's file behind a page, relative to the project (docs/… or playbooks/…)."""
        if page.file.abs_src_path:
            try:
                return str(Path(page.file.abs_src_path).resolve().relative_to(self.project_dir))
            except ValueError:
                return page.file.abs_src_path
        return page.file.src_uri

    def origin_text_of(self, origin: str) -> str:
        try:
            return (self.project_dir / origin).read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return ""

    def origin_text(self, page: Page) -> str:
        path = self.project_dir / self.origin(page)
        try:
            return path.read_text("utf-8-sig")  # a byte-order mark is not a line
        except (OSError, UnicodeDecodeError):
            return page.markdown or ""

    def record(self, page: Page | None, problem_at: str, message: str, hint: str | None = None) -> None:
        """Called by macros: remember a problem at the line where `problem_at` is written."""
        if page is None:
            self.page_problems.append(Problem("(unknown page)", 1, message, hint))
            return
        origin = self.origin(page)
        lines = self.origin_text(page).splitlines()
        at = macro_call_line() or self.fast_call_line
        if at is not None:
            line = at + front_matter_lines(lines)
        else:  # not called from a page's Markdown: the first macro call that mentions it
            line = next((i + 1 for i, row in enumerate(lines) if problem_at in row and "{{" in row), 1)
        self.page_problems.append(Problem(origin, line, message, hint))

    # Finish ----------------------------------------------------------------

    @event_priority(-100)  # last: every other plugin has written its files into the (staged) site
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.page_problems:
            problems, self.page_problems = self.page_problems, []
            self.discard_staging()
            raise PluginError("cxportal found problems in the pages:\n" + report(problems))
        assert self.portal is not None and self.renderer is not None
        self.renderer.stash = None  # every page is built: exports and short links get plain HTML
        write_short_links(self.portal, self.renderer, Path(config.site_dir))
        if self.config.exports:
            self.write_exports(Path(config.site_dir))
        for problem in self.link_problems():
            log.warning(str(problem))  # a warning, so --strict fails and a plain build still shows the site
        if extra_language() is None and len(self.languages) > 1:
            if self.command == "build":
                self.release_pages(config)
            # Every other language's site inside this one (and so inside the staging folder the swap moves).
            for lang in self.languages[1:]:
                build_language(
                    config.config_file_path,
                    Path(config.site_dir) / lang,
                    lang,
                    strict=bool(config.strict),
                    command="serve" if self.command == "serve" else "build",
                )
        if self.staged is not None:
            if self.staged.failed_strict(config):
                return  # MkDocs aborts the strict build next; the old site stays
            self.staged.swap()
            config.site_dir = str(self.staged.target)
            self.staged = None

    def release_pages(self, config: MkDocsConfig) -> None:
        """Lets go of this site's page texts, which are written out, before the next language's build.

        MkDocs holds every page's Markdown and HTML until the build ends, and the search
        plugin every page's text; the nested build of the next language would otherwise
        pile its own on top and nearly double the peak memory. This runs after every other
        plugin's post-build (the search index is written by then), and only for `build`:
        `serve` reuses a finished build.
        """
        for file in self.files or ():
            page = file.page
            if page is not None:
                page.markdown = page.content = None
                page.toc = get_toc([])  # the table of contents is written into the page too
            if file.generated_by is not None and file.is_documentation_page():
                file.content_string = ""
        for plugin in config.plugins.values():
            index: Any = getattr(plugin, "search_index", None)
            if isinstance(getattr(index, "entries", None), list):
                index.entries = []
        self.html_stash.blocks.clear()
        if self.renderer is not None:
            self.renderer.forget_rendered()
        self.links = LinkChecker(self.origin_text_of)
        gc.collect()  # pages and navigation refer to each other: free the cycles before the next build

    def write_exports(self, site_dir: Path) -> None:
        """The LMS files into exports/ of the site being built, beside the pages they come from."""
        assert self.renderer is not None
        # Imported here: most builds write no exports, and every build would pay for the import.
        from ..export import write_exports
        from ..export.scorm import ExportError

        try:
            written, notes = write_exports(
                self.renderer,
                site_dir,
                site_dir / "exports",
                self.config.exports,
                use_directory_urls=self.use_directory_urls,
            )
        except ExportError as error:
            raise PluginError(f"cxportal could not write the LMS exports: {error}") from None
        # The role pages link to these files: the link check must know they exist.
        self.links.other_urls |= {path.relative_to(site_dir).as_posix() for path in written}
        # What a format cannot keep is information for administrators, not a fault of the build.
        for note in notes:
            log.info(f"export: {note}")
        log.info(f"cxportal: wrote {len(written)} LMS file(s) to exports/")

    def on_build_error(self, *, error: Exception) -> None:
        self.discard_staging()

    def on_shutdown(self) -> None:
        self.discard_staging()

    def discard_staging(self) -> None:
        if self.staged is not None:
            self.staged.discard()
            self.staged = None


def written_site_url(config: MkDocsConfig, command: str) -> str:
    """The site_url mkdocs.yml gives (MkDocs' own reader: !ENV tags and INHERIT count).

    `mkdocs serve` and `cxportal serve` replace config.site_url with their own address, and only
    for the main language's build: a printed card or a copied citation must name the real site
    in every language, whichever command built it.
    """
    if command == "serve" and config.config_file_path:
        try:
            with open(config.config_file_path, encoding="utf-8") as file:
                written = yaml_load(file).get("site_url")
        except Exception:  # noqa: BLE001 - MkDocs has read the file once already; its address is the fallback
            written = None
        if written:
            return str(written)
    return config.site_url or ""


def _is_translation(src: str, files: Files) -> bool:
    """`page.ru.md` beside `page.md` is a translation of it, not another page for the navigation."""
    stem, dot, lang = src[:-3].rpartition(".")
    return bool(dot) and 2 <= len(lang) <= 5 and files.get_file_from_path(stem + ".md") is not None


class _YieldingMacros(dict):
    """The portal's macros as mkdocs-macros registers them: without those the project's module defines."""

    def __init__(self, functions: dict[str, Callable[..., str]], macros_plugin: Any) -> None:
        super().__init__(functions)
        self.macros_plugin = macros_plugin

    def items(self):  # noqa: ANN201 - read once, after the project's module is loaded
        own = getattr(self.macros_plugin, "macros", None) or {}
        for name in own:
            if name in self:
                log.info(f"cxportal: the project's macro '{name}' replaces the portal's")
        return [(name, function) for name, function in super().items() if name not in own]


class _ProjectMacroFailed(Exception):
    """A project's fast macro raised: the page goes to mkdocs-macros, which reports it as usual."""


def _fallible(function: Callable[..., Any]) -> Callable[..., Any]:
    """A project's macro for the fast path: any failure hands the page back to Jinja."""

    @functools.wraps(function)
    def call(*args: Any) -> Any:
        try:
            return function(*args)
        except Exception as error:  # noqa: BLE001 - mkdocs-macros reports it with the page
            raise _ProjectMacroFailed(f"{function.__name__}(): {type(error).__name__}: {error}") from error

    return call


def macro_names(config: MkDocsConfig) -> list[str]:
    """Every name a page may call or print: the macros, filters and variables mkdocs-macros knows."""
    macros = config.plugins.get("macros")
    names: list[str] = []
    for attribute in ("macros", "filters", "variables"):
        try:
            names += list(getattr(macros, attribute, None) or {})
        except Exception:  # noqa: BLE001 - a plugin version without the attribute
            continue
    return names


_UNTITLED_INTERPRETATION = re.compile(
    r'(<div class="admonition interpretation">\s*<p class="admonition-title">|<details class="interpretation"[^>]*>\s*<summary>)'
    r"Interpretation(</p>|</summary>)"
)


def untitled_interpretations(html: str, title: str) -> str:
    """An `!!! interpretation` box without a title of its own gets the catalogue's, the one the Sources note names."""
    if "interpretation" not in html:
        return html
    return _UNTITLED_INTERPRETATION.sub(lambda m: m[1] + escape(title) + m[2], html)


def _after_title(markdown: str, html: str) -> str:
    """`html` inserted under the page's own `# Title` when it has one, else at the top."""
    lines = markdown.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and lines[first].startswith("# "):
        return "\n".join(lines[: first + 1] + ["", html] + lines[first + 1 :])
    return html + "\n" + markdown
