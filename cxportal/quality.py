"""The quiz quality check: banks that can be passed without reading the playbook.

Each rule returns problems at the file and line of what to fix. The rules (documented for
authors in docs/authoring.md):

1. longest-correct: in more than 40% of a bank's single-choice questions (at least 3 of them),
   the correct option is strictly the longest (by characters).
2. true/false balance: a bank with at least 3 true/false questions has more than 70% of their
   answers the same way.
3. giveaway multiple choice: a multiple-choice question with at least 3 options where every
   option but one (or every option) is correct.
4. same code twice: two questions cite the same code (or the same playbook#anchor) and are not
   variants of each other, so one attempt can ask both. Mark the second `variant_of: <first id>`:
   one attempt then asks at most one question of each variant set.
5. hint gives the answer: a hint contains the correct option's text, or an accepted fill-in answer.
6. anchor instead of code: a question cites `playbook#anchor` and that section holds or belongs to
   a citable item: cite the item's code, so results and "read more" point at what is tested.

The rules see model objects only; the validator decides how much their problems weigh.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .answers import AnswerWords, canonical
from .model import Portal, Question, Quiz, Source
from .problems import Problem

LONGEST_SHARE = 0.40
LONGEST_MIN_QUESTIONS = 3
TRUE_FALSE_SHARE = 0.70
TRUE_FALSE_MIN_QUESTIONS = 3

Report = Callable[[Source, str], None]


def quiz_quality(quiz: Quiz, portal: Portal) -> list[Problem]:
    """Every quality problem of one graded bank (self-assessments have no right answers to give away)."""
    found: list[Problem] = []
    if quiz.is_self_assessment:
        return found

    def report(source: Source, message: str) -> None:
        found.append(Problem(source.path, source.line, message))

    _longest_correct(quiz, report)
    _true_false_balance(quiz, report)
    seen: dict[str, Question] = {}
    sets = {qid: index for index, members in enumerate(quiz.variant_sets) for qid in members}
    for q in quiz.questions:
        _giveaway_multiple(q, report)
        _hint_gives_answer(q, report)
        _anchor_instead_of_code(q, portal, report)
        key = _cited(q, portal)
        first = seen.get(key)
        if first is not None and sets.get(first.id) != sets.get(q.id):
            report(
                q.at("cites"),
                f"question '{q.id}' tests {key} like question '{first.id}' (line {first.source.line}), and one "
                f"attempt can ask both: make it a variant ('variant_of: {first.id}') or test another code",
            )
        seen.setdefault(key, q)
    return found


def _cited(q: Question, portal: Portal) -> str:
    if "#" in q.cites:
        return q.cites.strip()
    item = portal.item(q.cites)
    return item.code if item else q.cites.strip().upper()


def _longest_correct(quiz: Quiz, report: Report) -> None:
    singles = [q for q in quiz.questions if q.type == "single" and len(q.options) >= 2]
    longest = []
    for q in singles:
        lengths = [len(str(o.text)) for o in q.options]
        right = [len(str(o.text)) for o in q.options if o.correct]
        if len(right) == 1 and lengths.count(max(lengths)) == 1 and right[0] == max(lengths):
            longest.append(q)
    if len(singles) >= LONGEST_MIN_QUESTIONS and len(longest) > LONGEST_SHARE * len(singles):
        report(
            quiz.source,
            f"in {len(longest)} of {len(singles)} single-choice questions the correct option is the longest "
            f"(more than {LONGEST_SHARE:.0%}), so it can be guessed without reading: "
            f"{', '.join(q.id for q in longest)}",
        )


def _true_false_balance(quiz: Quiz, report: Report) -> None:
    answers = [q.answer for q in quiz.questions if q.type == "true_false" and q.answer is not None]
    if len(answers) < TRUE_FALSE_MIN_QUESTIONS:
        return
    falses = answers.count(False)
    most, way = max((falses, "false"), (len(answers) - falses, "true"))
    if most > TRUE_FALSE_SHARE * len(answers):
        report(
            quiz.source,
            f"{most} of {len(answers)} true/false answers are '{way}' (more than {TRUE_FALSE_SHARE:.0%}): "
            f"a learner who always answers '{way}' passes them",
        )


def _giveaway_multiple(q: Question, report: Report) -> None:
    if q.type != "multiple" or len(q.options) < 3:
        return
    right = sum(o.correct for o in q.options)
    if right >= len(q.options) - 1:
        what = "every option is" if right == len(q.options) else "every option but one is"
        report(
            q.source,
            f"question '{q.id}': {what} correct, so the odd one out gives the answer away; "
            f"make about half the options wrong and each wrong one plausible",
        )


def _words(text: str) -> str:
    """Text as canonical words (number words as digits, unit words as their kind), padded for whole-word search."""
    words = AnswerWords.of()
    cleaned = re.sub(r"[^\w%×]+", " ", text.lower())
    return " " + " ".join(words.units.get(w, canonical(w, words)) for w in cleaned.split()) + " "


def _hint_gives_answer(q: Question, report: Report) -> None:
    hint = str(q.hint)
    if not hint:
        return
    answers: list[str] = []
    if q.type in ("single", "multiple"):
        answers = [str(o.text) for o in q.options if o.correct]
    elif q.type == "fill_blank":
        answers = [a for b in q.blanks for a in b.accept]
    elif q.type == "matching":
        answers = [f"{p.left} {p.right}" for p in q.pairs]
    in_hint = _words(hint)
    for answer in answers:
        words = _words(answer)
        # Very short answers ("no", "A") turn up in any sentence: only numbers that short count.
        if len(words.strip()) < 3 and not words.strip().isdigit():
            continue
        if words in in_hint:
            report(
                q.at("hint"),
                f"question '{q.id}': the hint contains the answer ('{answer.strip()}'); "
                f"a hint should point to where to look, not say what is there",
            )
            return


def _anchor_instead_of_code(q: Question, portal: Portal, report: Report) -> None:
    if "#" not in q.cites:
        return
    playbook_id, anchor = q.cites.split("#", 1)
    playbook = portal.playbooks.get(playbook_id)
    if playbook is None:
        return
    codes = playbook.anchor_codes.get(anchor, ())
    if codes:
        shown = ", ".join(codes[:5]) + (" …" if len(codes) > 5 else "")
        report(
            q.at("cites"),
            f"question '{q.id}' cites the section '#{anchor}', which holds the code(s) {shown}: "
            f"cite the code the question tests",
        )
