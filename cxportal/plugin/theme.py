"""The portal's Material template blocks (asset loading, version line, print footer) live in the package.

The plugin puts `cxportal/theme/` on the theme's template search path after the
project's `custom_dir` and before Material's own folder, so a project's
overrides still win and no project has to copy the portal's templates.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"


def add_theme_dir(config: MkDocsConfig) -> None:
    """Insert the package's template folder after custom_dir (if any), before the theme's own folders."""
    dirs = config.theme.dirs
    ours = str(THEME_DIR)
    if ours in dirs:
        return
    dirs.insert(1 if config.theme.custom_dir else 0, ours)
