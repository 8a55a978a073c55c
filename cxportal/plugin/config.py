"""Typed options of the `cxportal` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class BudgetsConfig(base.Config):
    onboarding = c.Type(int, default=180)
    refresher = c.Type(int, default=120)


class CxPortalConfig(base.Config):
    # Folder with playbooks, roles/ and quizzes/, relative to mkdocs.yml.
    content_dir = c.Type(str, default="playbooks")
    # Minutes each kind of learning path may take.
    budgets = c.SubConfig(BudgetsConfig)
    # Build into a staging folder and swap it in only when the build succeeds.
    atomic = c.Type(bool, default=True)
    # Build the navigation from the content when mkdocs.yml has no `nav`.
    navigation = c.Type(bool, default=True)
    # Warn on any page resource that would load from another host (fails --strict builds).
    intranet_check = c.Type(bool, default=True)
    # Version of the portal shown in print footers and certificates.
    version = c.Optional(c.Type(str))
    # Extra languages, each built as a full site in <site_dir>/<lang>/ (the main language is theme.language).
    languages = c.ListOfItems(c.Type(str), default=[])
    # A folder of the project's own interface strings (<lang>.yml), overriding or adding to the engine's.
    strings_dir = c.Type(str, default="strings")
