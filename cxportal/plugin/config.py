"""Typed options of the `cxportal` plugin in mkdocs.yml, and the check that names a misspelt one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..problems import Problem, closest


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
    # Files for an LMS written into site/exports/ by every build and linked from each role page
    # for administrators: any of scorm, gift, moodle-xml (docs/authoring.md#lms-exports).
    exports = c.ListOfItems(c.Choice(("scorm", "scorm2004", "gift", "moodle-xml")), default=[])
    # How long a finished path counts before it is due again, for every role that says nothing itself:
    # {refresher: 12 months} (days, weeks, months or years).
    renew = c.Type(dict, default={})
    # xAPI statements to the organisation's LRS through the intranet server (docs/records.md).
    records = c.SubConfig(RecordsConfig)


def unknown_options(options: dict[str, Any], config_file: str | None) -> list[Problem]:
    """Every option under `- cxportal:` that the plugin does not know, at its line, with the nearest name."""
    problems: list[Problem] = []
    text = _read(config_file)
    where = Path(config_file).name if config_file else "mkdocs.yml"

    def walk(values: dict[str, Any], schema: type[base.Config], prefix: str) -> None:
        known = {name for name, _ in schema._schema}
        for key, value in values.items():
            if key not in known:
                line = _line_of(text, key)
                problems.append(Problem(where, line, f"unknown cxportal option '{prefix}{key}'", _hint(key, known)))
                continue
            option = dict(schema._schema)[key]
            if isinstance(option, c.SubConfig) and isinstance(value, dict):
                walk(value, option.config_class, f"{prefix}{key}.")

    walk(options, CxPortalConfig, "")
    return problems


def renew_problems(options: dict[str, Any], config_file: str | None) -> list[Problem]:
    """Every bad `renew:` period or path kind, at its line in mkdocs.yml."""
    from ..renewal import parse_period

    renew = options.get("renew")
    if not isinstance(renew, dict):
        return []
    text = _read(config_file)
    where = Path(config_file).name if config_file else "mkdocs.yml"
    problems = []
    for kind, value in renew.items():
        line = _line_of(text, str(kind), within="renew")
        if kind not in ("onboarding", "refresher"):
            problems.append(
                Problem(
                    where,
                    line,
                    f"renew: unknown path '{kind}' (onboarding or refresher)",
                    _hint(str(kind), {"onboarding", "refresher"}),
                )
            )
            continue
        _period, problem = parse_period(value)
        if problem:
            problems.append(Problem(where, line, f"renew: {kind}: {problem}"))
    return problems


def records_problems(options: dict[str, Any], config_file: str | None) -> list[Problem]:
    """Every problem with the `records:` settings, at its line in mkdocs.yml."""
    from ..records import EVENTS, is_iri, is_same_origin_path

    records = options.get("records")
    if not isinstance(records, dict):
        return []
    text = _read(config_file)
    where = Path(config_file).name if config_file else "mkdocs.yml"
    problems = []
    for key in ("lrs", "whoami"):
        value = records.get(key)
        if value is not None and not (isinstance(value, str) and is_same_origin_path(value)):
            problems.append(
                Problem(
                    where,
                    _line_of(text, key, within="records"),
                    f"records: {key} must be a path on the portal's own server such as '/{key}/' "
                    f"(got {value!r}): the pages may only connect to their own host",
                )
            )
    verbs = records.get("verbs") or {}
    if isinstance(verbs, dict):
        for event, iri in verbs.items():
            if event not in EVENTS:
                problems.append(
                    Problem(
                        where,
                        _line_of(text, str(event), within="verbs"),
                        f"records: unknown verb override '{event}' (events: {', '.join(EVENTS)})",
                        _hint(str(event), set(EVENTS)),
                    )
                )
            elif not (isinstance(iri, str) and is_iri(iri)):
                problems.append(
                    Problem(
                        where,
                        _line_of(text, str(event), within="verbs"),
                        f"records: the verb for '{event}' must be an http(s) IRI (got {iri!r})",
                    )
                )
    return problems


def _hint(key: str, known: set[str]) -> str | None:
    near = closest(key, known)
    if near is None:
        near = next((k for k in sorted(known) if k.startswith(key) or key.startswith(k)), None)
    return near


def _read(config_file: str | None) -> str:
    try:
        return Path(config_file).read_text("utf-8") if config_file else ""
    except OSError:
        return ""


def _line_of(text: str, key: str, within: str | None = None) -> int:
    """The line of `key:` in the cxportal entry of mkdocs.yml (the first such line after `cxportal`,
    and after the `within:` line when given)."""
    lines = text.splitlines()
    start = next((i for i, row in enumerate(lines) if re.match(r"\s*-\s*cxportal\b", row)), 0)
    if within is not None:
        start = next((i for i in range(start, len(lines)) if re.match(rf"\s*{re.escape(within)}\s*:", lines[i])), start)
    pattern = re.compile(rf"^\s*(?:-\s*)?{re.escape(key)}\s*:|[{{,]\s*{re.escape(key)}\s*:")
    for index in range(start, len(lines)):
        if pattern.search(lines[index]):
            return index + 1
    return start + 1
