"""The `cxportal` options of mkdocs.yml, checked like content: each problem at its mkdocs.yml line.

MkDocs checks the types of plugin options but names neither the file's line nor
the nearest valid value, and a value of the right type can still mean nothing
(`words_per_minute: 0`, a budget of -5 minutes, a content folder that does not
exist, a language without interface strings). Both the plugin (before MkDocs
reads the options) and `cxportal check` (which does not load MkDocs) call
`check_options`, so a setting answers the same way wherever it is read.
MkDocs-free.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .i18n import STRINGS_DIR, is_language_tag
from .problems import Problem, closest

CHECK_LEVELS = ("error", "warn", "note", "off")
EXPORT_FORMATS = ("scorm", "scorm2004", "gift", "moodle-xml")
BUDGET_KINDS = ("onboarding", "refresher")
# Readers of a second language read 120-150 words a minute, fast native readers about 300.
WORDS_PER_MINUTE = (50, 1000)
MAX_BUDGET_MINUTES = 10_000
# name: what it must be (bool, str, int, dict, list or a tuple of choices). Nested options use dots.
OPTIONS: dict[str, Any] = {
    "content_dir": str,
    "budgets": dict,
    "budgets.onboarding": int,
    "budgets.refresher": int,
    "role_kinds": dict,
    "atomic": bool,
    "navigation": bool,
    "intranet_check": bool,
    "version": str,
    "languages": list,
    "strings_dir": str,
    "words_per_minute": int,
    "quiz_quality": CHECK_LEVELS,
    "sources": CHECK_LEVELS,
    "terms": CHECK_LEVELS,
    "exports": list,
    "renew": dict,
    "records": dict,
    "records.lrs": str,
    "records.whoami": str,
    "records.verbs": dict,
}
_TYPE_NAMES = {bool: "true or false", str: "text", int: "a whole number", dict: "a mapping", list: "a list"}


@dataclass(frozen=True)
class OptionsFile:
    """mkdocs.yml's text, to find the line of an option of the cxportal entry."""

    name: str
    text: str

    @classmethod
    def read(cls, config_file: str | Path | None) -> OptionsFile:
        if not config_file:
            return cls("mkdocs.yml", "")
        try:
            text = Path(config_file).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        return cls(Path(config_file).name, text)

    def line_of(self, dotted: str) -> int:
        """The line of `a.b:` inside the `- cxportal:` entry: each part searched below the one before."""
        lines = self.text.splitlines()
        at = next((i for i, row in enumerate(lines) if re.match(r"\s*-\s*cxportal\b", row)), 0)
        start = at
        for part in dotted.split("."):
            pattern = re.compile(rf"^\s*(?:-\s*)?{re.escape(part)}\s*:|[{{,]\s*{re.escape(part)}\s*:")
            found = next((i for i in range(at, len(lines)) if pattern.search(lines[i])), None)
            if found is None:
                return at + 1 if at != start else start + 1
            at = found
        return at + 1


def known_languages(project_strings: Path | None = None) -> list[str]:
    """Languages with interface strings: the engine's catalogues and the project's own."""
    folders = [STRINGS_DIR] + ([project_strings] if project_strings is not None else [])
    return sorted({p.stem for folder in folders if folder.is_dir() for p in folder.glob("*.yml")})


def theme_languages() -> list[str] | None:
    """Languages Material for MkDocs has its own words for (None when Material is not installed)."""
    try:
        import material
    except ImportError:
        return None
    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    return sorted(p.stem for p in folder.glob("*.html")) or None


def check_options(options: Mapping[str, Any], config_file: str | Path | None) -> list[Problem]:
    """Every problem of the cxportal options, at its mkdocs.yml line, with the nearest valid value."""
    where = OptionsFile.read(config_file)
    project = Path(config_file).resolve().parent if config_file else Path.cwd()
    problems: list[Problem] = []

    def add(dotted: str, message: str, hint: str | None = None) -> None:
        problems.append(Problem(where.name, where.line_of(dotted), message, hint))

    def walk(values: Mapping[str, Any], prefix: str) -> None:
        known = [name[len(prefix) :] for name in OPTIONS if name.startswith(prefix) and "." not in name[len(prefix) :]]
        for key, value in values.items():
            dotted = f"{prefix}{key}"
            if dotted not in OPTIONS:
                add(dotted, f"unknown cxportal option '{dotted}'", _near(str(key), known))
                continue
            if _typed(dotted, value, add) and isinstance(value, Mapping) and dotted in ("budgets", "records"):
                walk(value, f"{dotted}.")

    if not isinstance(options, Mapping):
        return [Problem(where.name, where.line_of("cxportal"), "the cxportal options must be a mapping")]
    walk(options, "")
    if not problems:
        _check_meanings(options, project, add)
    return problems


def valid_options(options: Mapping[str, Any], config_file: str | Path | None) -> dict[str, Any]:
    """The options without those `check_options` finds wrong (each checked on its own)."""
    context = {key: options[key] for key in ("strings_dir",) if key in options}  # where languages' strings are
    return {key: value for key, value in options.items() if not check_options({**context, key: value}, config_file)}


def _typed(dotted: str, value: Any, add: Any) -> bool:
    """True when `value` is of the option's type; else one problem at its line."""
    expected = OPTIONS[dotted]
    if isinstance(expected, tuple):
        if value not in expected:
            add(
                dotted,
                f"the cxportal option '{dotted}' must be one of {', '.join(expected)}, not '{value}'",
                closest(str(value), expected),
            )
            return False
        return True
    if dotted == "version" and isinstance(value, int | float) and not isinstance(value, bool):
        add(dotted, f"'version' must be text: write it in quotes, version: \"{value}\"")
        return False
    ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    if not ok:
        hint = None
        if expected is int and isinstance(value, str):
            minutes = _minutes(value)
            hint = str(minutes) if minutes is not None and dotted.startswith("budgets.") else None
            add(
                dotted,
                f"'{dotted}' must be {_TYPE_NAMES[int]}{' of minutes' if dotted.startswith('budgets.') else ''},"
                f" not '{value}'",
                hint,
            )
        else:
            add(dotted, f"'{dotted}' must be {_TYPE_NAMES[expected]}, not {_shown(value)}")
    return ok


def _check_meanings(options: Mapping[str, Any], project: Path, add: Any) -> None:
    """Values of the right type that still mean nothing."""
    for kind, minutes in (options.get("budgets") or {}).items():
        if not 1 <= minutes <= MAX_BUDGET_MINUTES:
            add(
                f"budgets.{kind}",
                f"the {kind} budget must be between 1 and {MAX_BUDGET_MINUTES:,} minutes, not {minutes}",
            )
    if "words_per_minute" in options:
        low, high = WORDS_PER_MINUTE
        if not low <= options["words_per_minute"] <= high:
            add(
                "words_per_minute",
                f"'words_per_minute' must be between {low} and {high} "
                f"(readers read about 150 words a minute), not {options['words_per_minute']}",
            )
    for name in ("content_dir", "strings_dir"):
        if name not in options:
            continue
        folder = (project / options[name]).resolve()
        if not folder.is_relative_to(project):
            add(name, f"'{name}' must be a folder inside the project, not '{options[name]}'")
        elif name == "content_dir" and not folder.is_dir():
            folders = [p.name for p in project.iterdir() if p.is_dir() and not p.name.startswith(".")]
            add(name, f"the content folder '{options[name]}' does not exist", closest(str(options[name]), folders))
    for index, fmt in enumerate(options.get("exports") or []):
        if fmt not in EXPORT_FORMATS:
            add(
                "exports",
                f"exports[{index + 1}]: unknown export format '{fmt}' (use {', '.join(EXPORT_FORMATS)})",
                closest(str(fmt), EXPORT_FORMATS),
            )
    strings = project / str(options.get("strings_dir", "strings"))
    _check_languages(options.get("languages") or [], known_languages(strings), theme_languages(), add)
    _check_records(options.get("records") or {}, add)
    _check_renewals(options.get("renew") or {}, add)
    for kind, title in (options.get("role_kinds") or {}).items():
        if not isinstance(title, str | dict):
            add("role_kinds", f"the title of role kind '{kind}' must be text or {{en: …, ru: …}}, not {_shown(title)}")


def _check_records(records: Mapping[str, Any], add: Any) -> None:
    """The records settings: same-origin paths only (the pages' CSP allows no other host), known events, IRIs."""
    from .records import EVENTS, is_iri, is_same_origin_path

    for key in ("lrs", "whoami"):
        value = records.get(key)
        if value is not None and not is_same_origin_path(value):
            add(
                f"records.{key}",
                f"records: {key} must be a path on the portal's own server such as '/{key}/' "
                f"(got {value!r}): the pages may only connect to their own host",
            )
    for event, iri in (records.get("verbs") or {}).items():
        if event not in EVENTS:
            add(
                f"records.verbs.{event}",
                f"records: unknown verb override '{event}' (events: {', '.join(EVENTS)})",
                closest(str(event), list(EVENTS)),
            )
        elif not (isinstance(iri, str) and is_iri(iri)):
            add(f"records.verbs.{event}", f"records: the verb for '{event}' must be an http(s) IRI (got {iri!r})")


def _check_renewals(renew: Mapping[str, Any], add: Any) -> None:
    """`renew: {refresher: 12 months}`: a known path kind and a period that parses."""
    from .renewal import parse_period

    for kind, value in renew.items():
        if kind not in BUDGET_KINDS:
            add(
                f"renew.{kind}",
                f"renew: unknown path '{kind}' ({' or '.join(BUDGET_KINDS)})",
                closest(str(kind), BUDGET_KINDS),
            )
            continue
        _period, problem = parse_period(value)
        if problem:
            add(f"renew.{kind}", f"renew: {kind}: {problem}")


def _check_languages(languages: Iterable[Any], known: list[str], theme: list[str] | None, add: Any) -> None:
    for lang in languages:
        if not isinstance(lang, str) or not is_language_tag(lang):
            add(
                "languages",
                f"'{lang}' in languages is not a language code such as ru, uk or pt-BR",
                closest(str(lang).lower(), known),
            )
        elif lang not in known and lang.split("-")[0] not in known:
            add(
                "languages",
                f"there are no interface strings for '{lang}' (the portal has {', '.join(known)}): "
                f"add strings/{lang}.yml, or correct the code",
                closest(lang, known),
            )
        elif theme is not None and lang not in theme and lang.split("-")[0] not in theme:
            add("languages", f"Material for MkDocs has no words for '{lang}'", closest(lang, theme))


def _near(key: str, known: list[str]) -> str | None:
    near = closest(key, known)
    return near or next((k for k in sorted(known) if k.startswith(key) or key.startswith(k)), None)


def _minutes(text: str) -> int | None:
    """180 for '3h', '3 h', '3 hours', '2h30', '90 min': what an author meant by a budget in words."""
    match = re.fullmatch(r"\s*(?:(\d+)\s*h(?:ours?)?)?\s*(?:(\d+)\s*m(?:in(?:utes?)?)?)?\s*", text.lower())
    if not match or not any(match.groups()):
        match2 = re.fullmatch(r"\s*(\d+)\s*h\s*(\d+)\s*", text.lower())
        return int(match2[1]) * 60 + int(match2[2]) if match2 else None
    return int(match[1] or 0) * 60 + int(match[2] or 0)


def _shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else f"{type(value).__name__} {value!r}"[:80]
