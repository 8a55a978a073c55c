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
    # Reading speed for computed playbook durations (readers in a second language read 120-150).
    words_per_minute = c.Type(int, default=150)
    # How much the quiz quality check weighs: error, warn (fails --strict), note (listed only) or off.
    quiz_quality = c.Choice(("error", "warn", "note", "off"), default="warn")
    # How much a playbook without 'sources:' weighs: error, warn, note or off.
    sources = c.Choice(("error", "warn", "note", "off"), default="warn")
