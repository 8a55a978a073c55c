"""`cxportal check` for the site: MkDocs' own build up to each page's HTML content, writing nothing.

It runs the same configuration checks, plugin events, macro expansion, Markdown rendering and
link checks as `mkdocs build --strict`, so anything the build rejects, check rejects first;
it skips the theme (the slowest part) and never touches the site folder.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from ..problems import report
from .compat import populate_page
from .languages import building


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.name, record.getMessage()))


def check_site(config_file: Path) -> list[str]:
    """Every error and warning a strict build of this project (each of its languages) would stop on, in order."""
    failures = _check_language(config_file)
    languages = _extra_languages(config_file)
    for lang in languages:
        with building(lang):
            failures += [f"[{lang}] {failure}" for failure in _check_language(config_file)]
    return failures


def _extra_languages(config_file: Path) -> list[str]:
    try:
        config = load_config(str(config_file), strict=True)
    except MkDocsException:
        return []
    plugin = config.plugins.get("cxportal")
    languages = list(getattr(getattr(plugin, "config", None), "languages", None) or [])
    main = str(config.theme.get("language") or "en")
    return [lang for lang in languages if lang != main]


def _check_language(config_file: Path) -> list[str]:
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    failures: list[str] = []
    config = None
    try:
        config = load_config(str(config_file), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        plugin = config.plugins.get("cxportal")
        if plugin is not None:
            plugin.command = "check"  # no staging folder: nothing is written
        config = config.plugins.on_config(config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        config.plugins.on_nav(nav, config=config, files=files)
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in pages:
            if file.page is None:
                Page(None, file, config)
            assert file.page is not None
            populate_page(file.page, config, files)
        for file in pages:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        if plugin is not None:
            problems = plugin.page_problems + plugin.link_problems()
            if problems:
                failures.append(report(problems))
                # mkdocs-macros also logs each macro error as a warning; the problems above say it better.
                collect.messages = [m for m in collect.messages if not m[0].startswith("mkdocs.plugins.macros")]
    except MkDocsException as error:
        failures.append(str(error))
    finally:
        logger.removeHandler(collect)
        if config is not None:
            config.plugins.on_shutdown()
    return [message for _name, message in collect.messages] + failures
