"""What a project's own mkdocs-macros module may use of the engine: the public API for `macros/`.

A portal keeps the facts its hand-written pages state (how many playbooks, the time budgets,
last season's figures) true by computing them in its own macros module (mkdocs.yml:
`- macros: {module_name: macros}`, a `define_env(env)` in `macros/__init__.py`). These
functions are all that module needs, so it never reaches into the plugin:

    from cxportal import api

    def define_env(env):
        @env.macro
        @api.fast
        def budget(kind):
            return api.ui(env).duration(api.portal(env).settings.budgets[kind])

- `portal(env)`: the loaded content in the language being built, and the project's settings.
- `ui(env)`: the interface strings and formats of that language (the engine's catalogue with
  the project's own strings over it): `ui("key", count=n)` with CLDR plurals, `ui.number(n)`,
  `ui.duration(minutes)` ("3 hours", «3 часа»), `ui.quantity(72, "%")`, `ui.date(d)`.
- `fast`: marks a macro whose result depends only on its literal arguments and the content, so
  a page calling it with literal arguments is expanded without compiling the page as a Jinja
  template (as the portal's own macros are); the output is the same.

Call `portal(env)` and `ui(env)` inside a macro, not in `define_env`: every build (each
language's, each rebuild in `cxportal serve`) has its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from .i18n import Strings
from .model import Portal
from .settings import PortalSettings

F = TypeVar("F", bound=Callable[..., Any])
FAST_MARK = "__cxportal_fast__"


class PortalNotLoaded(RuntimeError):
    """The cxportal plugin is not listed, or has not loaded the content yet."""


@dataclass(frozen=True)
class PortalFacts:
    """The loaded portal as one build sees it."""

    content: Portal  # playbooks, roles, quizzes, glossary, season; text fields in `lang`
    settings: PortalSettings  # content_dir, budgets, role_kinds, languages, …
    lang: str  # the language of the site being built


def portal(env: Any) -> PortalFacts:
    """The content and settings of the build that is rendering the page (`env`: mkdocs-macros' env)."""
    plugin = _plugin(env)
    return PortalFacts(content=plugin.portal, settings=plugin.settings, lang=plugin.lang)


def ui(env: Any) -> Strings:
    """The interface strings and locale formats of the language being built."""
    return _plugin(env).strings


def fast(function: F) -> F:
    """Marks a macro as depending only on its arguments and the content (see the module's docstring)."""
    setattr(function, FAST_MARK, True)
    return function


def is_fast(function: Any) -> bool:
    return getattr(function, FAST_MARK, False) is True


def _plugin(env: Any) -> Any:
    plugins = env.conf["plugins"]
    plugin = plugins.get("cxportal") if hasattr(plugins, "get") else None
    if plugin is None:
        raise PortalNotLoaded("cxportal.api: list the cxportal plugin in mkdocs.yml, before `- macros`")
    if getattr(plugin, "portal", None) is None:
        raise PortalNotLoaded("cxportal.api: the content is not loaded yet (call it inside a macro, not at import)")
    return plugin
