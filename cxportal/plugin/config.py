"""Typed options of the `cxportal` plugin in mkdocs.yml, and the check that names a misspelt one."""

from __future__ import annotations

import logging
from pathlib import Path
from types import MappingProxyType

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from ..model import DEFAULT_LANG
from ..settings import DEFAULT_CONTENT_DIR, PortalSettings
from ..validator import CHECK_LEVELS, DEFAULT_BUDGETS, DEFAULT_SETTINGS, CheckSettings

# The defaults are written once, in cxportal/settings.py and validator.CheckSettings.


class BudgetsConfig(base.Config):
    onboarding = c.Type(int, default=DEFAULT_BUDGETS["onboarding"])
    refresher = c.Type(int, default=DEFAULT_BUDGETS["refresher"])


class RecordsConfig(base.Config):
    # Same-origin path the web server forwards to the LRS's xAPI root (records are off without it).
    lrs = c.Optional(c.Type(str))
    # Same-origin path that answers {"name": …, "mbox": "mailto:…"} for the signed-in person.
    whoami = c.Type(str, default="/whoami")
    # Another verb IRI for an event, e.g. {read: "http://activitystrea.ms/schema/1.0/read"}.
    verbs = c.Type(dict, default={})


class CxPortalConfig(base.Config):
    # Folder with playbooks, roles/ and quizzes/, relative to mkdocs.yml.
    content_dir = c.Type(str, default=DEFAULT_CONTENT_DIR)
    # Minutes each kind of learning path may take.
    budgets = c.SubConfig(BudgetsConfig)
    # Role kinds in display order with their titles, e.g. {front-line: Front line} (a title may be
    # {en: …, ru: …}). Kinds not listed are shown after these, titled from the kind itself.
    role_kinds = c.Type(dict, default={})
    # Build into a staging folder and swap it in only when the build succeeds.
    atomic = c.Type(bool, default=True)
    # Build the navigation from the content (merged into the author's `nav:` when there is one).
    navigation = c.Type(bool, default=True)
    # Warn on any page resource that would load from another host (fails --strict builds).
    intranet_check = c.Type(bool, default=True)
    # Version of the portal shown in print footers and certificates.
    version = c.Optional(c.Type(str))
    # Extra languages, each built as a full site in <site_dir>/<lang>/ (the main language is theme.language).
    languages = c.ListOfItems(c.Type(str), default=[])
    # A folder of the project's own interface strings (<lang>.yml), overriding or adding to the engine's.
    # Unset: <theme.custom_dir>/cxportal/strings/ (the card's overrides/), or strings/ without a custom_dir.
    strings_dir = c.Optional(c.Type(str))
    # Reading speed for computed playbook durations (readers in a second language read 120-150).
    words_per_minute = c.Type(int, default=DEFAULT_SETTINGS.words_per_minute)
    # How much the quiz quality check weighs: error, warn (fails --strict), note (listed only) or off.
    quiz_quality = c.Choice(CHECK_LEVELS, default=DEFAULT_SETTINGS.quiz_quality)
    # How much a playbook without 'sources:' weighs: error, warn, note or off.
    sources = c.Choice(CHECK_LEVELS, default=DEFAULT_SETTINGS.sources)
    # How much a rejected variant of an agreed translation term weighs (<content_dir>/terms.<lang>.yml).
    terms = c.Choice(CHECK_LEVELS, default=DEFAULT_SETTINGS.terms)
    # Files for an LMS written into site/exports/ by every build and linked from each role page
    # for administrators: any of scorm, scorm2004, gift, moodle-xml (docs/authoring.md#lms-exports).
    exports = c.ListOfItems(c.Choice(("scorm", "scorm2004", "gift", "moodle-xml")), default=[])
    # How long a finished path counts before it is due again, for every role that says nothing itself:
    # {refresher: 12 months} (days, weeks, months or years).
    renew = c.Type(dict, default={})
    # xAPI statements to the organisation's LRS through the intranet server (docs/records.md).
    records = c.SubConfig(RecordsConfig)


def portal_settings(options: CxPortalConfig, config: MkDocsConfig) -> PortalSettings:
    """The typed settings of a project from the plugin's validated options and MkDocs' config."""
    project_dir = Path(config.config_file_path).parent.resolve() if config.config_file_path else Path.cwd()
    return PortalSettings(
        project_dir=project_dir,
        content_dir=options.content_dir,
        budgets=MappingProxyType({"onboarding": options.budgets.onboarding, "refresher": options.budgets.refresher}),
        role_kinds=MappingProxyType(dict(options.role_kinds or {})),
        check=CheckSettings(
            words_per_minute=options.words_per_minute,
            quiz_quality=options.quiz_quality,
            sources=options.sources,
            terms=options.terms,
        ),
        main_lang=str(config.theme.get("language") or DEFAULT_LANG),
        languages=tuple(options.languages),
        strings_dir=options.strings_dir,
        custom_dir=Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None,
        version=options.version,
        site_name=config.site_name or "",
        site_url=config.site_url or "",
        use_directory_urls=bool(config.use_directory_urls),
        docs_dir=Path(config.docs_dir),
    )


class SettingsError(Exception):
    """mkdocs.yml cannot be read or is not valid; the message names the file, the option and the problem."""


def load_settings(config_file: Path) -> PortalSettings:
    """A project's settings read the way `mkdocs build` reads them (MkDocs' own config loading).

    Used by the CLI, so `cxportal check`, `stats`, `new` and `export` see exactly the options
    a build sees. Raises SettingsError with MkDocs' own messages when mkdocs.yml is invalid.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    if not config_file.is_file():
        raise SettingsError(f"{config_file}: no such file (run this in the project's folder or pass -f mkdocs.yml)")
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        config = load_config(str(config_file))
    except (MkDocsException, ValueError, OSError) as error:  # MkDocs' config errors, or YAML it cannot read
        details = "\n".join(collect.messages)
        raise SettingsError("\n".join(part for part in (details, f"{config_file}: {error}") if part)) from None
    finally:
        logger.removeHandler(collect)
    plugin = config.plugins.get("cxportal")
    options = plugin.config if plugin is not None else CxPortalConfig()
    if plugin is None:
        options.load_dict({})
        options.validate()
    return portal_settings(options, config)


class _Collect(logging.Handler):
    """MkDocs logs each invalid option before it raises: keep those lines for the message."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
