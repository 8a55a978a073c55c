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
from ..model import Portal
from ..problems import Problem, report
from ..project import load_project
from ..render import Renderer
from .accessibility import label_unnamed_controls
from .cache import ContentCache
from .config import CxPortalConfig
from .glossary import Abbreviations
from .intranet import IntranetGuard
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
        self.abbreviations = Abbreviations(())
        self.content_cache: ContentCache[tuple[Portal, list[Problem]]] = ContentCache()
        self.intranet = IntranetGuard()

    # Startup and configuration ---------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(100)  # before mkdocs-macros, whose define_env needs the loaded portal
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project_dir = Path(config.config_file_path).parent.resolve()
        self.content_dir = self.project_dir / self.config.content_dir
        self.page_problems = []
        check_macros_module(config, self.project_dir)

        budgets = {"onboarding": self.config.budgets.onboarding, "refresher": self.config.budgets.refresher}
        def load() -> tuple[Portal, list[Problem]]:
            return load_project(self.project_dir, self.config.content_dir, budgets)

        # `serve` rebuilds after every edit; content nobody changed is not loaded and validated again.
        cached = self.command == "serve"
        portal, problems = (
            self.content_cache.get(self.content_dir, tuple(budgets.items()), load) if cached else load()
        )
        if problems:
            raise PluginError("cxportal found problems in the content:\n" + report(problems))
        self.portal = portal
        self.budgets = budgets
        self.renderer = Renderer(
            portal,
            site_name=config.site_name,
            site_url=config.site_url or "",
            version=self.config.version or str(config.extra.get("version", "")) or __version__,
        )
        config.extra.setdefault("cxportal", {})
        config.extra["cxportal"].update(version=self.renderer.version, site_url=config.site_url or "")
        # Glossary terms as Markdown abbreviations: hover definitions wherever a page uses a term.
        self.abbreviations = Abbreviations(portal.glossary)
        self.intranet = IntranetGuard()
        if self.config.navigation and not config.nav:
            config.nav = build_nav(portal, Path(config.docs_dir))
        if self.command == "serve":
            config.watch.append(str(self.content_dir))
        if self.config.atomic and self.command == "build":
            self.staged = StagedSite(Path(config.site_dir))
            config.site_dir = str(self.staged.staging)
        return config

    # Files -----------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.renderer is not None
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
        return files

    # Pages -----------------------------------------------------------------

    @event_priority(-100)  # after mkdocs-macros has expanded the macros
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if MACRO_ERROR.search(markdown):
            self.page_problems += MacroErrorScanner(self.origin(page), self.origin_text(page)).scan(markdown)
        if page.file.src_uri.startswith("playbooks/"):
            page.meta.setdefault("cx_playbook", page.meta.get("id"))
        return rewrite_item_headings(markdown) + self.abbreviations.for_page(markdown)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = label_unnamed_controls(output)
        if self.config.intranet_check:
            shell = (str(page.meta.get("template", "")), bool(page.meta.get("cx_playbook")))
            for url in self.intranet.loads(output, page.content or "", shell):
                log.warning(f"{page.file.src_uri}: loads {url} from another host; the portal must work on the intranet")
        return output

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

