"""The portal's Material template blocks (asset loading, version line, print footer) live in the package.

The plugin puts `cxportal/theme/` on the theme's template search path after the
project's `custom_dir` and before Material's own folder, so a project's
overrides still win and no project has to copy the portal's templates.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"


def add_theme_dir(config: MkDocsConfig) -> None:
    """Insert the package's template folder after custom_dir (if any), before the theme's own folders."""
    dirs = config.theme.dirs
    ours = str(THEME_DIR)
    if ours in dirs:
        return
    dirs.insert(1 if config.theme.custom_dir else 0, ours)


def expose_portal_main(env: jinja2.Environment) -> None:
    """Makes the portal's main.html reachable as "cxportal/main.html", so a project's own main.html
    can extend it (`{% extends "cxportal/main.html" %}`) instead of losing the portal's blocks."""
    env.loader = jinja2.ChoiceLoader(
        [env.loader, jinja2.PrefixLoader({"cxportal": jinja2.FileSystemLoader(str(THEME_DIR))})]
        if env.loader is not None
        else [jinja2.PrefixLoader({"cxportal": jinja2.FileSystemLoader(str(THEME_DIR))})]
    )


def shadowing_main(config: MkDocsConfig) -> str | None:
    """The project's main.html when it replaces the portal's without extending it (assets would be lost)."""
    if not config.theme.custom_dir:
        return None
    own = Path(config.theme.custom_dir) / "main.html"
    if own.is_file() and "cxportal/main.html" not in own.read_text("utf-8"):
        return str(own)
    return None
