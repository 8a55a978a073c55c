"""Typed options of the `cxportal` plugin in mkdocs.yml (what each value means is checked in cxportal/options.py)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class BudgetsConfig(base.Config):
    onboarding = c.Type(int, default=180)
    refresher = c.Type(int, default=120)


class RecordsConfig(base.Config):
    # Same-origin path the web server forwards to the LRS's xAPI root (records are off without it).
    lrs = c.Optional(c.Type(str))
    # Same-origin path that answers {"name": …, "mbox": "mailto:…"} for the signed-in person.
    whoami = c.Type(str, default="/whoami")
    # Another verb IRI for an event, e.g. {read: "http://activitystrea.ms/schema/1.0/read"}.
    verbs = c.Type(dict, default={})


class CxPortalConfig(base.Config):
    # Folder with playbooks, roles/ and quizzes/, relative to mkdocs.yml.
    content_dir = c.Type(str, default="playbooks")
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
    strings_dir = c.Type(str, default="strings")
    # Reading speed for computed playbook durations (readers in a second language read 120-150).
    words_per_minute = c.Type(int, default=150)
    # How much the quiz quality check weighs: error, warn (fails --strict), note (listed only) or off.
    quiz_quality = c.Choice(("error", "warn", "note", "off"), default="warn")
    # How much a playbook without 'sources:' weighs: error, warn, note or off.
    sources = c.Choice(("error", "warn", "note", "off"), default="warn")
    # How much a rejected variant of an agreed translation term weighs (<content_dir>/terms.<lang>.yml).
    terms = c.Choice(("error", "warn", "note", "off"), default="warn")
    # Files for an LMS written into site/exports/ by every build and linked from each role page
    # for administrators: any of scorm, gift, moodle-xml (docs/authoring.md#lms-exports).
    exports = c.ListOfItems(c.Choice(("scorm", "scorm2004", "gift", "moodle-xml")), default=[])
    # How long a finished path counts before it is due again, for every role that says nothing itself:
    # {refresher: 12 months} (days, weeks, months or years).
    renew = c.Type(dict, default={})
    # xAPI statements to the organisation's LRS through the intranet server (docs/records.md).
    records = c.SubConfig(RecordsConfig)
