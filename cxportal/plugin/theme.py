"""The portal's Material template blocks (asset loading, version line, print footer) live in the package.

The plugin puts `cxportal/theme/` on the theme's template search path after the
project's `custom_dir` and before Material's own folder, so a project's
overrides still win and no project has to copy the portal's templates.
"""

from __future__ import annotations

import re
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


_EXTENDS = re.compile(r"""\{%-?\s*extends\s+["'](?P<name>[^"']+)["']""")


def shadowing_main(config: MkDocsConfig) -> tuple[str, int] | None:
    """The project's main.html and the line to change, when it replaces the portal's without extending
    it (the portal's styles, scripts and version line would be lost): its `{% extends %}` line, else 1."""
    if not config.theme.custom_dir:
        return None
    own = Path(config.theme.custom_dir) / "main.html"
    if not own.is_file():
        return None
    text = own.read_text("utf-8", "replace")
    extends = _EXTENDS.search(text)
    if extends and extends["name"] == "cxportal/main.html":
        return None
    return str(own), text.count("\n", 0, extends.start()) + 1 if extends else 1
