"""What a reader sees on a built page, and what no page may ever show them.

Engine-independent: it reads finished HTML files the way a browser shows them
(entities decoded; scripts, styles and code blocks skipped) and knows nothing of
cxportal, MkDocs or Material. Three checks, each a function of one page:

- `markup_as_text`: an HTML tag or entity a reader sees as text ("Total: <strong>2 h</strong>",
  "See <a href=…>", "&amp;").
- `source_as_text`: front matter, template or Markdown syntax a reader sees as text
  (`render_macros: false`, `{{ … }}`, `**bold**`, `[text](url)`, `{ .class }`, `\\u0412`).
- `english_on`: on a page whose <html lang> is not English, English in the visible text or in
  the attributes a reader meets (title, aria-label, alt, placeholder). Text inside an element
  whose `lang` says it is another language (a term given in its original English) is not counted;
  codes, model names and proper names are allowed by `tests/reader_allow.yml`, each with its reason.

`site_findings(site)` runs all three over every page of a built site.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import yaml

ALLOW_FILE = Path(__file__).resolve().parent / "reader_allow.yml"

# Elements whose text is not read as prose: code shows syntax on purpose; scripts and styles are not text.
SKIP = {"script", "style", "code", "pre", "textarea", "kbd", "samp", "template", "noscript"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
READER_ATTRS = ("title", "aria-label", "alt", "placeholder")

# HTML elements a reader should never see as tags.
_ELEMENTS = (
    "a|abbr|article|aside|b|blockquote|br|button|caption|cite|code|dd|del|details|dfn|div|dl|dt|em|figcaption|"
    "figure|footer|form|h[1-6]|header|hr|i|img|input|ins|label|li|main|mark|meta|nav|ol|option|p|q|s|section|"
    "select|small|span|strong|sub|summary|sup|svg|table|tbody|td|tfoot|th|thead|time|tr|u|ul|script|iframe|style"
)
TAG = re.compile(rf"</?(?:{_ELEMENTS})(?:\s[^<>]{{0,300}})?/?>", re.I)
# An entity left as text after decoding: escaped twice.
ENTITY = re.compile(r"&(?:[a-z]{2,8}|#[0-9]{2,6}|#x[0-9a-f]{2,5});", re.I)

FRONT_MATTER_KEYS = (
    "title|description|render_macros|template|hide|search|status|tags|owner|version|reviewed|summary|duration|"
    "cx_[a-z_]+"
)
SOURCE = [
    ("front matter", re.compile(rf"^\s*(?:{FRONT_MATTER_KEYS})\s*:\s+\S", re.M)),
    ("front matter", re.compile(r"^\s*---\s*$", re.M)),
    ("front matter", re.compile(r"(?<![\w-])(?:render_macros|cx_[a-z_]+)\s*:\s")),
    ("template", re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)),
    ("JSON escape", re.compile(r"\\u[0-9a-fA-F]{4}")),
    ("attribute list", re.compile(r"\{:?\s*[.#][\w-]+[^}\n]*\}")),
    ("icon shortcode", re.compile(r"(?<![\w/:]):(?:material|octicons|fontawesome|simple)-[a-z0-9-]+:")),
    ("abbreviation", re.compile(r"^\s*\*\[[^\]\n]+\]:", re.M)),
    ("heading", re.compile(r"^\s*#{1,6} \S", re.M)),
    ("bold", re.compile(r"(?<![*\w])\*\*[^*\n]+\*\*(?!\*)|(?<![_\w])__[^_\n]+__(?![_\w])")),
    ("link", re.compile(r"!?\[[^\]\n]+\]\((?:[^()\s]+)\)")),
    ("admonition", re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[a-z]+", re.M)),
]

# Common English words: one in a short label or two in a run of text make it English. Proper names,
# codes and model names are rarely among them; those that are go into reader_allow.yml.
ENGLISH = frozenset(
    """a about after again all also an and any are as at back be been before below both but by can cannot
    change changed changes check close code codes contents continue copied copy could dark date day days
    did do does done down each edit every example examples export file files find first for from go had has
    have help here hide home hour hours how if import in into is it its last less light link links load
    loading mark marked menu min minute minutes missing mode more most my name new next no not note notes
    now of off office on one only open or other our out over page pages pass passed path paths per percent
    permanent points previous print progress question questions quiz quizzes read ready result results
    retry role roles score search see select show skip some start step steps switch table than that the
    their them then there these they this those time to top total training try two type under unknown up
    us use version was we were what when where which while who why will with without you your
    onboarding refresher playbook playbooks leader leaders manager certificate glossary season team
    author authors writing portal internal share shared button buttons yes""".split()
)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True)
class Finding:
    page: str
    check: str
    what: str

    def __str__(self) -> str:
        return f"{self.page}: {self.check}: {self.what[:90]!r}"


@dataclass
class PageText:
    """A page as its reader meets it: the page language, runs of visible text, and labelled attributes.

    `runs` are text runs between element boundaries; `foreign` marks runs inside an element whose
    `lang` differs from the page's (declared to be in another language)."""

    lang: str = ""
    runs: list[tuple[str, bool]] = field(default_factory=list)
    labels: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(run for run, _ in self.runs)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageText()
        self.stack: list[tuple[str, str | None]] = []  # open elements and their lang attribute
        self.skip = 0
        self.buffer: list[str] = []

    def _lang(self) -> str:
        for _, lang in reversed(self.stack):
            if lang is not None:
                return lang
        return self.page.lang

    def _foreign(self) -> bool:
        own, page = self._lang().split("-")[0].lower(), self.page.lang.split("-")[0].lower()
        return bool(own) and own != page

    def _flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        if text:
            self.page.runs.append((text, self._foreign()))
        self.buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        values = dict(attrs)
        if tag == "html":
            self.page.lang = values.get("lang") or ""
        if tag not in VOID:
            self.stack.append((tag, values.get("lang")))
            if tag in SKIP:
                self.skip += 1
        if not self.skip:
            foreign = self._foreign() if tag not in VOID else False
            for name in READER_ATTRS:
                if values.get(name):
                    self.page.labels.append((" ".join(str(values[name]).split()), foreign))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        values = dict(attrs)
        if not self.skip:
            for name in READER_ATTRS:
                if values.get(name):
                    self.page.labels.append((" ".join(str(values[name]).split()), self._foreign()))

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for closed, _ in self.stack[i:]:
                    if closed in SKIP:
                        self.skip -= 1
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def read_page(html: str) -> PageText:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


# Checks ---------------------------------------------------------------------------------------


def markup_as_text(page: PageText) -> Iterator[str]:
    for run, _ in page.runs:
        for match in TAG.finditer(run):
            yield match.group(0)
        for match in ENTITY.finditer(run):
            yield match.group(0)
    for label, _ in page.labels:
        for match in TAG.finditer(label):
            yield match.group(0)


def source_as_text(page: PageText) -> Iterator[str]:
    text = page.text
    for name, pattern in SOURCE:
        for match in pattern.finditer(text):
            yield f"{name}: {match.group(0).strip()}"
    for label, _ in page.labels:
        for name, pattern in SOURCE:
            for match in pattern.finditer(label):
                yield f"{name}: {match.group(0).strip()}"


@dataclass(frozen=True)
class Allowed:
    pattern: re.Pattern[str]
    reason: str


@cache
def allow_list(path: Path = ALLOW_FILE) -> tuple[Allowed, ...]:
    """The Latin-script words a translated page may show, each with its reason (tests/reader_allow.yml)."""
    entries = yaml.safe_load(path.read_text("utf-8")) or []
    allowed = []
    for entry in entries:
        if not entry.get("reason"):
            raise ValueError(f"{path}: {entry!r} has no reason")
        if "pattern" in entry:
            allowed.append(Allowed(re.compile(entry["pattern"]), entry["reason"]))
        else:
            allowed.append(
                Allowed(re.compile(r"(?<![\w-])" + re.escape(entry["text"]) + r"(?![\w-])"), entry["reason"])
            )
    return tuple(allowed)


def english_words(text: str, allowed: tuple[Allowed, ...]) -> tuple[list[str], int]:
    """Common English words in `text` once allowed names are taken out, and how many words it has in all."""
    for entry in allowed:
        text = entry.pattern.sub(" ", text)
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return [w for w in LATIN_WORD.findall(text) if w.lower() in ENGLISH], len(words)


def is_english(text: str, allowed: tuple[Allowed, ...]) -> bool:
    """Two common English words, or a label of at most three words with one of them ("Search", "Next step")."""
    english, total = english_words(text, allowed)
    return len(english) >= 2 or (len(english) == 1 and total <= 3)


def english_on(page: PageText, allowed: tuple[Allowed, ...] | None = None) -> Iterator[str]:
    if not page.lang or page.lang.lower().startswith("en"):
        return
    allowed = allow_list() if allowed is None else allowed
    for text, foreign in page.runs + page.labels:
        if not foreign and is_english(text, allowed):
            yield text


CHECKS = {"markup as text": markup_as_text, "source as text": source_as_text, "English": english_on}


def page_findings(html: str, name: str = "page") -> list[Finding]:
    page = read_page(html)
    return [Finding(name, check, what) for check, run in CHECKS.items() for what in run(page)]


def site_findings(site: Path) -> list[Finding]:
    """Every finding on every page of a built site (every language: each page says its own)."""
    found: list[Finding] = []
    for path in sorted(site.rglob("*.html")):
        found += page_findings(path.read_text("utf-8", "replace"), path.relative_to(site).as_posix())
    return found
