"""Cross-checks loaded content and assembles the Portal.

The loader has already checked each file's shape; this module checks what only
the whole collection can tell: duplicate ids and codes, references between
files, quiz logic, and time budgets. It never raises on bad content: it returns
every problem it finds, each with a file, a line and, where it helps, the id the
author probably meant.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .loader import LoadedContent
from .model import DEFAULT_WORDS_PER_MINUTE, PATH_KINDS, Item, Playbook, Portal, Question, Quiz, Source, reading_minutes
from .problems import Problem, Severity, closest
from .quality import quiz_quality, translated_quiz_quality
from .translations import apply_translations

DEFAULT_BUDGETS: Mapping[str, int] = MappingProxyType({"onboarding": 180, "refresher": 120})
WORDS_PER_MINUTE = DEFAULT_WORDS_PER_MINUTE
BLANK = re.compile(r"_{3,}")
# A stated duration may differ from the computed reading time by this share, or by DURATION_SLACK minutes.
DURATION_TOLERANCE = 0.20
DURATION_SLACK = 1
CHECK_LEVELS = ("error", "warn", "note", "off")


@dataclass(frozen=True)
class CheckSettings:
    """Project settings that change what the validator checks (plugin options in mkdocs.yml).

    Levels: "error" stops every build, "warn" fails --strict builds and `cxportal check --strict`,
    "note" lists the problem without failing anything, "off" skips the check.
    """

    words_per_minute: int = DEFAULT_WORDS_PER_MINUTE
    quiz_quality: str = "warn"  # the quiz quality check (cxportal/quality.py)
    sources: str = "warn"  # every playbook names its sources
    terms: str = "warn"  # agreed terms of a translation (cxportal/terms.py, <content>/terms.<lang>.yml)

    def severity(self, level: str) -> Severity | None:
        levels: dict[str, Severity] = {"error": "error", "warn": "warning", "note": "note"}
        return levels.get(level)


DEFAULT_SETTINGS = CheckSettings()


@dataclass
class _Collector:
    problems: list[Problem] = field(default_factory=list)

    def add(self, source: Source, message: str, hint: str | None = None, severity: Severity = "error") -> None:
        self.problems.append(Problem(source.path, source.line, message, hint, severity))

    def unknown(self, source: Source, what: str, value: str, known: Iterable[str]) -> None:
        self.add(source, f"unknown {what} '{value}'", closest(value, known))


def validate(
    loaded: LoadedContent,
    budgets: Mapping[str, int] = DEFAULT_BUDGETS,
    settings: CheckSettings = DEFAULT_SETTINGS,
) -> tuple[Portal, list[Problem]]:
    """The portal built from `loaded` and every problem found, loader problems included."""
    out = _Collector(list(loaded.problems))
    for name in ("quiz_quality", "sources", "terms"):
        if getattr(settings, name) not in CHECK_LEVELS:
            out.add(
                Source("mkdocs.yml"),
                f"the cxportal option '{name}' must be one of {', '.join(CHECK_LEVELS)}, "
                f"not '{getattr(settings, name)}'",
                closest(str(getattr(settings, name)), CHECK_LEVELS),
            )
    playbooks = [_with_reading_time(p, settings.words_per_minute) for p in loaded.playbooks]
    portal = Portal(
        playbooks=MappingProxyType(_first_by_id(playbooks, "playbook", out)),
        roles=MappingProxyType(_first_by_id(loaded.roles, "role", out)),
        quizzes=MappingProxyType(_first_by_id(loaded.quizzes, "quiz", out)),
        glossary=tuple(loaded.glossary),
        season=loaded.season,
        activities=MappingProxyType(_first_by_id(loaded.activities, "activity", out)),
    )
    known = _KnownIds(portal, loaded)
    _check_codes(loaded, out)
    _check_playbooks(portal, known, settings, out)
    _check_activities(portal, known, out)
    _check_roles(portal, known, budgets, out)
    for quiz in portal.quizzes.values():
        _check_quiz(quiz, portal, known, out)
    quality = settings.severity(settings.quiz_quality)
    if quality is not None:
        for quiz in portal.quizzes.values():
            out.problems += [dataclasses.replace(p, severity=quality) for p in quiz_quality(quiz, portal)]
        for _lang, translation in loaded.quiz_translations:
            out.problems += [dataclasses.replace(p, severity=quality) for p in translated_quiz_quality(translation)]
    _check_glossary(portal, known, out)
    if known.skipped and loaded.broken_files:
        # Said once, instead of a false "unknown …" at every reference to a file left out.
        first = loaded.broken_files[0]
        count = len({p.path for p in loaded.broken_files})
        out.problems.append(
            Problem(
                first.path,
                first.line,
                f"{count} file{'s were' if count != 1 else ' was'} left out because of {'their' if count != 1 else 'its'} "
                "problems; checks of what refers to {} were skipped".format("them" if count != 1 else "it"),
                severity="note",
            )
        )
    portal, translated = apply_translations(
        portal, loaded.translations, loaded.quiz_translations, loaded.broken_ids.get("quiz", set())
    )
    out.problems += translated.problems + translated.warnings
    activity_translations = {
        lang: MappingProxyType({a.id: a for a in found}) for lang, found in loaded.activity_translations.items()
    }
    portal = dataclasses.replace(
        portal,
        warnings=tuple(sorted(set(translated.warnings))),
        activity_translations=MappingProxyType(activity_translations),
    )
    return portal, sorted(set(out.problems))


def _with_reading_time(playbook, words_per_minute: int):
    """The playbook with its duration computed at the project's reading speed when the author gave none."""
    if playbook.stated_duration is not None:
        return playbook
    return dataclasses.replace(playbook, duration=reading_minutes(playbook.word_count, words_per_minute))


def _first_by_id(objects: list, kind: str, out: _Collector) -> dict:
    """Objects by id; a later object with a taken id is a problem, not a silent overwrite."""
    by_id: dict = {}
    for obj in objects:
        if obj.id in by_id:
            out.add(obj.source, f"duplicate {kind} id '{obj.id}', already used in {by_id[obj.id].source}")
        else:
            by_id[obj.id] = obj
    return by_id


class _Known(set):
    """Ids that exist, including those of files left out for problems; notes when only those match."""

    def __init__(self, real: Iterable[str], left_out: Iterable[str], owner: _KnownIds) -> None:
        real = set(real)
        super().__init__(real | set(left_out))
        self.left_out = set(left_out) - real
        self.owner = owner

    def __contains__(self, value: object) -> bool:
        if value in self.left_out:
            self.owner.skipped = True
        return super().__contains__(value)


class _KnownIds:
    """Ids that exist, including those of files left out for problems."""

    def __init__(self, portal: Portal, loaded: LoadedContent) -> None:
        self.skipped = False  # a check was skipped because its target was left out
        self.playbooks = _Known(portal.playbooks, loaded.broken_ids.get("playbook", set()), self)
        self.roles = _Known(portal.roles, loaded.broken_ids.get("role", set()), self)
        self.quizzes = _Known(portal.quizzes, loaded.broken_ids.get("quiz", set()), self)
        self.activities = _Known(portal.activities, loaded.broken_ids.get("activity", set()), self)
        self.codes = _Known(portal.items, loaded.broken_codes, self)
        self.season_left_out = "season" in loaded.broken_ids
        self.portal = portal

    def citation_problem(self, cites: str) -> tuple[str, str | None] | None:
        """Why `cites` (a code or playbook#anchor) does not resolve, or None when it does."""
        if "#" in cites:
            playbook_id, anchor = cites.split("#", 1)
            playbook = self.portal.playbooks.get(playbook_id)
            if playbook is None:
                if playbook_id in self.playbooks:  # left out for its own problems
                    return None
                return f"cites an unknown playbook '{playbook_id}'", closest(playbook_id, self.playbooks)
            anchors = set(playbook.anchors) | {i.anchor for i in playbook.items}
            if anchor not in anchors:
                return f"cites an unknown anchor '#{anchor}' in '{playbook_id}'", closest(anchor, anchors)
            return None
        if cites.upper() not in self.codes:
            return f"cites an unknown code '{cites}'", closest(cites, self.codes)
        return None


def _check_codes(loaded: LoadedContent, out: _Collector) -> None:
    seen: dict[str, Source] = {}
    code_owner = {item.anchor: item for playbook in loaded.playbooks for item in playbook.items}
    for playbook in loaded.playbooks:
        for item in playbook.items:
            if item.code in seen:
                out.add(item.source, f"duplicate code '{item.code}', already used in {seen[item.code]}")
            else:
                seen[item.code] = item.source
        _check_anchors(playbook, code_owner, out)


def _check_anchors(playbook: Playbook, code_owner: dict[str, Item], out: _Collector) -> None:
    """An explicit {#anchor} must be unique in its page and never look like an item's code anchor."""
    lines = playbook.anchor_lines or (playbook.source.line,) * len(playbook.anchors)
    first: dict[str, int] = {}
    for anchor, line in zip(playbook.anchors, lines, strict=False):
        where = Source(playbook.source.path, line)
        if anchor in first:
            out.add(where, f"the anchor '#{anchor}' is already used by the heading on line {first[anchor]}")
            continue
        first[anchor] = line
        item = code_owner.get(anchor.lower())
        if item is not None:
            if item.playbook_id == playbook.id:
                out.add(
                    where,
                    f"the anchor '#{anchor}' is also the anchor of code {item.code} in this playbook, "
                    f"so links to #{item.anchor} and /go/{item.anchor}/ are ambiguous: choose another anchor",
                )
            else:
                out.add(
                    where,
                    f"the anchor '#{anchor}' is the anchor of code {item.code} in '{item.playbook_id}', "
                    "so a link to it is easily mistaken for that item: choose another anchor",
                )


def honest_duration(stated: int, computed: int) -> bool:
    """Whether a stated reading time is close enough to the computed one."""
    return abs(stated - computed) <= max(DURATION_SLACK, round(computed * DURATION_TOLERANCE))


def _check_playbooks(portal: Portal, known: _KnownIds, settings: CheckSettings, out: _Collector) -> None:
    wpm = settings.words_per_minute
    sources = settings.severity(settings.sources)
    for playbook in portal.playbooks.values():
        line = Source(playbook.source.path, playbook.line_of("audiences"))
        for audience in playbook.audiences:
            if audience != "all" and audience not in known.roles:
                out.unknown(line, "audience (a role id or 'all')", audience, known.roles | {"all"})
        reading = reading_minutes(playbook.word_count, wpm)
        if playbook.stated_duration is not None and not honest_duration(playbook.stated_duration, reading):
            out.add(
                Source(playbook.source.path, playbook.line_of("duration")),
                f"duration {playbook.stated_duration} min does not match the reading time "
                f"(about {reading} min for {playbook.word_count} words at {wpm} a minute): "
                f"write {reading}, or leave 'duration' out to have it computed",
            )
        if not playbook.items and not playbook.anchors:
            out.add(playbook.source, "the playbook has no citable items: write headings as '## [CODE] Title'")
        if sources is not None and not playbook.sources:
            out.add(
                playbook.source,
                "the playbook names no sources: add 'sources:' to its front matter "
                "(title, organisation or author, published, research_period, seed)",
                severity=sources,
            )


def _check_activities(portal: Portal, known: _KnownIds, out: _Collector) -> None:
    for activity in portal.activities.values():
        for code, line in activity.cites:
            if code.upper() not in known.codes:
                out.unknown(Source(activity.source.path, line), "code in cites", code, known.codes)
        if not activity.body.strip():
            out.add(activity.source, "the activity has no instruction: write what to do below the front matter")


def _check_roles(portal: Portal, known: _KnownIds, budgets: Mapping[str, int], out: _Collector) -> None:
    for role in portal.roles.values():
        for code, source in role.problem_zones:
            if code not in known.codes:
                out.unknown(source, "problem-zone code", code, known.codes)
        for playbook_id, (_text, source) in role.examples.items():
            if playbook_id not in known.playbooks:
                out.unknown(source, "playbook in examples", playbook_id, known.playbooks)
        for kind in PATH_KINDS:
            path = role.paths.get(kind)
            if path is None:
                continue
            seen: set[str] = set()
            for step in path.steps:
                if step.key in seen:
                    out.add(step.source, f"'{step.target}' appears twice in the {kind} path")
                seen.add(step.key)
                if step.kind == "playbook" and step.target not in known.playbooks:
                    out.unknown(step.source, "playbook", step.target, known.playbooks)
                elif step.kind == "quiz" and step.target not in known.quizzes:
                    out.unknown(step.source, "quiz", step.target, known.quizzes)
                elif step.kind == "activity" and step.target not in known.activities:
                    out.unknown(step.source, "activity", step.target, known.activities)
                elif step.kind == "page" and step.target == "season" and portal.season is None:
                    if known.season_left_out:
                        known.skipped = True
                        continue
                    out.add(step.source, "the path shows last season's results, but there is no season.yml")
            budget = budgets.get(kind)
            minutes = portal.path_minutes(path)
            if budget is not None and minutes > budget:
                out.add(path.source, f"the {kind} path takes {minutes} min, over its budget of {budget} min")


def _check_quiz(quiz: Quiz, portal: Portal, known: _KnownIds, out: _Collector) -> None:
    if quiz.playbook not in known.playbooks:
        out.unknown(quiz.source, "playbook", quiz.playbook, known.playbooks)
    for qid, count in Counter(q.id for q in quiz.questions).items():
        if count > 1:
            first = next(q for q in quiz.questions if q.id == qid)
            out.add(first.source, f"duplicate question id '{qid}' in quiz '{quiz.id}'")
    kinds = {q.type == "self_assessment" for q in quiz.questions}
    if len(kinds) > 1:
        out.add(quiz.source, "a quiz mixes self-assessment questions with graded ones: split it in two")
    if quiz.draw and quiz.draw > len(quiz.questions):
        out.add(quiz.source, f"draw asks for {quiz.draw} questions but the bank has {len(quiz.questions)}")
    if quiz.is_self_assessment:
        _check_bands(quiz, known, out)
    elif quiz.pass_mark is None:
        out.add(quiz.source, "a graded quiz needs a pass_mark (percent, 1 to 100)")
    elif not 1 <= quiz.pass_mark <= 100:
        out.add(quiz.source, f"pass_mark {quiz.pass_mark} is out of range: use a percent from 1 to 100")
    ids = [q.id for q in quiz.questions]
    for question in quiz.questions:
        _check_question(question, known, out)
        if question.variant_of and (question.variant_of not in ids or question.variant_of == question.id):
            out.add(
                question.at("variant_of"),
                f"question '{question.id}' is a variant of an unknown question '{question.variant_of}'",
                closest(question.variant_of, set(ids) - {question.id}),
            )
        if question.group and question.group not in quiz.groups:
            out.unknown(question.at("group"), "group (list it under the quiz's 'groups')", question.group, quiz.groups)
    if quiz.groups and any(not q.group for q in quiz.questions):
        missing = next(q for q in quiz.questions if not q.group)
        out.add(missing.source, f"question '{missing.id}' has no 'group', though the quiz lists groups")
    if quiz.draw and quiz.draw > len(quiz.variant_sets) and quiz.draw <= len(quiz.questions):
        out.add(
            quiz.source,
            f"draw asks for {quiz.draw} questions but the bank has only {len(quiz.variant_sets)} "
            f"sets of variants (one attempt asks at most one question of each)",
        )


def _check_question(q: Question, known: _KnownIds, out: _Collector) -> None:
    where = f"question '{q.id}'"
    if bad := known.citation_problem(q.cites):
        out.add(q.at("cites"), f"{where} {bad[0]}", bad[1])
    if q.type in ("single", "multiple", "self_assessment") and len(q.options) < 2:
        out.add(q.source, f"{where} ({q.type}) needs at least two options")
    correct = sum(o.correct for o in q.options)
    if q.type == "single" and correct != 1:
        out.add(
            q.source,
            f"{where} is single choice but has {correct or 'no'} correct option"
            f"{'s' if correct > 1 else ''}: mark exactly one with 'correct: true'",
        )
    if q.type == "multiple" and correct == 0:
        out.add(q.source, f"{where} has no correct option: mark at least one with 'correct: true'")
    if q.type in ("single", "multiple") and any(not o.feedback for o in q.options):
        out.add(q.source, f"{where}: every option needs feedback that explains why")
    if q.type == "true_false" and q.answer is None:
        out.add(q.source, f"{where} is true/false but has no 'answer: true' or 'answer: false'")
    if q.type == "ordering" and len(q.items) < 2:
        out.add(q.source, f"{where} (ordering) needs at least two items, listed in the correct order")
    if q.type == "matching":
        if len(q.pairs) < 2:
            out.add(q.source, f"{where} (matching) needs at least two pairs")
        rights = [str(p.right) for p in q.pairs]
        if len(set(rights)) != len(rights):
            out.add(q.source, f"{where} (matching) has the same right-hand side twice, so it has no single answer")
    if q.type == "fill_blank":
        gaps = len(BLANK.findall(str(q.prompt)))
        if gaps != len(q.blanks) or gaps == 0:
            out.add(q.source, f"{where} has {gaps} blank(s) '___' in its prompt but {len(q.blanks)} answer list(s)")
        for blank in q.blanks:
            if not blank.accept:
                out.add(
                    q.at("blanks"),
                    f"{where}: each blank needs at least one plain answer besides patterns "
                    f"(it is shown as the right answer)",
                )
            for pattern in blank.patterns:
                try:
                    re.compile(pattern)
                except re.error as error:
                    out.add(
                        q.at("blanks"), f"{where}: the pattern '{pattern}' is not a valid regular expression: {error}"
                    )
    if q.type == "self_assessment" and any(o.score is None for o in q.options):
        out.add(q.source, f"{where} is a self-assessment: every option needs a 'score'")
    if q.type != "self_assessment" and q.type not in ("single", "multiple") and q.options:
        out.add(q.source, f"{where} ({q.type}) does not use 'options'")


def _check_bands(quiz: Quiz, known: _KnownIds, out: _Collector) -> None:
    if not quiz.bands:
        out.add(quiz.source, "a self-assessment needs 'bands' that map the total score to a result")
        return
    if quiz.draw:
        out.add(quiz.source, "a self-assessment cannot draw a subset of questions: totals would not be comparable")
    low = sum(q.min_score for q in quiz.questions)
    high = sum(q.max_score for q in quiz.questions)
    bands = sorted(quiz.bands, key=lambda b: b.min)
    expected = low
    for band in bands:
        if band.min > band.max:
            out.add(band.source, f"band '{band.title}' starts at {band.min} but ends at {band.max}")
        if band.min > expected:
            out.add(band.source, f"no band covers totals from {_num(expected)} to {_num(band.min)} (a gap)")
        elif band.min < expected and band is not bands[0]:
            out.add(band.source, f"band '{band.title}' overlaps the band before it")
        expected = max(expected, band.max + 1 if _whole(quiz) else band.max)
        if band.cites and (bad := known.citation_problem(band.cites)):
            out.add(band.source, f"band '{band.title}' {bad[0]}", bad[1])
    if bands[-1].max < high:
        out.add(bands[-1].source, f"the bands stop at {_num(bands[-1].max)} but the total can reach {_num(high)}")


def _whole(quiz: Quiz) -> bool:
    return all(float(o.score or 0).is_integer() for q in quiz.questions for o in q.options)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _check_glossary(portal: Portal, known: _KnownIds, out: _Collector) -> None:
    seen: dict[str, Source] = {}
    for term in portal.glossary:
        key = term.term.lower()
        if key in seen:
            out.add(term.source, f"duplicate glossary term '{term.term}', already defined at {seen[key]}")
        seen[key] = term.source
        if term.see and term.see not in known.playbooks and term.see.upper() not in known.codes:
            out.unknown(term.source, "playbook or code in 'see'", term.see, known.playbooks | known.codes)
