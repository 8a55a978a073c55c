"""The Markdown and mkdocs-macros settings the portal's pages rely on.

Without them a build succeeds while the output is broken (item headings show
`{ #px-5 … }`, checklists show `[ ]`, glossary terms stay literal `*[term]: …`
lines, `{#anchor}` headings vanish into Jinja comments). So the plugin adds
what is missing, and stops with the setting and the fix when a project sets one
to a value the portal cannot work with.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from ..macros import COMMENT_END, COMMENT_START

log = logging.getLogger("mkdocs.plugins.cxportal")


def _emoji_config() -> dict[str, Any]:
    # Material's icon index, so `:material-account-group:` shortcodes become inline SVG (no web fonts).
    from material.extensions.emoji import to_svg, twemoji

    return {"emoji_index": twemoji, "emoji_generator": to_svg}


# Extension → settings it needs when the plugin adds it (what the portal's templates and pages use).
REQUIRED_EXTENSIONS: dict[str, dict[str, Any]] = {
    "abbr": {},  # glossary terms as hover definitions
    "admonition": {},
    "attr_list": {},  # item headings carry {#anchor .cx-item}
    "def_list": {},
    "footnotes": {},
    "md_in_html": {},  # Markdown inside the generated pages' HTML blocks
    "toc": {"permalink": True},
    "tables": {},
    "pymdownx.details": {},
    "pymdownx.superfences": {},
    "pymdownx.tabbed": {"alternate_style": True},  # role examples are content tabs
    "pymdownx.tasklist": {"custom_checkbox": True},  # checklists in playbooks
    "pymdownx.emoji": {},
    "cxportal.headings": {},  # item headings: anchors from codes, code badges
    "cxportal.bounds": {},  # link text bounded: a long paragraph of unclosed [ renders in linear time
}
# Settings whose value, when a project sets it, must be this.
REQUIRED_VALUES: dict[str, dict[str, Any]] = {"pymdownx.tabbed": {"alternate_style": True}}


def ensure_markdown_extensions(config: MkDocsConfig) -> list[str]:
    """Adds the extensions the portal needs; returns their names. Raises on a conflicting setting."""
    added = []
    for name, settings in REQUIRED_EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
            options = _emoji_config() if name == "pymdownx.emoji" else dict(settings)
            config.mdx_configs[name] = {**options, **config.mdx_configs.get(name, {})}
            added.append(name)
    for name, values in REQUIRED_VALUES.items():
        options = config.mdx_configs.setdefault(name, {})
        for key, value in values.items():
            if key not in options:
                options[key] = value
            elif options[key] != value:
                raise PluginError(
                    f"mkdocs.yml: markdown_extensions: {name}: {key} is {options[key]!r}; the portal needs "
                    f"{value!r} (set `{key}: {str(value).lower()}` or remove the setting)"
                )
    if added:
        log.debug("cxportal added Markdown extensions: %s", ", ".join(added))
    return added


def ensure_macros_settings(macros_config: Any) -> None:
    """Jinja comments must not start with `{#` (the Markdown anchor syntax); unknown macros must fail."""
    start = macros_config.get("j2_comment_start_string") or "{#"
    end = macros_config.get("j2_comment_end_string") or "#}"
    if start == "{#":
        macros_config["j2_comment_start_string"] = COMMENT_START
        macros_config["j2_comment_end_string"] = COMMENT_END if end == "#}" else end
    if macros_config.get("on_undefined", "keep") == "keep":
        # mkdocs-macros' default leaves a misspelt macro in the page as text and the build succeeds.
        macros_config["on_undefined"] = "strict"


def check_intranet_theme(config: MkDocsConfig) -> None:
    """Material loads Google Fonts unless told not to: say so once, with the fix, instead of once per page."""
    if config.theme.name == "material" and config.theme.get("font"):
        raise PluginError(
            "mkdocs.yml: theme: font makes every page load fonts from Google's servers, and the portal must "
            "work on the intranet (set `font: false` under `theme:`, or `intranet_check: false` under cxportal)"
        )
