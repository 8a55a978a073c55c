"""The project's settings in one typed object: what the plugin, `serve`, `check` and the CLI all use.

MkDocs-free. Every default is written once, here (the check levels and reading speed in
`validator.CheckSettings`); the plugin's typed options in mkdocs.yml (`plugin/config.py`) take
their defaults from this module and turn into a `PortalSettings` with `plugin.config.portal_settings`,
and the CLI reads mkdocs.yml through MkDocs' own config loading into the same object
(`plugin.config.load_settings`), so a build and `cxportal check` can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .model import DEFAULT_LANG
from .validator import DEFAULT_BUDGETS, DEFAULT_SETTINGS, CheckSettings

DEFAULT_CONTENT_DIR = "playbooks"
# The project's own interface strings when it has a theme.custom_dir (the card's overrides/).
STRINGS_IN_OVERRIDES = Path("cxportal") / "strings"
# Where a project without a custom_dir keeps them (and where this portal kept them before overrides/).
OLD_STRINGS_DIR = "strings"


@dataclass(frozen=True)
class PortalSettings:
    """One project's settings: content, budgets, role kinds, checks, languages and where its wording lives."""

    project_dir: Path = field(default_factory=Path.cwd)
    content_dir: str = DEFAULT_CONTENT_DIR
    budgets: Mapping[str, int] = field(default_factory=lambda: DEFAULT_BUDGETS)
    # Role kind → title ({en: …, ru: …} or one string), in display order.
    role_kinds: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    check: CheckSettings = DEFAULT_SETTINGS
    main_lang: str = DEFAULT_LANG
    # The extra languages, each a site of its own in <site_dir>/<lang>/.
    languages: tuple[str, ...] = ()
    # The `strings_dir` option as written (None: the default place, see `strings_dirs`).
    strings_dir: str | None = None
    # theme.custom_dir, absolute, or None.
    custom_dir: Path | None = None
    version: str | None = None
    site_name: str = ""
    site_url: str = ""
    use_directory_urls: bool = True
    docs_dir: Path | None = None

    @property
    def content_path(self) -> Path:
        return self.project_dir / self.content_dir

    @property
    def site_languages(self) -> list[str]:
        """The main language first, then every extra language once."""
        return [self.main_lang] + [lang for lang in self.languages if lang != self.main_lang]

    def strings_dirs(self) -> tuple[Path, ...]:
        """The project's interface-string folders, in the order they override the engine's catalogue.

        `strings_dir` when set; else `<custom_dir>/cxportal/strings/` for a project with a
        theme.custom_dir (the card's `overrides/`), and the old top-level `strings/` for one without.
        """
        if self.strings_dir is not None:
            return (self.project_dir / self.strings_dir,)
        if self.custom_dir is not None:
            return (self.custom_dir / STRINGS_IN_OVERRIDES,)
        return (self.project_dir / OLD_STRINGS_DIR,)

    def misplaced_strings(self) -> Path | None:
        """A top-level strings/ folder the build would ignore (the project moved to overrides/), or None."""
        old = self.project_dir / OLD_STRINGS_DIR
        if self.strings_dir is None and self.custom_dir is not None and any(old.glob("*.yml")):
            return old
        return None
