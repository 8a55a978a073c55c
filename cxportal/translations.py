"""Translations: checked against their originals, merged into the model, and counted.

A playbook translation (`<id>.<lang>.md`) must keep every code and explicit
anchor of its original and say which version of the original it matches
(`translation_of`). A translated quiz (`quizzes/<id>.<lang>.yml`) must keep the
question ids, their order, the options and which of them are correct: only the
words change. Such a quiz is merged into its original (each text gains a
`<lang>` version), so a quiz has one id, one content hash and one stored result
in every language.

A translation older than its original is only a warning (it still reads well,
it may just miss the latest change); it fails `--strict` unless the translation
`acknowledges` the original's current version.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .model import Blank, MatchPair, Option, OrderItem, Playbook, Portal, Question, Quiz, Source, Text
from .problems import Problem

ANCHOR = re.compile(r"\{[^}]*#(?P<anchor>[A-Za-z0-9_-]+)[^}]*\}\s*$")


@dataclass
class TranslationReport:
    """Errors (a translation that changes what the original says or asks) and warnings (one that lags behind)."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, source: Source, message: str) -> None:
        self.problems.append(Problem(source.path, source.line, message))

    def warn(self, source: Source, message: str) -> None:
        self.warnings.append(Problem(source.path, source.line, message, severity="warning"))


def version_key(version: str) -> tuple:
    """'1.10' sorts after '1.9': numeric parts compare as numbers."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.\-]", str(version).strip()))


# Playbooks -----------------------------------------------------------------------


def check_playbook(original: Playbook, translation: Playbook, out: TranslationReport) -> None:
    at = translation.source.path
    codes = {item.code: item for item in translation.items}
    previous_line = translation.body_line
    for item in original.items:
        if item.code in codes:
            previous_line = codes[item.code].source.line
            continue
        out.error(
            Source(at, previous_line),
            f"the translation lacks the code {item.code} of its original ({item.source}): "
            f"translate the heading as '## [{item.code}] …'",
        )
    original_codes = {item.code for item in original.items}
    for item in translation.items:
        if item.code not in original_codes:
            out.error(item.source, f"the code {item.code} is not in the original {original.source.path}")
    for anchor in original.anchors:
        if anchor not in translation.anchors:
            out.error(
                Source(at, translation.body_line),
                f"the translation lacks the anchor {{#{anchor}}} of its original {original.source.path}: "
                "keep it on the translated heading so links keep working",
            )
    if set(original.audiences) != set(translation.audiences):
        out.error(
            Source(at, translation.line_of("audiences")),
            f"a translation has the same audiences as its original: {', '.join(original.audiences)}",
        )
    check_version(original, translation, out)


def check_version(original: Playbook, translation: Playbook, out: TranslationReport) -> None:
    at = translation.source.path
    if not translation.translation_of:
        out.error(
            Source(at, 1),
            f"a translation says which version of the original it matches: "
            f"add 'translation_of: \"{original.version}\"' to the front matter",
        )
        return
    line = Source(at, translation.line_of("translation_of"))
    if version_key(translation.translation_of) > version_key(original.version):
        out.error(
            line,
            f"translation_of '{translation.translation_of}' is newer than the original's version "
            f"'{original.version}' ({original.source.path})",
        )
    elif version_key(translation.translation_of) < version_key(original.version):
        if translation.acknowledges and version_key(translation.acknowledges) >= version_key(original.version):
            return
        out.warn(
            line,
            f"the translation matches version {translation.translation_of} but the original "
            f"{original.source.path} is at version {original.version}: update the translation, or add "
            f"'acknowledges: \"{original.version}\"' if that change needs no translation",
        )


# Quizzes -----------------------------------------------------------------------------


def check_quiz(original: Quiz, translation: Quiz, out: TranslationReport) -> bool:
    """Whether the translated quiz asks the same questions with the same answers (problems go to `out`)."""
    before = len(out.problems)
    if translation.playbook != original.playbook:
        out.error(
            translation.source, f"a translated quiz belongs to the same playbook as its original: '{original.playbook}'"
        )
    theirs = {q.id: q for q in translation.questions}
    ours = {q.id for q in original.questions}
    for q in original.questions:
        if q.id not in theirs:
            out.error(translation.source, f"the translation lacks the question '{q.id}' of its original ({q.source})")
    for q in translation.questions:
        if q.id not in ours:
            out.error(q.source, f"the question '{q.id}' is not in the original {original.source.path}")
    shared = [q.id for q in original.questions if q.id in theirs]
    if [q.id for q in translation.questions if q.id in ours] != shared:
        out.error(translation.source, "the questions are in a different order than in the original: keep the order")
    for q in original.questions:
        if q.id in theirs:
            check_question(q, theirs[q.id], out)
    if [(b.min, b.max, b.cites) for b in original.bands] != [(b.min, b.max, b.cites) for b in translation.bands]:
        out.error(translation.source, "the bands differ from the original's (same ranges and codes, translated words)")
    return len(out.problems) == before


def check_question(ours: Question, theirs: Question, out: TranslationReport) -> None:
    if ours.type != theirs.type:
        out.error(theirs.at("type"), f"question '{ours.id}' is a {ours.type} question in the original")
        return
    if ours.cites != theirs.cites:
        out.error(theirs.at("cites"), f"question '{ours.id}' cites {ours.cites} in the original")
    for what, a, b in (
        ("option", ours.options, theirs.options),
        ("item", ours.items, theirs.items),
        ("pair", ours.pairs, theirs.pairs),
        ("blank", ours.blanks, theirs.blanks),
    ):
        if len(b) < len(a):
            out.error(
                theirs.at(what + "s"),
                f"question '{ours.id}' lacks {what} {len(b) + 1} of {len(a)} of its original ({ours.source})",
            )
        elif len(b) > len(a):
            out.error(theirs.at(what + "s"), f"question '{ours.id}' has {len(b)} {what}s, the original {len(a)}")
    if [o.correct for o in ours.options] != [o.correct for o in theirs.options][: len(ours.options)] or (
        ours.answer != theirs.answer
    ):
        out.error(
            theirs.at("options") if ours.options else theirs.at("answer"),
            f"question '{ours.id}' has other correct answers than its original ({ours.source}): "
            "translate the words, keep which answers are right",
        )
    if [o.score for o in ours.options] != [o.score for o in theirs.options][: len(ours.options)]:
        out.error(theirs.at("options"), f"question '{ours.id}' scores its options differently from the original")


def merge_quiz(original: Quiz, translation: Quiz, lang: str) -> Quiz:
    """The original quiz with every text also in `lang` (ids, answers and order from the original)."""

    def tr(ours: Text, theirs: Text) -> Text:
        return ours.with_lang(lang, theirs.get(lang) if theirs.has(lang) else theirs.get())

    theirs = {q.id: q for q in translation.questions}
    questions = []
    for q in original.questions:
        t = theirs.get(q.id)
        if t is None or t.type != q.type:
            questions.append(q)
            continue
        questions.append(
            dataclasses.replace(
                q,
                prompt=tr(q.prompt, t.prompt),
                explanation=tr(q.explanation, t.explanation),
                hint=tr(q.hint, t.hint),
                feedback_true=tr(q.feedback_true, t.feedback_true),
                feedback_false=tr(q.feedback_false, t.feedback_false),
                options=tuple(
                    Option(tr(o.text, to.text), o.correct, tr(o.feedback, to.feedback), o.score)
                    for o, to in _pairs(q.options, t.options)
                ),
                items=tuple(
                    OrderItem(tr(i.text, ti.text), tr(i.feedback, ti.feedback)) for i, ti in _pairs(q.items, t.items)
                ),
                pairs=tuple(
                    MatchPair(tr(p.left, tp.left), tr(p.right, tp.right), tr(p.feedback, tp.feedback))
                    for p, tp in _pairs(q.pairs, t.pairs)
                ),
                blanks=tuple(
                    Blank(
                        b.accept,
                        tr(b.feedback, tb.feedback),
                        b.patterns,
                        MappingProxyType({**b.accept_by_lang, lang: tb.accept}),
                    )
                    for b, tb in _pairs(q.blanks, t.blanks)
                ),
            )
        )
    bands = tuple(
        dataclasses.replace(b, title=tr(b.title, tb.title), advice=tr(b.advice, tb.advice))
        for b, tb in _pairs(original.bands, translation.bands)
    )
    return dataclasses.replace(
        original, title=tr(original.title, translation.title), questions=tuple(questions), bands=bands
    )


def _pairs(ours: tuple, theirs: tuple) -> list:
    """Each element with its translation; an element without one is paired with itself (English stays)."""
    return [(o, theirs[i] if i < len(theirs) else o) for i, o in enumerate(ours)]


# Whole portal ------------------------------------------------------------------------


def apply_translations(
    portal: Portal,
    playbooks: Iterable[Playbook],
    quizzes: Iterable[tuple[str, Quiz]],
    broken_quizzes: Iterable[str] = (),
) -> tuple[Portal, TranslationReport]:
    """The portal with its translations checked and attached, and what the checks found."""
    out = TranslationReport()
    by_lang: dict[str, dict[str, Playbook]] = {}
    for translation in playbooks:
        original = portal.playbooks.get(translation.id)
        if original is None:
            continue  # the loader reported it
        if translation.id in by_lang.get(translation.lang, {}):
            out.error(translation.source, f"a second {translation.lang} translation of '{translation.id}'")
            continue
        check_playbook(original, translation, out)
        by_lang.setdefault(translation.lang, {})[translation.id] = translation
    merged = dict(portal.quizzes)
    quiz_by_lang: dict[str, dict[str, Quiz]] = {}
    for lang, quiz in quizzes:
        original_quiz = portal.quizzes.get(quiz.id)
        if original_quiz is None:
            if quiz.id not in set(broken_quizzes):  # a broken original is reported already
                out.error(quiz.source, f"translation of a quiz that does not exist: no quiz '{quiz.id}'")
            continue
        if check_quiz(original_quiz, quiz, out):
            merged[quiz.id] = merge_quiz(merged[quiz.id], quiz, lang)
            quiz_by_lang.setdefault(lang, {})[quiz.id] = quiz
    portal = dataclasses.replace(
        portal,
        quizzes=MappingProxyType(merged),
        translations=MappingProxyType({k: MappingProxyType(v) for k, v in by_lang.items()}),
        quiz_translations=MappingProxyType({k: MappingProxyType(v) for k, v in quiz_by_lang.items()}),
    )
    return portal, out


def localize(portal: Portal, lang: str) -> Portal:
    """The portal as a reader of `lang` sees it: translated playbooks where they exist, the originals elsewhere."""
    translated = portal.translations.get(lang, {})
    activities = portal.activity_translations.get(lang, {})
    if not translated and not activities:
        return portal
    playbooks = {pid: translated.get(pid, pb) for pid, pb in portal.playbooks.items()}
    localized = {aid: activities.get(aid, a) for aid, a in portal.activities.items()}
    return dataclasses.replace(portal, playbooks=MappingProxyType(playbooks), activities=MappingProxyType(localized))


# Hand-written pages and coverage ---------------------------------------------------------


def docs_translation(path: Path, lang: str) -> Path:
    """docs/start-here.md → docs/start-here.ru.md."""
    return path.with_name(f"{path.stem}.{lang}{path.suffix}")


def check_docs_page(original: Path, translation: Path, rel: str, out: TranslationReport) -> None:
    """A translated docs page keeps every explicit {#anchor} of its original."""

    def anchors(path: Path) -> dict[str, int]:
        found: dict[str, int] = {}
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.lstrip().startswith("#") and (match := ANCHOR.search(line)):
                found.setdefault(match["anchor"], number)
        return found

    theirs = anchors(translation)
    for anchor in anchors(original):
        if anchor not in theirs:
            out.error(Source(rel, 1), f"the translation lacks the anchor {{#{anchor}}} of its original {original.name}")


@dataclass(frozen=True)
class Coverage:
    lang: str
    playbooks: tuple[int, int]
    quizzes: tuple[int, int]
    docs: tuple[int, int]
    text_fields: tuple[int, int]

    @staticmethod
    def percent(done: int, total: int) -> str:
        return f"{round(100 * done / total) if total else 100}%"


def text_fields(portal: Portal) -> list[Text]:
    """Every text field of roles, glossary, season and quizzes (what a translation must cover besides pages)."""
    texts: list[Text] = []
    for role in portal.roles.values():
        texts += [role.name, role.department, role.summary, role.shapes_cx]
        texts += [t for t, _ in role.examples.values()]
        texts += [s.why for p in role.paths.values() for s in p.steps if s.why]
    texts += [t.definition for t in portal.glossary]
    if portal.season:
        s = portal.season
        texts += [s.title, s.summary] + [m.name for m in s.metrics]
        texts += [t for q in s.quotes for t in (q.text, q.who, q.what_we_did) if t]
    return [t for t in texts if t]


def coverage(portal: Portal, lang: str, docs: Mapping[str, bool] | None = None) -> Coverage:
    """How much of the portal a reader of `lang` reads in `lang`."""
    fields = text_fields(portal)
    docs = docs or {}
    return Coverage(
        lang,
        (len(portal.translations.get(lang, {})), len(portal.playbooks)),
        (len(portal.quiz_translations.get(lang, {})), len(portal.quizzes)),
        (sum(docs.values()), len(docs)),
        (sum(1 for t in fields if t.has(lang)), len(fields)),
    )
