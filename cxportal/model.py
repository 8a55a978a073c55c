"""The portal's content as typed, immutable objects.

Nothing here knows about MkDocs or HTML: the loader builds these objects from
`playbooks/`, the validator checks them, and the MkDocs plugin renders them.
Every object remembers the file and line it came from, so any problem found
later can point back at the author's text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Literal

from .problems import Problem

DEFAULT_LANG = "en"

# A role kind is the content's own word (e.g. "front-line"); titles and order come from the plugin's
# `role_kinds` option (see structure.role_kinds), never from the engine.
RoleKind = str

PathKind = Literal["onboarding", "refresher"]
PATH_KINDS: tuple[PathKind, ...] = ("onboarding", "refresher")

QuestionType = Literal["single", "multiple", "true_false", "ordering", "matching", "fill_blank", "self_assessment"]
QUESTION_TYPES: tuple[QuestionType, ...] = (
    "single",
    "multiple",
    "true_false",
    "ordering",
    "matching",
    "fill_blank",
    "self_assessment",
)

# Pages a learning path may point at besides playbooks, quizzes and activities (titled by the catalogue's
# special_page.<name>), with their reading time in a path (documented for authors in docs/authoring.md).
SPECIAL_PAGE_MINUTES = {"season": 10, "changes": 5}
# Reading speed for computed durations: readers working in a second language read 120-150 words a minute.
DEFAULT_WORDS_PER_MINUTE = 150


def reading_minutes(words: int, words_per_minute: int = DEFAULT_WORDS_PER_MINUTE) -> int:
    """Minutes it takes to read `words` words, rounded up, at least one."""
    return max(1, -(-words // max(1, words_per_minute)))


@dataclass(frozen=True)
class Source:
    """Where a value was written: a path relative to the project and a 1-based line."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Text:
    """A text field with a version per language; English is the default.

    Authors write a plain string or a mapping such as ``{en: ..., ru: ...}``.
    """

    by_lang: Mapping[str, str]

    @classmethod
    def of(cls, value: str) -> Text:
        return cls(MappingProxyType({DEFAULT_LANG: value}))

    def get(self, lang: str = DEFAULT_LANG) -> str:
        """The version in `lang` (any BCP 47 tag), else its base language (pt-BR → pt), else English."""
        return (
            self.by_lang.get(lang)
            or (self.by_lang.get(lang.split("-")[0]) if "-" in lang else None)
            or self.by_lang.get(DEFAULT_LANG, "")
        )

    def has(self, lang: str) -> bool:
        """Whether the text is written in `lang` itself (not shown through the English fallback)."""
        return bool(self.by_lang.get(lang) or ("-" in lang and self.by_lang.get(lang.split("-")[0])))

    def with_lang(self, lang: str, value: str) -> Text:
        """A copy with `value` as the `lang` version (used to merge a translated quiz into its original)."""
        if not value:
            return self
        return Text(MappingProxyType({**self.by_lang, lang: value}))

    def __str__(self) -> str:
        return self.get()

    def __bool__(self) -> bool:
        return bool(self.get())


EMPTY_TEXT = Text(MappingProxyType({}))


@dataclass(frozen=True)
class Item:
    """A citable section of a playbook: a heading written as ``## [CODE] Title``."""

    code: str
    title: str
    summary: str
    playbook_id: str
    source: Source

    @property
    def anchor(self) -> str:
        # Derived from the code, never from the title, so rewording a heading keeps links.
        return self.code.lower()


@dataclass(frozen=True)
class Change:
    version: str
    date: dt.date
    note: str
    acknowledge: bool = False  # readers confirm again after this change (when the playbook asks)


@dataclass(frozen=True)
class SourceRef:
    """Where a playbook's facts come from: one article (front matter `sources:`)."""

    title: str
    author: str = ""
    organisation: str = ""
    published: dt.date | None = None
    research_period: str = ""
    url: str = ""
    seed: str = ""


@dataclass(frozen=True)
class Playbook:
    id: str
    title: str
    summary: str
    audiences: tuple[str, ...]
    duration: int
    version: str
    reviewed: dt.date
    owner: str
    changes: tuple[Change, ...]
    items: tuple[Item, ...]
    anchors: tuple[str, ...]  # explicit {#anchor} headings
    body: str  # Markdown without the front matter
    body_line: int  # line of the body's first line in the file
    word_count: int
    source: Source
    field_lines: Mapping[str, int] = field(default_factory=dict)  # front-matter key -> line
    lang: str = DEFAULT_LANG
    anchor_lines: tuple[int, ...] = ()  # the line of each explicit anchor's heading, as in `anchors`
    sources: tuple[SourceRef, ...] = ()
    stated_duration: int | None = None  # `duration` as written; None when it is computed from the words
    # Explicit {#anchor} -> codes of the items inside that section or around it.
    anchor_codes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Readers confirm they have read it (front matter `acknowledge: true`).
    acknowledge: bool = False
    # In a translation (<id>.<lang>.md): the original's version it matches, and a newer one it was checked against.
    translation_of: str = ""
    acknowledges: str = ""

    def line_of(self, key: str) -> int:
        return self.field_lines.get(key, 1)

    def is_for(self, role_id: str) -> bool:
        return "all" in self.audiences or role_id in self.audiences

    def acknowledged_versions(self) -> tuple[str, ...]:
        """The versions whose confirmation still counts: the current one and every version since the newest
        change marked `acknowledge: true` (every listed version when none is). Empty when nothing is asked.
        `changes:` lists the newest first."""
        if not self.acknowledge:
            return ()
        versions = [self.version]
        for change in self.changes:
            if change.version not in versions:
                versions.append(change.version)
            if change.acknowledge:
                break
        return tuple(versions)


@dataclass(frozen=True)
class Activity:
    """A practice activity: a task done at work, with an instruction page and a self-reported "done"."""

    id: str
    title: str
    summary: str
    duration: int
    cites: tuple[tuple[str, int], ...]  # (code, line)
    version: str
    reviewed: dt.date
    owner: str
    body: str
    source: Source
    field_lines: Mapping[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.field_lines.get(key, 1)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _line in self.cites)


StepKind = Literal["playbook", "quiz", "activity", "page"]
STEP_KINDS: tuple[StepKind, ...] = ("playbook", "quiz", "activity", "page")


@dataclass(frozen=True)
class PathStep:
    """One step of a learning path: a playbook, a quiz, a practice activity or a special page."""

    kind: StepKind
    target: str
    why: Text
    source: Source

    @property
    def key(self) -> str:
        """Stable id of the step, used for progress in the browser."""
        return f"{self.kind}:{self.target}"


@dataclass(frozen=True)
class LearningPath:
    role_id: str
    kind: PathKind
    steps: tuple[PathStep, ...]
    source: Source
    renew: str = ""  # how long a completion counts, canonical ("12 month"; cxportal/renewal.py); "" for ever


@dataclass(frozen=True)
class Role:
    id: str
    name: Text
    kind: RoleKind
    department: Text
    summary: Text
    shapes_cx: Text
    problem_zones: tuple[tuple[str, Source], ...]
    examples: Mapping[str, tuple[Text, Source]]
    paths: Mapping[str, LearningPath]
    source: Source


@dataclass(frozen=True)
class Option:
    text: Text
    correct: bool = False
    feedback: Text = EMPTY_TEXT
    score: float | None = None


@dataclass(frozen=True)
class OrderItem:
    text: Text
    feedback: Text = EMPTY_TEXT


@dataclass(frozen=True)
class MatchPair:
    left: Text
    right: Text
    feedback: Text = EMPTY_TEXT


@dataclass(frozen=True)
class Blank:
    accept: tuple[str, ...]  # plain answers, compared after normalising (see answers.py)
    feedback: Text = EMPTY_TEXT
    patterns: tuple[str, ...] = ()  # regular expressions an answer may match instead
    # Answers accepted in other languages, from translated quiz files ({lang: answers}).
    accept_by_lang: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def accepted(self, lang: str = DEFAULT_LANG) -> tuple[str, ...]:
        """What a reader of `lang` may type: the translated answers first, then the original's."""
        return tuple(dict.fromkeys(self.accept_by_lang.get(lang, ()) + self.accept))


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    prompt: Text
    explanation: Text
    cites: str
    source: Source
    hint: Text = EMPTY_TEXT
    options: tuple[Option, ...] = ()
    items: tuple[OrderItem, ...] = ()
    pairs: tuple[MatchPair, ...] = ()
    blanks: tuple[Blank, ...] = ()
    answer: bool | None = None  # true_false
    feedback_true: Text = EMPTY_TEXT
    feedback_false: Text = EMPTY_TEXT
    field_lines: Mapping[str, int] = field(default_factory=dict)
    variant_of: str = ""  # another question testing the same thing: never drawn into the same attempt
    group: str = ""  # self-assessment: the group this statement counts towards

    def at(self, key: str) -> Source:
        """Where one of the question's fields is written (the question's first line if absent)."""
        return Source(self.source.path, self.field_lines.get(key, self.source.line))

    @property
    def points(self) -> int:
        """What the question is worth: one point per part that can be right."""
        if self.type in ("ordering",):
            return len(self.items)
        if self.type == "matching":
            return len(self.pairs)
        if self.type == "fill_blank":
            return len(self.blanks)
        return 1

    @property
    def max_score(self) -> float:
        """Highest self-assessment score the question can give."""
        return max((o.score or 0 for o in self.options), default=0)

    @property
    def min_score(self) -> float:
        return min((o.score or 0 for o in self.options), default=0)


@dataclass(frozen=True)
class Band:
    """A range of self-assessment totals that places the team, e.g. at a maturity stage."""

    min: float
    max: float
    title: Text
    advice: Text
    cites: str
    source: Source


@dataclass(frozen=True)
class Quiz:
    id: str
    title: Text
    playbook: str
    pass_mark: int | None
    duration: int
    shuffle: bool
    draw: int | None
    questions: tuple[Question, ...]
    bands: tuple[Band, ...]
    source: Source
    groups: Mapping[str, Text] = field(default_factory=dict)  # self-assessment: group id -> title
    # When a reader sees the right answers and explanations: "after_pass" (after a pass, or after a
    # fail when they ask), or "always" (after every Check). See docs/authoring.md, "Retries".
    show_answers: Literal["after_pass", "always"] = "after_pass"

    @property
    def is_self_assessment(self) -> bool:
        return bool(self.questions) and all(q.type == "self_assessment" for q in self.questions)

    @cached_property
    def variant_sets(self) -> tuple[tuple[str, ...], ...]:
        """Question ids that one attempt may ask at most one of, in bank order.

        `variant_of` links questions; linked questions (directly or through others) form one set.
        A question with no variants is a set of its own.
        """
        parent = {q.id: q.id for q in self.questions}

        def root(qid: str) -> str:
            while parent[qid] != qid:
                parent[qid] = parent[parent[qid]]
                qid = parent[qid]
            return qid

        for q in self.questions:
            if q.variant_of and q.variant_of in parent and q.variant_of != q.id:
                parent[root(q.id)] = root(q.variant_of)
        sets: dict[str, list[str]] = {}
        for q in self.questions:
            sets.setdefault(root(q.id), []).append(q.id)
        return tuple(tuple(ids) for ids in sets.values())

    @property
    def asked(self) -> int:
        """How many questions one attempt asks (at most one from each set of variants)."""
        return min(self.draw or len(self.questions), len(self.variant_sets))


@dataclass(frozen=True)
class Metric:
    id: str
    name: Text
    unit: str
    better: Literal["higher", "lower"]
    quarters: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Quote:
    kind: Literal["thanks", "complaint"]
    text: Text
    who: Text
    what_we_did: Text = EMPTY_TEXT


@dataclass(frozen=True)
class Season:
    season: str
    title: Text
    summary: Text
    metrics: tuple[Metric, ...]
    quotes: tuple[Quote, ...]
    source: Source


# A translated glossary definition's leading name: "Name: …" or "Name — …" (no sentence before it).
_LEADING_NAME = re.compile(r"^(?P<name>[^:.!?—]{1,80}?)(?::| —)\s+(?P<rest>\S.*)$")


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    definition: Text
    see: str | None
    source: Source
    # A translated headword shows the English term beside it, unless the author says it is a loanword.
    english_beside: bool = True

    @property
    def anchor(self) -> str:
        return "term-" + "".join(c if c.isalnum() else "-" for c in self.term.lower()).strip("-")

    def headword(self, lang: str = DEFAULT_LANG) -> tuple[str, str]:
        """(headword, definition) as the glossary page shows them in `lang`.

        `term` is the English headword. A translated definition starts with the name the
        portal uses in that language, then a colon or a dash ("Клиентский опыт (CX): то, как…"),
        so its hover text names the term: that name is the headword on the page of that
        language, and the rest the definition.
        """
        text = " ".join(self.definition.get(lang).split())
        if lang == DEFAULT_LANG or not self.definition.has(lang):
            return self.term, text
        found = _LEADING_NAME.match(text)
        if found is None:
            return self.term, text
        rest = found["rest"]
        return found["name"], rest[:1].upper() + rest[1:]


@dataclass(frozen=True)
class Portal:
    """All content of one build, with lookups by id and code."""

    playbooks: Mapping[str, Playbook] = field(default_factory=dict)
    roles: Mapping[str, Role] = field(default_factory=dict)
    quizzes: Mapping[str, Quiz] = field(default_factory=dict)
    glossary: tuple[GlossaryTerm, ...] = ()
    season: Season | None = None
    activities: Mapping[str, Activity] = field(default_factory=dict)
    # Translations by language, then id: playbooks (<id>.<lang>.md) and quiz files (quizzes/<id>.<lang>.yml).
    translations: Mapping[str, Mapping[str, Playbook]] = field(default_factory=dict)
    quiz_translations: Mapping[str, Mapping[str, Quiz]] = field(default_factory=dict)
    activity_translations: Mapping[str, Mapping[str, Activity]] = field(default_factory=dict)
    # Problems that do not stop a build but fail a strict one (a translation older than its original).
    warnings: tuple[Problem, ...] = ()

    @cached_property
    def items(self) -> Mapping[str, Item]:
        """Every citable item by its code (upper case)."""
        return {item.code: item for pb in self.playbooks.values() for item in pb.items}

    def item(self, code: str) -> Item | None:
        return self.items.get(code.strip().upper())

    def quizzes_for(self, playbook_id: str) -> list[Quiz]:
        return [q for q in self.quizzes.values() if q.playbook == playbook_id]

    def step_minutes(self, step: PathStep) -> int:
        """Minutes a path step takes: a playbook's reading time, a quiz's or an activity's duration."""
        if step.kind == "playbook" and step.target in self.playbooks:
            return self.playbooks[step.target].duration
        if step.kind == "quiz" and step.target in self.quizzes:
            return self.quizzes[step.target].duration
        if step.kind == "activity" and step.target in self.activities:
            return self.activities[step.target].duration
        if step.kind == "page":
            return SPECIAL_PAGE_MINUTES.get(step.target, 0)
        return 0

    def path_minutes(self, path: LearningPath) -> int:
        return sum(self.step_minutes(s) for s in path.steps)
