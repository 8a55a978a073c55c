"""The `cxportal` MkDocs plugin.

Events, each doing one job:
- on_startup: remember whether this is `build` or `serve`.
- on_config: check the macros module imports, load and validate all content
  (stop with every problem listed), build the navigation, stage the site folder.
- on_files: add the generated pages and the portal's assets.
- on_page_markdown (after mkdocs-macros): turn item headings into anchored,
  badged headings; record macro problems with their file and line.
- on_post_build: write short links, then swap the staged site into place.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .. import __version__
from ..i18n import Strings, is_language_tag
from ..model import DEFAULT_LANG, Portal
from ..problems import Problem, report
from ..project import load_project
from ..render import Renderer, fallback_html
from ..translations import TranslationReport, check_docs_page, localize
from .accessibility import label_unnamed_controls
from .config import CxPortalConfig
from .intranet import external_loads
from .languages import alternates, build_language, extra_language, lunr_languages, translated_name
from .macros_check import check_macros_module
from .markdown import MACRO_ERROR, MacroErrorScanner, rewrite_item_headings
from .navigation import build_nav
from .pages import GeneratedPages
from .shortlinks import write_short_links
from .staging import StagedSite

log = logging.getLogger("mkdocs.plugins.cxportal")
ASSETS = Path(__file__).parent.parent / "assets"
ASSET_PREFIX = "assets/cxportal/"


class CxPortalPlugin(BasePlugin[CxPortalConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.portal: Portal | None = None
        self.renderer: Renderer | None = None
        self.project_dir = Path.cwd()
        self.content_dir = self.project_dir / "playbooks"
        self.staged: StagedSite | None = None
        self.page_problems: list[Problem] = []
        self.abbreviations = ""
        self.main_lang = self.lang = DEFAULT_LANG
        self.languages: list[str] = [DEFAULT_LANG]
        self.strings = Strings()
        self.translated_docs: set[str] = set()

    # Startup and configuration ---------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(100)  # before mkdocs-macros, whose define_env needs the loaded portal
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project_dir = Path(config.config_file_path).parent.resolve()
        self.content_dir = self.project_dir / self.config.content_dir
        self.page_problems = []
        check_macros_module(config, self.project_dir)

        self.setup_language(config)
        budgets = {"onboarding": self.config.budgets.onboarding, "refresher": self.config.budgets.refresher}
        portal, problems = load_project(self.project_dir, self.config.content_dir, budgets)
        if problems:
            raise PluginError("cxportal found problems in the content:\n" + report(problems))
        if extra_language() is None:
            for warning in portal.warnings:  # reported once, by the main language's build
                log.warning(str(warning))
        portal = localize(portal, self.lang)
        self.portal = portal
        self.budgets = budgets
        self.renderer = Renderer(
            portal,
            site_name=config.site_name,
            site_url=config.site_url or "",
            version=self.config.version or str(config.extra.get("version", "")) or __version__,
            lang=self.lang,
            strings=self.strings,
        )
        config.extra.setdefault("cxportal", {})
        config.extra["cxportal"].update(version=self.renderer.version, site_url=config.site_url or "")
        # Glossary terms as Markdown abbreviations: hover definitions on every page.
        self.abbreviations = "".join(
            f"\n*[{t.term}]: {' '.join(t.definition.get(self.lang).split())}" for t in portal.glossary
        )
        if self.abbreviations:
            self.abbreviations = "\n" + self.abbreviations
        if self.config.navigation and not config.nav:
            config.nav = build_nav(portal, Path(config.docs_dir), self.strings)
        if self.command == "serve":
            config.watch.append(str(self.content_dir))
        if self.config.atomic and self.command == "build" and extra_language() is None:
            self.staged = StagedSite(Path(config.site_dir))
            config.site_dir = str(self.staged.staging)
        return config

    def setup_language(self, config: MkDocsConfig) -> None:
        """The language this build renders, its strings, and what Material and search need to follow it."""
        self.main_lang = str(config.theme.get("language") or DEFAULT_LANG)
        self.lang = extra_language() or self.main_lang
        self.languages = [self.main_lang] + [lang for lang in self.config.languages if lang != self.main_lang]
        for lang in self.languages:
            if not is_language_tag(lang):
                raise PluginError(f"cxportal: '{lang}' in languages is not a language code such as ru, uk or pt-BR")
        self.strings = Strings(self.lang, (self.project_dir / self.config.strings_dir,))
        if self.lang != self.main_lang:
            config.theme["language"] = self.lang
            if config.site_url:
                config.site_url = config.site_url.rstrip("/") + f"/{self.lang}/"
            search = config.plugins.get("material/search") or config.plugins.get("search")
            if search is not None and hasattr(search.config, "lang"):
                search.config.lang = lunr_languages(search.config.lang, self.lang)
                if search.config.pipeline is None and search.config.lang[0] == self.lang:
                    # Material's default keeps only the stop-word filter; «клиентов» must find «клиента».
                    search.config.pipeline = ["trimmer", "stopWordFilter", "stemmer"]
        if len(self.languages) > 1:
            config.extra["alternate"] = alternates(self.languages, self.main_lang, self.lang, "")

    # Files -----------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.renderer is not None
        self.use_translated_docs(files, config)
        for src, content in GeneratedPages(self.renderer, self.budgets, self.content_dir):
            if files.get_file_from_path(src) is not None:
                files.remove(files.get_file_from_path(src))
            if isinstance(content, Path):
                files.append(File.generated(config, src, abs_src_path=str(content)))
            else:
                files.append(File.generated(config, src, content=content))
        for asset in sorted(ASSETS.rglob("*")):
            if asset.is_file():
                src = ASSET_PREFIX + asset.relative_to(ASSETS).as_posix()
                files.append(File.generated(config, src, abs_src_path=str(asset)))
        files.append(File.generated(config, ASSET_PREFIX + "strings.js", content=self.strings.browser_module()))
        return files

    def use_translated_docs(self, files: Files, config: MkDocsConfig) -> None:
        """Serve docs/<name>.<lang>.md at the URL of docs/<name>.md in that language's site; never as pages of their own."""
        self.translated_docs: set[str] = set()
        for file in list(files):
            found = translated_name(file.src_uri, self.languages[1:])
            if found is None:
                continue
            files.remove(file)
            original_uri, lang = found
            if lang != self.lang:
                continue
            original = files.get_file_from_path(original_uri)
            if original is not None:
                files.remove(original)
                if original.abs_src_path and file.abs_src_path:
                    report_ = TranslationReport()
                    check_docs_page(Path(original.abs_src_path), Path(file.abs_src_path),
                                    self.origin_of(file.abs_src_path), report_)
                    self.page_problems += report_.problems
            files.append(File.generated(config, original_uri, abs_src_path=file.abs_src_path))
            self.translated_docs.add(original_uri)

    # Pages -----------------------------------------------------------------

    @event_priority(-100)  # after mkdocs-macros has expanded the macros
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if MACRO_ERROR.search(markdown):
            self.page_problems += MacroErrorScanner(self.origin(page), self.origin_text(page)).scan(markdown)
        if page.file.src_uri.startswith("playbooks/"):
            page.meta.setdefault("cx_playbook", page.meta.get("id"))
            self.fill_translated_meta(page)
        return self.fallback_note(page) + rewrite_item_headings(markdown) + self.abbreviations

    def fill_translated_meta(self, page: Page) -> None:
        """A translated playbook shows its original's version, review date and owner when it does not repeat them."""
        assert self.portal is not None
        playbook = self.portal.playbooks.get(str(page.meta.get("cx_playbook")))
        if playbook is not None:
            for key in ("version", "reviewed", "owner", "duration"):
                page.meta.setdefault(key, getattr(playbook, key))

    def fallback_note(self, page: Page) -> str:
        """A note in the reader's language on an author's page shown in English because it has no translation."""
        if self.lang == self.main_lang or not page.file.abs_src_path or page.file.src_uri in self.translated_docs:
            return ""
        assert self.portal is not None
        if page.file.src_uri.startswith("playbooks/"):
            playbook = self.portal.playbooks.get(str(page.meta.get("cx_playbook")))
            if playbook is None or playbook.lang == self.lang:
                return ""
        return fallback_html(self.strings, self.strings("fallback.page")) + "\n\n"

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # Interface strings for the theme's partials (version line, print footer, language switcher).
        env.globals["ui"] = self.strings
        env.globals["cx_lang"] = self.lang
        search = config.plugins.get("material/search") or config.plugins.get("search")
        pipeline = getattr(getattr(search, "config", None), "pipeline", None) or []
        env.globals["cx_stemmed_search"] = "stemmer" in pipeline
        env.filters["cx_date"] = self.strings.date
        return env

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        # The language switcher leads to this same page in every language (Material's extra.alternate).
        if len(self.languages) > 1:
            config.extra["alternate"] = alternates(self.languages, self.main_lang, self.lang, page.url)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = label_unnamed_controls(output)
        if self.config.intranet_check:
            for url in external_loads(output):
                log.warning(f"{page.file.src_uri}: loads {url} from another host; the portal must work on the intranet")
        return output

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

    def origin_text(self, page: Page) -> str:
        path = self.project_dir / self.origin(page)
        try:
            return path.read_text("utf-8")
        except OSError:
            return page.markdown or ""

    def record(self, page: Page | None, problem_at: str, message: str, hint: str | None = None) -> None:
        """Called by macros: remember a problem at the line where `problem_at` is written."""
        if page is None:
            self.page_problems.append(Problem("(unknown page)", 1, message, hint))
            return
        origin = self.origin(page)
        text = self.origin_text(page)
        line = next((i + 1 for i, row in enumerate(text.splitlines()) if problem_at in row), 1)
        self.page_problems.append(Problem(origin, line, message, hint))

    # Finish ----------------------------------------------------------------

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.page_problems:
            problems, self.page_problems = self.page_problems, []
            self.discard_staging()
            raise PluginError("cxportal found problems in the pages:\n" + report(problems))
        assert self.portal is not None and self.renderer is not None
        write_short_links(self.portal, self.renderer, Path(config.site_dir))
        if extra_language() is None:
            # Every other language's site inside this one (and so inside the staging folder the swap moves).
            for lang in self.languages[1:]:
                build_language(config.config_file_path, Path(config.site_dir) / lang, lang,
                               strict=bool(config.strict), command=self.command)
        if self.staged is not None:
            if self.staged.failed_strict(config):
                return  # MkDocs aborts the strict build next; the old site stays
            self.staged.swap()
            config.site_dir = str(self.staged.target)
            self.staged = None

    def on_build_error(self, *, error: Exception) -> None:
        self.discard_staging()

    def on_shutdown(self) -> None:
        self.discard_staging()

    def discard_staging(self) -> None:
        if self.staged is not None:
            self.staged.discard()
            self.staged = None

