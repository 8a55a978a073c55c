"""Interface strings, plural forms, and dates and numbers in the reader's language.

Every word the engine itself shows (navigation, quiz, progress, certificate,
notes) comes from a string catalogue: `cxportal/strings/<lang>.yml`, flat
dotted keys, with plural entries as mappings of CLDR categories
(`{one: …, few: …, many: …, other: …}`) and `{name}` placeholders. A project
can change or add strings in its own `strings/<lang>.yml`.

A language missing a key falls back to its base language (`pt-BR` → `pt`),
then to English, so a reader never sees a bare key. Plural categories and
date/number formats come from Babel's copy of the CLDR data (Babel is already
a dependency of Material for MkDocs). Nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal as _babel_decimal

from .problems import Problem, closest
from .yamlfile import parse_yaml, read_text, refusal

DEFAULT_LANG = "en"
STRINGS_DIR = Path(__file__).parent / "strings"
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
# A BCP 47-shaped tag: a 2-3 letter language, then optional script/region/variant subtags.
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-[A-Za-z0-9]{5,8})*$")
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
# Keys only a project's catalogue gives (the engine has no value for them): mkdocs.yml's settings by language.
SITE_KEYS = {"site_name": "site.name", "site_description": "site.description", "copyright": "site.copyright"}
# Keys whose strings the browser modules need (delivered as one generated module per language).
BROWSER_PREFIXES = ("js.",)
# Keys of the words a fill-in answer may use: answers.numbers.<n> and answers.units.<kind>, comma-separated.
ANSWER_NUMBERS, ANSWER_UNITS = "answers.numbers.", "answers.units."


def is_language_tag(value: str) -> bool:
    return bool(LANGUAGE_TAG.match(value))


def language_chain(lang: str) -> list[str]:
    """Languages to try, most specific first: pt-BR → pt-BR, pt, en."""
    chain = [lang]
    if "-" in lang:
        chain.append(lang.split("-")[0])
    if DEFAULT_LANG not in chain:
        chain.append(DEFAULT_LANG)
    return chain


@functools.lru_cache(maxsize=4096)  # every page prints the same few dates and numbers; Babel is slow
def _format_date(day: dt.date, form: str, locale: Locale) -> str:
    return str(_babel_date(day, form, locale=locale))


@functools.lru_cache(maxsize=4096)
def _format_number(value: float, locale: Locale) -> str:
    return str(_babel_decimal(value, locale=locale))


def babel_locale(lang: str) -> Locale:
    """Babel's locale for a BCP 47 tag (English if Babel does not know the language)."""
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        try:
            return Locale.parse(lang.split("-")[0])
        except (ValueError, UnknownLocaleError):
            return Locale.parse(DEFAULT_LANG)


def plural_category(lang: str, count: float) -> str:
    """CLDR plural category of `count` in `lang`: ru 1 → one, 2 → few, 5 → many, 21 → one."""
    return str(babel_locale(lang).plural_form(abs(count)))


def read_catalogue(path: Path) -> dict[str, Any]:
    """One catalogue file as {key: string or {category: string}}; nested mappings are flattened.

    Never raises: what `check_catalogue` reports (a syntax error, a value that is not text) is
    left out here, so the engine's own string shows instead.
    """
    return {key: value for key, (value, _line) in _flat_catalogue(path, str(path))[0].items()}


def _flat_catalogue(path: Path, rel: str) -> tuple[dict[str, tuple[Any, int]], list[Problem]]:
    """{key: (string or {category: string}, line)} and the problems of reading the file."""
    raw = read_text(path, rel, None)
    if isinstance(raw, Problem):
        return {}, [raw]
    data, problems = parse_yaml(raw, rel)
    if data is None:
        return {}, problems
    if not isinstance(data, dict):
        return {}, [*problems, Problem(rel, 1, "a string catalogue must be a mapping of keys to strings")]
    flat: dict[str, tuple[Any, int]] = {}

    def walk(prefix: str, value: Any, line: int) -> None:
        if isinstance(value, dict) and not set(map(str, value)) <= set(PLURAL_CATEGORIES):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner, getattr(value, "line_of", lambda _k: line)(key))
        elif isinstance(value, dict):
            forms = {str(k): v for k, v in value.items()}
            if all(isinstance(v, str) for v in forms.values()):
                flat[prefix] = (forms, line)
            else:
                problems.append(Problem(rel, line, f"'{prefix}': every plural form must be text in quotes"))
        elif isinstance(value, str):
            flat[prefix] = (value, line)
        else:
            shown = "nothing" if value is None else f"{type(value).__name__} {value!r}"
            if isinstance(value, bool):  # yes, no, on, off unquoted
                shown = f"{str(value).lower()} (yes, no, on and off unquoted are read as true or false)"
            problems.append(Problem(rel, line, f"'{prefix}' must be text (in quotes if need be), not {shown}"))

    walk("", data, 1)
    return flat, problems


def check_catalogue(path: Path, rel: str, lang: str | None = None) -> list[Problem]:
    """Every problem of one catalogue file, at its line: keys neither the engine nor the project's
    English catalogue beside it knows (a misspelt override never shows; a project's own strings, for
    its macros or templates, are keys of its English file), values that are not text, plural forms
    the language needs, placeholders the English string does not fill."""
    lang = lang or path.stem
    if not is_language_tag(lang):
        return [Problem(rel, 1, f"'{lang}' in the file name is not a language code such as ru, uk or pt-BR")]
    flat, problems = _flat_catalogue(path, rel)
    reference = read_catalogue(STRINGS_DIR / f"{DEFAULT_LANG}.yml")
    project_english = path.with_name(f"{DEFAULT_LANG}.yml")
    if project_english.is_file() and project_english != path:
        reference = {**_flat_values(project_english), **reference}
    elif project_english == path:
        reference = {**{key: value for key, (value, _line) in _flat_catalogue(path, rel)[0].items()}, **reference}
    needed = sorted(set(babel_locale(lang).plural_form.tags) | {"other"}, key=PLURAL_CATEGORIES.index)
    for key, (value, line) in flat.items():
        if key not in reference and key not in SITE_KEYS.values():
            problems.append(
                Problem(rel, line, f"unknown string key '{key}'", closest(key, [*reference, *SITE_KEYS.values()]))
            )
            continue
        english = reference.get(key, "")  # a site.* key has no engine value: it is plain text
        if isinstance(english, dict) and not isinstance(value, dict):
            problems.append(
                Problem(
                    rel,
                    line,
                    f"'{key}' counts something: give its plural forms {{{', '.join(f'{form}: …' for form in needed)}}}",
                )
            )
            continue
        if isinstance(value, dict):
            missing = [form for form in needed if form not in value]
            unknown = [form for form in value if form not in PLURAL_CATEGORIES]
            if missing:
                problems.append(
                    Problem(rel, line, f"'{key}' lacks the plural form(s) {', '.join(missing)} that {lang} needs")
                )
            if unknown:
                problems.append(
                    Problem(
                        rel,
                        line,
                        f"'{key}': '{unknown[0]}' is not a plural form ({', '.join(PLURAL_CATEGORIES)})",
                        closest(unknown[0], PLURAL_CATEGORIES),
                    )
                )
        allowed = set(PLACEHOLDER.findall(str(english)))
        for text in value.values() if isinstance(value, dict) else [value]:
            for name in PLACEHOLDER.findall(text):
                if name not in allowed and name != "count":
                    problems.append(
                        Problem(
                            rel,
                            line,
                            f"'{key}' uses {{{name}}}, which the portal does not fill "
                            f"here (it fills {', '.join(f'{{{n}}}' for n in sorted(allowed)) or 'none'})",
                            closest(name, allowed),
                        )
                    )
    return problems


def _flat_values(path: Path) -> dict[str, Any]:
    """A catalogue's values by key; {} for a file that cannot be read (its own check reports it)."""
    try:
        return read_catalogue(path)
    except Exception:  # noqa: BLE001 - a broken file is reported where it is checked itself
        return {}


def catalogue_problems(folder: Path, project_dir: Path) -> list[Problem]:
    """The problems of a project's own catalogues (`strings/*.yml`), paths relative to the project."""
    if not folder.is_dir():
        return []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yml")):
        rel = os.path.relpath(path, project_dir)
        refused = refusal(path, rel, project_dir)
        problems += [refused] if refused else check_catalogue(path, rel)
    return problems


def catalogue_files(lang: str, project_dirs: Iterable[Path] = ()) -> list[Path]:
    """The files that make up one language's catalogue, the engine's first, then each project folder's."""
    files = [STRINGS_DIR / f"{lang}.yml"]
    files += [Path(d) / f"{lang}.yml" for d in project_dirs]
    return [f for f in files if f.is_file()]


@dataclass
class Strings:
    """The interface strings of one language, with fallbacks, plurals and locale formats."""

    lang: str = DEFAULT_LANG
    project_dirs: tuple[Path, ...] = ()
    missing: set[str] = field(default_factory=set)

    @cached_property
    def layers(self) -> list[dict[str, Any]]:
        """Catalogues in lookup order: the language, its base language, then English."""
        layers = []
        for lang in language_chain(self.lang):
            merged: dict[str, Any] = {}
            for path in catalogue_files(lang, self.project_dirs):
                merged.update(read_catalogue(path))
            layers.append(merged)
        return layers

    @cached_property
    def keys(self) -> set[str]:
        return {key for layer in self.layers for key in layer}

    def has(self, key: str) -> bool:
        return any(key in layer for layer in self.layers)

    def raw(self, key: str) -> Any:
        for layer in self.layers:
            if key in layer:
                return layer[key]
        self.missing.add(key)
        return key

    def __call__(self, key: str, **params: Any) -> str:
        """The string for `key` with `{name}` placeholders filled; `count=` picks the plural form."""
        value = self.raw(key)
        if isinstance(value, dict):
            count = params.get("count", 0)
            value = value.get(plural_category(self.lang, count)) or value.get("other") or next(iter(value.values()))
        return self.fill(value, params)

    def fill(self, template: str, params: Mapping[str, Any]) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in params:
                return match.group(0)
            value = params[name]
            if isinstance(value, bool):
                return str(value)
            if isinstance(value, int | float):
                return self.number(value)
            if isinstance(value, dt.date):
                return self.date(value)
            return str(value)

        return PLACEHOLDER.sub(replace, template)

    # Locale formats ------------------------------------------------------------

    @cached_property
    def locale(self) -> Locale:
        return babel_locale(self.lang)

    def number(self, value: float) -> str:
        """1234.5 → "1,234.5" in English, "1 234,5" in Russian."""
        return _format_number(value, self.locale)

    def date(self, value: dt.date | str, form: str = "long") -> str:
        """A date in the reader's language: "23 November 2026" → «23 ноября 2026 г.»."""
        if isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                return value
        else:
            day = value
        return _format_date(day, form, self.locale)

    def minutes(self, minutes: int) -> str:
        """A duration such as "1 h 30 min" in the reader's language."""
        hours, rest = divmod(int(minutes), 60)
        if hours and rest:
            return self("time.hours_minutes", hours=hours, minutes=rest)
        if hours:
            return self("time.hours", hours=hours)
        return self("time.minutes", minutes=rest)

    def duration(self, minutes: int) -> str:
        """A duration in words, as prose writes it: "3 hours", «3 часа», "1 hour 30 minutes" (CLDR units)."""
        from babel.units import format_unit

        hours, rest = divmod(int(minutes), 60)
        parts = [format_unit(hours, "duration-hour", length="long", locale=self.locale)] if hours else []
        if rest or not hours:
            parts.append(format_unit(rest, "duration-minute", length="long", locale=self.locale))
        return " ".join(parts)

    def quantity(self, value: float, unit: str) -> str:
        """A measured value with its unit in the reader's language: "72%" / «72 %», "58 hours" / «58 часов».

        `%` and `hours` are CLDR units; any other unit (such as `points`) is a name the content
        gives in its own words, so the number is shown alone and the sentence names the unit.
        """
        if unit == "%":
            from babel.numbers import format_percent

            return format_percent(value / 100, locale=self.locale)
        if unit in ("hours", "minutes", "days"):
            from babel.units import format_unit

            return format_unit(value, f"duration-{unit[:-1]}", length="long", locale=self.locale)
        return self.number(value)

    def language_name(self, lang: str | None = None) -> str:
        """A language's own name, capitalised ("Русский", "Українська")."""
        name = babel_locale(lang or self.lang).get_display_name() or (lang or self.lang)
        return name[:1].upper() + name[1:]

    # Fill-in answers ---------------------------------------------------------------

    def answer_words(self) -> dict[str, dict[str, Any]]:
        """The words a fill-in answer may use for numbers and units, in this language and every language
        of its chain (so English words count everywhere): {"numbers": {word: n}, "units": {word: kind}}."""
        numbers: dict[str, int] = {}
        units: dict[str, str] = {}
        for layer in reversed(self.layers):
            for key, value in layer.items():
                if not isinstance(value, str):
                    continue
                words = [w.strip().lower() for w in value.split(",") if w.strip()]
                if key.startswith(ANSWER_NUMBERS) and key[len(ANSWER_NUMBERS) :].isdigit():
                    numbers.update(dict.fromkeys(words, int(key[len(ANSWER_NUMBERS) :])))
                elif key.startswith(ANSWER_UNITS):
                    units.update(dict.fromkeys(words, key[len(ANSWER_UNITS) :]))
        return {"numbers": numbers, "units": units}

    # For the browser -------------------------------------------------------------

    def browser_strings(self) -> dict[str, Any]:
        """Every browser string (keys under js.), with fallbacks resolved, for the generated module."""
        keys = sorted(k for k in self.keys if k.startswith(BROWSER_PREFIXES))
        return {key[len("js.") :]: self.raw(key) for key in keys}

    def browser_module(self) -> str:
        """The ES module `assets/cxportal/strings.js` of this language's site."""
        import json

        payload = json.dumps(self.browser_strings(), ensure_ascii=False, indent=0, sort_keys=True)
        return (
            "// Generated by cxportal for one language of the site: interface strings for the browser modules.\n"
            f"export const lang = {json.dumps(self.lang)};\n"
            f"export const strings = {payload};\n"
            "// Words for numbers and units in fill-in answers (quiz.js), this language's and its fallbacks'.\n"
            f"export const answerWords = {json.dumps(self.answer_words(), ensure_ascii=False, sort_keys=True)};\n"
        )
