"""`cxportal serve`: MkDocs' development server, rebuilding only the pages an edit affects.

MkDocs' own `serve` builds the whole project again after every edit: both languages, every
page. This server keeps the last complete build of each language in memory (its configuration,
files, navigation, theme environment, plugins and search index) and, when an author edits the
text of a playbook or a page in docs/, runs MkDocs' own page pipeline (read, plugins' Markdown
events, render, plugins' content events, theme template) for that page alone, in each language
whose site is built from the edited file. Then it checks every page's links again (an edit may
remove an anchor another page links to) and writes the page and its site's complete search index.

Anything else builds everything, as MkDocs does:
- a file added or deleted; mkdocs.yml, YAML content, strings, the theme or anything outside
  docs/ and the content folder; a Markdown file no page is built from (it may be included);
- an edit that changes what other pages show: the content (playbooks' front matter, codes,
  item headings, anchors, computed durations) is loaded and validated again and compared with
  the last build's, line numbers and body text left out; a page whose title changes (the
  navigation of every page names it); a content problem that appears or disappears;
- projects that include files into pages (Jinja includes, pymdownx.snippets) or write LMS exports.

An edit to an item's first paragraph (its summary) also renders again the generated pages that
show summaries (the codes page, that playbook's meeting card, the role pages) and rebuilds those
whose Markdown changed.

Problems are reported as a full build reports them (file:line): errors keep the last good page
served; in strict mode, so does any warning (as `mkdocs build --strict` keeps the last good
site). A full build goes into a new folder, served only once it succeeded.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import posixpath
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..links import resolve
from ..loader import LoadedContent, _Reader, load_content, translation_lang
from ..model import Item, Playbook, Portal, Source
from ..problems import Problem, errors, report
from ..project import check_project
from ..structure import INDEX_SRC, card_src, role_src
from ..translations import TranslationReport, check_docs_page, localize
from . import compat, languages
from .pages import GeneratedPages

log = logging.getLogger("mkdocs.plugins.cxportal")
# How often the watcher looks at the files (MkDocs' default is 0.5 s, a third of the time budget).
POLLING_INTERVAL = 0.2
# Jinja includes (mkdocs-macros) pull one file into another page: an edit can show anywhere.
_INCLUDES = re.compile(r"{%-?\s*(?:include|import|from)\b")
# Content fields only the playbook's (or activity's) own page shows, and line numbers.
_OWN_PAGE_FIELDS = frozenset({"body", "body_line", "word_count", "field_lines", "anchor_lines"})


@dataclass
class Site:
    """One language's site of the last complete build, as MkDocs left it."""

    lang: str
    config: MkDocsConfig
    inclusion: Any = InclusionLevel.is_included
    files: Files | None = None
    nav: Navigation | None = None
    env: jinja2.Environment | None = None
    complete: bool = False

    @property
    def plugin(self) -> Any:
        return self.config.plugins["cxportal"]

    @property
    def search(self) -> Any:
        return self.config.plugins.get("material/search") or self.config.plugins.get("search")


class _Recorder(BasePlugin):
    """Keeps what MkDocs' build makes (files, navigation, environment) for single-page rebuilds."""

    def __init__(self, site: Site, server: PortalServer | None = None) -> None:
        super().__init__()
        self.site = site
        self.server = server

    @event_priority(1000)  # before cxportal reads the content
    def _on_config_first(self, config: MkDocsConfig) -> None:
        if self.server is not None:
            self.server.read_sources(config)

    @event_priority(-1000)  # after every plugin, which may add folders to watch
    def _on_config_last(self, config: MkDocsConfig) -> None:
        if self.server is not None:
            self.server.watch_more(config)

    on_config = CombinedEvent(_on_config_first, _on_config_last)

    @event_priority(-1000)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> None:
        self.site.nav, self.site.files = nav, files

    @event_priority(-1000)
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> None:
        self.site.env = env

    @event_priority(-1000)  # after the main site's cxportal has built the other languages
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.site.complete = True


class _Warnings(logging.Handler):
    """Counts the warnings of a rebuild (they are printed by MkDocs' own handler as usual)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class Changes:
    modified: set[str] = field(default_factory=set)
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.modified or self.added or self.removed)


@dataclass
class Plan:
    """What an edit needs rebuilt: pages per language, the new content, translated docs pages to check."""

    pages: dict[str, list[Page]]
    content: tuple[Portal, list[Problem]] | None = None
    docs_pairs: list[tuple[str, Path, Path]] = field(default_factory=list)
    generated: bool = False  # render the generated pages again and rebuild those that differ


def snapshot(roots: list[str]) -> dict[str, tuple[int, int]]:
    """(mtime in ns, size) of every file below `roots`, editors' hidden and backup files left out."""
    entries: dict[str, tuple[int, int]] = {}

    def add(path: str) -> None:
        try:
            stat = os.stat(path)
        except OSError:
            return
        entries[os.path.realpath(path)] = (stat.st_mtime_ns, stat.st_size)

    for root in roots:
        if os.path.isfile(root):
            add(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if not (name.startswith(".") or name.endswith(("~", ".swp", ".tmp"))):
                    add(os.path.join(dirpath, name))
    return entries


def changes(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> Changes:
    return Changes(
        modified={p for p in after.keys() & before.keys() if after[p] != before[p]},
        added=set(after.keys() - before.keys()),
        removed=set(before.keys() - after.keys()),
    )


def content_shape(value: Any, item_summaries: bool = True) -> Any:
    """The content as other pages see it: no body text, no word counts, no line numbers.

    Without `item_summaries`, also without the first paragraph of each item, which only generated
    pages show (the codes page, meeting cards, role pages): those are rendered again and compared.
    """
    if isinstance(value, Source):
        return value.path
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple(
                (f.name, content_shape(getattr(value, f.name), item_summaries))
                for f in dataclasses.fields(value)
                if f.name not in _OWN_PAGE_FIELDS and (item_summaries or f.name != "summary" or type(value) is not Item)
            ),
        )
    if isinstance(value, Mapping):
        return tuple((key, content_shape(item, item_summaries)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(content_shape(item, item_summaries) for item in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(content_shape(item, item_summaries)) for item in value))
    return value


def problem_keys(problems: list[Problem]) -> Counter[tuple[str, str, str, str | None]]:
    """The content's problems without their lines (an edit above a problem moves it)."""
    return Counter((p.path, p.message, p.severity, p.hint) for p in problems)


def render_page(page: Page, site: Site, doc_files: Sequence[Any]) -> str:
    """MkDocs' _build_page up to the output, without writing it (mkdocs/commands/build.py)."""
    config = site.config
    assert site.nav is not None and site.env is not None
    compat.set_current_page(config, page)
    try:
        page.active = True
        context = compat.get_context(site.nav, doc_files, config, page)
        template = site.env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=site.nav)
        if page.file.inclusion.is_excluded():
            page.content = (
                '<div class="mkdocs-draft-marker" title="This page will not be included into the built site.">'
                "DRAFT</div>" + (page.content or "")
            )
        output = template.render(context)
        return config.plugins.on_post_page(output, page=page, config=config)
    finally:
        page.active = False
        compat.set_current_page(config, None)


class PortalServer:
    """The development server: a full build first, then single pages where an edit allows it."""

    def __init__(self, config_file: str, dev_addr: str) -> None:
        self.config_file = config_file
        self.dev_addr = dev_addr
        self.root = Path(tempfile.mkdtemp(prefix="cxportal_serve_"))
        self.site_dir: Path | None = None  # the folder being served
        # The server's root: a link to site_dir, swapped in one step after a full build (see full_build).
        self.served = self.root / "served"
        self.sites: dict[str, Site] = {}  # the served build, main language first
        self.building: dict[str, Site] = {}
        self.caches: dict[str, dict[str, Any]] = {}  # plugin instances by language ("" for the main one)
        self.files: dict[str, tuple[int, int]] = {}  # the sources the served build was made from
        self.pending: dict[str, tuple[int, int]] = {}
        self.roots: list[str] = []  # what the snapshots cover: MkDocs' watched paths
        self.extra_roots: list[str] = []  # and those plugins add when the server starts
        self.content: tuple[Portal, list[Problem]] | None = None  # the served build's content
        self.loaded: LoadedContent | None = None  # and the files it was read from
        self.next_loaded: LoadedContent | None = None
        self.pending_loaded: LoadedContent | None = None
        self.generated = False
        self.includes = False
        self.builds = 0
        self.serve_url = ""
        self.server: LiveReloadServer | None = None

    # Serving ---------------------------------------------------------------

    def start(self) -> MkDocsConfig:
        """The first full build (raises like `mkdocs serve` when it fails); its configuration."""
        try:
            config = self.load_main(self.root / "site-0")
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)
            raise
        config.plugins.on_startup(command="serve", dirty=False)
        host, port = config.dev_addr
        config.site_url = self.serve_url = compat.serve_url(host, port, urlsplit(config.site_url or "/").path)
        languages.language_builder = self.build_language
        try:
            self.full_build(config, initial=True)
        except BaseException:
            self.close(config)
            raise
        return config

    def serve(self) -> None:
        config = self.start()
        try:
            host, port = config.dev_addr
            assert self.site_dir is not None
            server = LiveReloadServer(
                builder=self.rebuild,
                host=host,
                port=port,
                root=str(self.served),
                mount_path=urlsplit(self.serve_url).path,
                polling_interval=POLLING_INTERVAL,
            )
            server.error_handler = self.error_page
            self.server = server
            for path in self.roots:
                server.watch(path)
            server = config.plugins.on_serve(server, config=config, builder=self.rebuild)
            # Folders plugins asked to watch: a change there is a file this server did not know (a full build).
            self.extra_roots = [path for path in compat.watched_paths(server) if path not in self.roots]
            self.roots += self.extra_roots
            self.files.update(snapshot(self.extra_roots))
            try:
                server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                server.shutdown()
        finally:
            self.close(config)

    def close(self, config: MkDocsConfig) -> None:
        """Ends the plugins' run (MkDocs' on_shutdown) and removes the built sites."""
        languages.language_builder = None
        config.plugins.on_shutdown()
        for lang, cache in self.caches.items():
            for plugin in cache.values() if lang else ():
                if hasattr(plugin, "on_shutdown"):
                    plugin.on_shutdown()
        shutil.rmtree(self.root, ignore_errors=True)

    def error_page(self, code: int) -> bytes | None:
        page = (self.site_dir or self.root) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    def load_main(self, site_dir: Path) -> MkDocsConfig:
        # Plugin instances of this server's own (MkDocs keeps one set per process, reused by every build).
        with compat.plugin_instances(self.caches.setdefault("", {})):
            config = load_config(config_file=self.config_file, site_dir=str(site_dir), dev_addr=self.dev_addr)
        if self.serve_url:
            config.site_url = self.serve_url
        return config

    def rebuild(self) -> None:
        """The server's builder, after files changed: the affected pages, or everything."""
        current = snapshot(self.roots)
        found = changes(self.files, current)
        if not found:
            return  # an editor's second write of what the last rebuild read already
        try:
            plan = self.plan(found)
            if plan is not None:
                done = self.fast_build(plan)
                if done is not None:
                    if done:
                        self.files = current
                    return
        except Exception as error:  # noqa: BLE001 - the full build below reports what is wrong, or builds right
            # At INFO with the reason: an incompatible MkDocs, Material or mkdocs-macros shows here as
            # "every edit rebuilds everything", which must be visible, not only at debug level.
            log.info(f"cxportal: single-page rebuild fell back to a full build: {type(error).__name__}: {error}")
            log.debug("cxportal: the single-page rebuild's traceback", exc_info=True)
        self.full_build(self.load_main(self.root / f"site-{self.builds + 1}"))

    # Full builds -----------------------------------------------------------

    def full_build(self, config: MkDocsConfig, initial: bool = False) -> bool:
        """Every language into a new folder, served from now on if the build succeeds."""
        self.builds += 1
        target = Path(config.site_dir)
        main = Site("", config, InclusionLevel.is_in_serve)
        self.building = {"": main}
        config.plugins["cxportal-serve"] = _Recorder(main, self)
        built = False
        try:
            mkdocs_build.build(config, serve_url=self.serve_url)
            built = all(site.complete for site in self.building.values())
        except Exception as error:
            if initial:
                raise
            if not isinstance(error, MkDocsException):
                log.exception("cxportal: the build failed")
            elif str(error) != "Aborted with a BuildError!":  # MkDocs has logged that error itself
                log.error(str(error))
        sites = self.building
        if not built:
            shutil.rmtree(target, ignore_errors=True)
            if initial:
                raise MkDocsException("the site could not be built")
            log.error("cxportal: the site was not updated; the last good build is still served")
            # Its plugins (one instance per language for every build) now hold the failed build's
            # state: the next edit builds everything.
            self.sites = {}
            return False
        main.lang = main.plugin.lang
        self.sites = {site.lang: site for site in sites.values()}
        self.files, self.pending = self.pending, {}
        self.loaded, self.pending_loaded = self.pending_loaded, None
        self.content = self.check(main, self.loaded) if self.loaded is not None else None
        self.includes = any(self.uses_includes(site) for site in self.sites.values())
        old, self.site_dir = self.site_dir, target
        # MkDocs' server maps a request to a file path under its root before it waits for a rebuild
        # to end; a root that moved to the new folder left such requests with a deleted folder (404).
        # Its root is this link instead, replaced atomically: every request gets a whole site.
        link = self.root / "served.new"
        link.unlink(missing_ok=True)
        link.symlink_to(target.name, target_is_directory=True)
        os.replace(link, self.served)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return True

    def read_sources(self, config: MkDocsConfig) -> None:
        """The files of the build starting, before any is read: edits from now on are changes.

        The content is read here too, before the plugin reads it: a file edited in between shows
        as changed at the next rebuild and is compared with what the plugin may have read.
        """
        plugin = config.plugins["cxportal"]
        project_dir = Path(config.config_file_path).parent.resolve()
        content_dir = project_dir / plugin.config.content_dir
        roots = [config.docs_dir, config.config_file_path, str(content_dir), *config.watch]
        self.roots = list(dict.fromkeys([*(os.path.abspath(r) for r in roots), *self.extra_roots]))
        self.pending = snapshot(self.roots)
        self.pending_loaded = load_content(content_dir, project_dir)

    def watch_more(self, config: MkDocsConfig) -> None:
        """Folders plugins added to `watch` in their on_config."""
        more = [path for path in (os.path.abspath(r) for r in config.watch) if path not in self.roots]
        self.roots += more
        self.pending.update(snapshot(more))

    def build_language(self, config_file: str, site_dir: Path, lang: str, *, strict: bool, command: str) -> None:
        """cxportal's build of an extra language (languages.build_language), keeping its plugins and state."""
        log.info(f"cxportal: building the {lang} site")
        cache = self.caches.setdefault(lang, {})
        started = bool(cache)
        with languages.building(lang):
            with compat.plugin_instances(cache):
                config = load_config(config_file=config_file, site_dir=str(site_dir), strict=strict)
            if not started:
                config.plugins.on_startup(command="serve", dirty=False)
            site = Site(lang, config)
            self.building[lang] = site
            config.plugins["cxportal-serve"] = _Recorder(site)
            mkdocs_build.build(config)

    @staticmethod
    def uses_includes(site: Site) -> bool:
        if "pymdownx.snippets" in site.config.markdown_extensions:
            return True
        assert site.files is not None
        for file in site.files.documentation_pages():
            if file.abs_src_path and file.page is not None:
                try:
                    if _INCLUDES.search(Path(file.abs_src_path).read_text("utf-8-sig")):
                        return True
                except (OSError, UnicodeDecodeError):
                    continue
        return False

    # Single pages ----------------------------------------------------------

    def plan(self, found: Changes) -> Plan | None:
        """The pages to rebuild in each language, or None when the edit needs a full build."""
        if not self.sites or not found.modified or found.added or found.removed or self.includes:
            return None
        main = next(iter(self.sites.values()))
        plugin = main.plugin
        docs_dir = Path(main.config.docs_dir).resolve()
        content_dir = Path(plugin.content_dir).resolve()
        edited = [Path(p) for p in found.modified]
        if any(p.suffix != ".md" or not (p.is_relative_to(docs_dir) or p.is_relative_to(content_dir)) for p in edited):
            return None
        if plugin.config.exports:
            return None  # the LMS packages are written from the content and the built pages
        content_edited = any(p.is_relative_to(content_dir) for p in edited)
        pages: dict[str, list[Page]] = {lang: [] for lang in self.sites}
        used: set[str] = set()
        for lang, site in self.sites.items():
            assert site.files is not None
            for file in site.files.documentation_pages():
                if file.page is not None and file.abs_src_path:
                    source = os.path.realpath(file.abs_src_path)
                    if source in found.modified:
                        pages[lang].append(file.page)
                        used.add(source)
        if used != found.modified:
            return None  # a file no page is built from: it may be included anywhere
        if any("languages" in (page.meta or {}) for ps in pages.values() for page in ps) or any(
            languages.page_languages(path) is not None for path in edited if path.is_relative_to(docs_dir)
        ):
            return None  # a page kept to some languages (or no longer): which sites have it may change
        plan = Plan(pages)
        for lang in list(self.sites)[1:]:
            for path in edited:
                if path.is_relative_to(docs_dir):
                    pair = self.docs_pair(docs_dir, path, lang)
                    if pair is not None:
                        plan.docs_pairs.append((lang, *pair))
        if content_edited:
            plan.content = self.reload_content(main, [p for p in edited if p.is_relative_to(content_dir)])
            if plan.content is None:
                return None
            plan.generated = self.generated
        return plan

    @staticmethod
    def docs_pair(docs_dir: Path, path: Path, lang: str) -> tuple[Path, Path] | None:
        """(original, translation) of a docs page in `lang` when the edit is one of the two."""
        found = languages.translated_name(path.relative_to(docs_dir).as_posix(), [lang])
        if found is not None:
            return docs_dir / found[0], path
        translation = path.with_suffix(f".{lang}.md")
        return (path, translation) if translation.is_file() else None

    def check(self, main: Site, loaded: LoadedContent) -> tuple[Portal, list[Problem]]:
        """The portal and its problems, validated as the plugin validates them (plugin.py on_config)."""
        settings = main.plugin.settings
        return check_project(loaded, settings.project_dir, settings.budgets, settings.check, settings.role_kinds)

    def reload_content(self, main: Site, edited: list[Path]) -> tuple[Portal, list[Problem]] | None:
        """The content loaded and validated again; None unless other pages show it as before."""
        plugin = main.plugin
        loaded = self.reread(edited, Path(plugin.project_dir), Path(plugin.content_dir))
        if loaded is None:
            loaded = load_content(Path(plugin.content_dir), Path(plugin.project_dir))
        portal, problems = self.check(main, loaded)
        self.next_loaded = loaded
        if self.content is None or errors(problems):
            return None
        old_portal, old_problems = self.content
        if problem_keys(problems) != problem_keys(old_problems):
            return None  # the full build lists them
        self.generated = False
        for part in dataclasses.fields(Portal):
            before, after = getattr(old_portal, part.name), getattr(portal, part.name)
            # Files nobody edited give equal objects; edited playbooks differ in lines and text at least.
            if before != after and content_shape(before) != content_shape(after):
                if content_shape(before, False) != content_shape(after, False):
                    return None
                self.generated = True  # an item's first paragraph: generated pages are compared
        return portal, problems

    def reread(self, edited: list[Path], project_dir: Path, content_dir: Path) -> LoadedContent | None:
        """The last build's content with the edited playbooks (and their translations) read again.

        YAML files are unchanged (an edit to one builds everything), so only Markdown is read.
        None when that is not simple (an activity, a file that had problems): then all is read.
        """
        old = self.loaded
        content_dir = content_dir.resolve()
        if old is None or any(path.parent != content_dir for path in edited):
            return None
        reader = _Reader(project_dir, LoadedContent(root=old.root))
        if {p.path for p in old.problems + old.broken_files} & {reader.rel(path) for path in edited}:
            return None
        loaded = dataclasses.replace(old, playbooks=list(old.playbooks), translations=list(old.translations))
        originals = [path for path in edited if translation_lang(path) is None]
        ids = {path.name.split(".")[0] for path in originals}
        translations = {path for path in edited if translation_lang(path) is not None}
        translations |= {
            project_dir / t.source.path for t in old.translations if t.source.path.split("/")[-1].split(".")[0] in ids
        }
        for path in originals:
            if not self.replace(loaded.playbooks, reader, path, None, None):
                return None
        by_id = {playbook.id: playbook for playbook in loaded.playbooks}
        for path in sorted(translations):
            lang = translation_lang(path)
            if not self.replace(loaded.translations, reader, path, lang, by_id.get(path.name.split(".")[0])):
                return None
        return loaded

    @staticmethod
    def replace(found: list[Playbook], reader: _Reader, path: Path, lang: str | None, original: Any) -> bool:
        """The playbook read from `path` in place of its last version in `found`."""
        scratch = reader.loaded
        reader.playbook(path, lang, original)
        read = scratch.translations if lang else scratch.playbooks
        if scratch.problems or scratch.broken_files or scratch.broken_codes or len(read) != 1:
            return False
        new = read.pop()
        at = [i for i, playbook in enumerate(found) if playbook.source.path == new.source.path]
        if len(at) != 1:
            return False
        found[at[0]] = new
        return True

    def language(self, site: Site) -> AbstractContextManager[None]:
        return nullcontext() if site is next(iter(self.sites.values())) else languages.building(site.lang)

    def fast_build(self, plan: Plan) -> bool | None:
        """Rebuilds the planned pages: True when written, False when problems keep the old pages,
        None when the edit turns out to need a full build (a page's title changed)."""
        start = time.perf_counter()
        saved: list[tuple[Site, Page, dict[str, Any], Any]] = []
        entries = {lang: list(site.search.search_index.entries) for lang, site in self.sites.items() if site.search}
        warnings = _Warnings()
        mkdocs_logger = logging.getLogger("mkdocs")
        mkdocs_logger.addHandler(warnings)

        portals = {lang: (site.plugin.portal, site.plugin.renderer.portal) for lang, site in self.sites.items()}
        contents: list[tuple[Any, str]] = []

        def restore() -> None:
            for site, page, state, links in saved:
                compat.restore_page(page, state)
                if links is None:
                    site.plugin.links.pages.pop(page.url, None)
                else:
                    site.plugin.links.pages[page.url] = links
            for lang, kept in entries.items():
                self.sites[lang].search.search_index.entries = kept
            for lang, (portal, rendered) in portals.items():
                self.sites[lang].plugin.portal, self.sites[lang].plugin.renderer.portal = portal, rendered
            for file, content in contents:
                file.content_string = content

        try:
            problems: list[Problem] = []
            if plan.generated:
                assert plan.content is not None
                for lang, site in self.sites.items():
                    with self.language(site):
                        site.plugin.portal = site.plugin.renderer.portal = localize(plan.content[0], site.plugin.lang)
                        plan.pages[lang] += self.changed_generated(site, portals[lang][0], contents)
            for lang, site in self.sites.items():
                plugin = site.plugin
                assert site.files is not None
                with self.language(site):
                    plugin.page_problems = []
                    for page in plan.pages[lang]:
                        saved.append((site, page, compat.page_state(page), plugin.links.pages.get(page.url)))
                        title = page.title
                        compat.populate_page(page, site.config, site.files)
                        if page.title != title:
                            restore()
                            log.info(f"cxportal: the title of {page.file.src_uri} changed; building everything")
                            return None
                    for pair_lang, original, translation in plan.docs_pairs:
                        if pair_lang == lang:
                            checked = TranslationReport()
                            check_docs_page(original, translation, plugin.origin_of(str(translation)), checked)
                            plugin.page_problems += checked.problems
                    problems += plugin.page_problems
                    plugin.page_problems = []
            if problems:
                restore()
                log.error("cxportal found problems in the pages:\n" + report(problems))
                log.error("cxportal: the page was not updated; its last good version is still served")
                return False
            outputs: list[tuple[str, str]] = []
            for lang, site in self.sites.items():
                assert site.files is not None
                with self.language(site):
                    for problem in self.link_problems(site, plan.pages[lang]):
                        log.warning(str(problem))
                    level = site.config.validation.links.anchors
                    doc_files = site.files.documentation_pages(inclusion=site.inclusion)
                    for file in doc_files:
                        if file.page is not None:
                            file.page.validate_anchor_links(files=site.files, log_level=level)
                    for page in plan.pages[lang]:
                        outputs.append((page.file.abs_dest_path, self.render(site, page, doc_files)))
            if warnings.count and next(iter(self.sites.values())).config.strict:
                restore()
                log.error(
                    f"cxportal: {warnings.count} warning(s) in strict mode: the page was not updated; "
                    "its last good version is still served"
                )
                return False
        except BaseException:
            restore()  # the full build that follows may fail too: the served state stays whole
            raise
        finally:
            mkdocs_logger.removeHandler(warnings)
        for path, output in outputs:
            if output.strip():
                utils.write_file(output.encode("utf-8", errors="xmlcharrefreplace"), path)
        for lang, site in self.sites.items():
            if plan.content is not None:
                site.plugin.portal = site.plugin.renderer.portal = localize(plan.content[0], site.plugin.lang)
            if plan.pages[lang] and site.search is not None:
                with self.language(site):
                    site.search.on_post_build(config=site.config)
        if plan.content is not None:
            self.content, self.loaded = plan.content, self.next_loaded
        rebuilt = [f"{page.file.src_uri} ({lang})" for lang, pages in plan.pages.items() for page in pages]
        log.info(f"cxportal: rebuilt {', '.join(rebuilt)} in {time.perf_counter() - start:.2f} seconds")
        return True

    @staticmethod
    def changed_generated(site: Site, before: Portal, contents: list[tuple[Any, str]]) -> list[Page]:
        """Generated pages whose Markdown differs now that items' summaries changed (their files take it).

        The package's templates show an item's summary on the codes page, its playbook's meeting
        card and the role pages; with templates of the project's own (custom_dir/cxportal), on any.
        """
        plugin = site.plugin
        portal = plugin.portal
        assert site.files is not None
        ids = {
            item.playbook_id
            for code, item in portal.items.items()
            if code not in before.items or before.items[code].summary != item.summary
        }
        override = plugin.renderer.override_dir
        candidates = None
        if override is None or not Path(override).is_dir():
            candidates = {INDEX_SRC["codes"], *(card_src(i) for i in ids), *(role_src(r) for r in portal.roles)}
        changed = []
        for generated in GeneratedPages(plugin.renderer, plugin.budgets, plugin.content_dir):
            if generated.render is None or (candidates is not None and generated.src not in candidates):
                continue
            file = site.files.get_file_from_path(generated.src)
            if file is None or file.page is None:
                continue
            markdown = generated.render()
            if markdown != file.content_string:
                contents.append((file, file.content_string))
                file.content_string = markdown
                changed.append(file.page)
        return changed

    @staticmethod
    def link_problems(site: Site, pages: list[Page]) -> list[Problem]:
        """Broken links on the rebuilt pages, and links from any page into them (an anchor may be gone).

        The full build has reported every other link (the short links' pages are kept from it too).
        """
        checker = site.plugin.links
        urls = {page.url for page in pages}
        names = {posixpath.basename(url.rstrip("/")) for url in urls}
        targets = {id(checker.pages[url]) for url in urls if url in checker.pages}
        found: list[Problem] = []
        for source in checker.pages.values():
            for href in dict.fromkeys(source.hrefs):
                if source.url not in urls:
                    if "" not in names and not any(name in href for name in names):
                        continue  # cannot lead to a rebuilt page
                    resolved = resolve(href, source.url)
                    if resolved is None or id(checker.page_for(resolved[0])) not in targets:
                        continue
                problem = checker.check_link(source, href)
                if problem is not None:
                    found.append(problem)
        return found

    @staticmethod
    def render(site: Site, page: Page, doc_files: Sequence[Any]) -> str:
        """The page's HTML, its search entries replaced in place (other pages' entries stay)."""
        search = site.search
        if search is None:
            return render_page(page, site, doc_files)
        index = search.search_index
        location = page.url
        own = [
            i
            for i, entry in enumerate(index.entries)
            if entry["location"] == location or entry["location"].startswith(location + "#")
        ]
        at = own[0] if own else len(index.entries)
        drop = set(own)
        index.entries = [entry for i, entry in enumerate(index.entries) if i not in drop]
        before = len(index.entries)
        output = render_page(page, site, doc_files)
        new = index.entries[before:]
        index.entries = index.entries[:at] + new + index.entries[at:before]
        return output


def serve(config_file: str, dev_addr: str) -> None:
    """Serves the project at `dev_addr` until interrupted (raises like MkDocs' serve)."""
    PortalServer(config_file, dev_addr).serve()
