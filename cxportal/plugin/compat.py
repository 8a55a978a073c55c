"""The one seam to other packages' private names: MkDocs, Material's search, mkdocs-macros, Jinja, CPython.

Every use of a name another package keeps private (a leading underscore, an object's
`__dict__`, an interpreter frame) goes through this module, and nowhere else in cxportal
(tests/test_compat.py fails otherwise). At import it checks that each private name it
can see without a build exists in the installed versions, and stops with the package, the
version and the name when one is gone: an upgrade then fails loudly here, not as a silent
"every edit rebuilds everything" in `cxportal serve`. The versions it was tested with are
in TESTED; pyproject.toml pins the same ranges.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from types import FrameType
from typing import Any

from mkdocs.commands import build as _mkdocs_build
from mkdocs.config import base as _config_base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

# Package → the version prefixes the private names below were checked against.
TESTED = {"mkdocs": ("1.6.",), "mkdocs-macros-plugin": ("1.5.",), "mkdocs-material": ("9.",)}


class IncompatibleVersion(ImportError):
    """A private name cxportal relies on is missing from the installed package."""


def _installed(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def _require(condition: bool, package: str, name: str) -> None:
    if not condition:
        raise IncompatibleVersion(
            f"cxportal needs {name} of {package}, which {package} {_installed(package)} no longer has "
            f"(cxportal was tested with {package} {' or '.join(v + 'x' for v in TESTED[package])}): "
            f"install a tested version (pip install -e .) or update cxportal/plugin/compat.py"
        )


_require(callable(getattr(_mkdocs_build, "_populate_page", None)), "mkdocs", "mkdocs.commands.build._populate_page")
_require(callable(getattr(_mkdocs_build, "get_context", None)), "mkdocs", "mkdocs.commands.build.get_context")
_require(
    callable(getattr(sys.modules["mkdocs.livereload"], "_serve_url", None)), "mkdocs", "mkdocs.livereload._serve_url"
)
_require(isinstance(getattr(MkDocsConfig, "_schema", None), tuple), "mkdocs", "MkDocsConfig._schema")
_require("_watched_paths" in LiveReloadServer.__init__.__code__.co_names, "mkdocs", "LiveReloadServer._watched_paths")


def _macros_registry_present() -> bool:
    try:
        from mkdocs_macros.plugin import MacrosPlugin
    except ImportError:  # mkdocs-macros is optional: nothing of it is used without it
        return True
    return isinstance(getattr(MacrosPlugin, "_add_macros", None), dict)


_require(_macros_registry_present(), "mkdocs-macros-plugin", "MacrosPlugin._add_macros")


# MkDocs ------------------------------------------------------------------------------------------

populate_page = _mkdocs_build._populate_page  # a page's Markdown read, rendered and its TOC built
get_context = _mkdocs_build.get_context  # the template context of a page
serve_url = sys.modules["mkdocs.livereload"]._serve_url  # the URL `mkdocs serve` would print


def set_current_page(config: MkDocsConfig, page: Any) -> None:
    """What MkDocs' `_build_page` sets while a page's template renders (url filters read it)."""
    config._current_page = page


def option_schema(config_class: type[_config_base.Config]) -> dict[str, Any]:
    """A `Config` class's options by name (MkDocs keeps them in the private `_schema`)."""
    return dict(config_class._schema)


def watched_paths(server: LiveReloadServer) -> list[str]:
    """The folders a live-reload server watches, plugins' `on_serve` additions included."""
    return list(server._watched_paths)


@contextmanager
def plugin_instances(cache: dict[str, Any]) -> Iterator[None]:
    """Plugins of configurations loaded inside come from `cache`, not the process-wide set.

    MkDocs keeps one instance of each plugin with startup/shutdown events per process and
    hands it to every configuration it loads: a nested build would reconfigure the very
    search and cxportal plugins of the build around it (the Russian stemmer in the English
    index). A fresh `cache` gives the nested build plugins of its own.
    """
    option: Any = option_schema(MkDocsConfig)["plugins"]
    # The option also keeps the last configuration it loaded and its plugins: put the outer
    # build's back, or the nested build's pages stay in memory through the rest of the outer one.
    saved = {name: getattr(option, name, None) for name in ("plugin_cache", "plugins", "_config")}
    option.plugin_cache = cache
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(option, name, value)


def page_state(page: Any) -> dict[str, Any]:
    """Everything a page object holds, to put back with `restore_page` when a fast rebuild gives up."""
    return dict(page.__dict__)


def restore_page(page: Any, state: Mapping[str, Any]) -> None:
    page.__dict__.clear()
    page.__dict__.update(state)


# mkdocs-macros -----------------------------------------------------------------------------------


def register_macros(macros_plugin: Any, registry: dict[str, Any]) -> None:
    """Macros mkdocs-macros registers in its on_config: its class-level `_add_macros`, here per instance.

    mkdocs-macros keeps macros other plugins register before its on_config in a dict shared by
    every build in the process (`cxportal check`, tests): this instance gets its own.
    """
    macros_plugin._add_macros = registry


# Jinja and the interpreter -----------------------------------------------------------------------


def jinja_call_line() -> int | None:
    """The line, in the template Jinja is rendering, of the call running now (None outside one).

    Read from the Jinja frame on the call stack, so `quiz("x")` on line 116 is reported
    at line 116 even when "x" also appears further up the page.
    """
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == "<template>":
            template = frame.f_globals.get("__jinja_template__")
            if template is not None:
                return template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return None
