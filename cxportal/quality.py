"""The quiz quality check: banks that can be passed without reading the playbook.

Each rule returns problems at the file and line of what to fix. The rules (documented for
authors in docs/authoring.md):

1. length cue: in more than 40% of a bank's single-choice questions (at least 3 of them), the
   correct option is strictly the longest (by characters), or in more than 40% strictly the shortest;
   or, the other way round, it is so rarely either that chance would do so in fewer than 1 bank in 20
   (a reader who rules out the longest and the shortest option then guesses well).
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
7. absolute false statements: a bank's false true/false statements contain absolutes ("never",
   "only", «всегда»…) and none of its true ones does, so the absolute word gives them away.
8. odd form on the key: in a single-choice question with 3 or more phrases (4 words or more) as
   options, every wrong option has one grammatical form (an infinitive, a full stop at the end…)
   and the correct one another.

Rules 1, 5, 7 and 8 read the words, so they also run on translated banks (`<id>.<lang>.yml`), at the
translation's own lines; the others depend only on answers and codes, which a translation keeps.

The rules see model objects only; the validator decides how much their problems weigh.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .answers import AnswerWords, canonical
from .model import Portal, Question, Quiz, Source
from .problems import Problem

LENGTH_CUE_SHARE = 0.40
LENGTH_CUE_MIN_QUESTIONS = 3
EXTREME_RARITY = 0.05  # how unlikely by chance a bank's few longest-or-shortest keys must be to report it
TRUE_FALSE_SHARE = 0.70
TRUE_FALSE_MIN_QUESTIONS = 3
PHRASE_MIN_WORDS = 4  # options shorter than this are names, not phrases with a grammatical form

Report = Callable[[Source, str], None]


def quiz_quality(quiz: Quiz, portal: Portal) -> list[Problem]:
    """Every quality problem of one graded bank (self-assessments have no right answers to give away)."""
    found: list[Problem] = []
    if quiz.is_self_assessment:
        return found

    def report(source: Source, message: str) -> None:
        found.append(Problem(source.path, source.line, message))

    _wording_rules(quiz, report)
    _true_false_balance(quiz, report)
    seen: dict[str, Question] = {}
    sets = {qid: index for index, members in enumerate(quiz.variant_sets) for qid in members}
    for q in quiz.questions:
        _giveaway_multiple(q, report)
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


def translated_quiz_quality(translation: Quiz) -> list[Problem]:
    """The problems of a translated bank that come from its words (its answers and codes are the original's)."""
    found: list[Problem] = []
    if not translation.is_self_assessment:
        _wording_rules(translation, lambda source, message: found.append(Problem(source.path, source.line, message)))
    return found


def _wording_rules(quiz: Quiz, report: Report) -> None:
    _length_cue(quiz, report, "longest")
    _length_cue(quiz, report, "shortest")
    _never_an_extreme(quiz, report)
    _absolute_false_statements(quiz, report)
    for q in quiz.questions:
        _hint_gives_answer(q, report)
        _odd_form_on_key(q, report)


def _cited(q: Question, portal: Portal) -> str:
    if "#" in q.cites:
        return q.cites.strip()
    item = portal.item(q.cites)
    return item.code if item else q.cites.strip().upper()


def _length_cue(quiz: Quiz, report: Report, end: str) -> None:
    """The correct option is strictly the longest (or the shortest) in too many single-choice questions."""
    pick = max if end == "longest" else min
    singles = [q for q in quiz.questions if q.type == "single" and len(q.options) >= 2]
    cued = []
    for q in singles:
        lengths = [len(str(o.text).strip()) for o in q.options]
        right = [len(str(o.text).strip()) for o in q.options if o.correct]
        if len(right) == 1 and lengths.count(pick(lengths)) == 1 and right[0] == pick(lengths):
            cued.append(q)
    if len(singles) >= LENGTH_CUE_MIN_QUESTIONS and len(cued) > LENGTH_CUE_SHARE * len(singles):
        advice = (
            "Make the wrong options as long and as plausible as the right one"
            if end == "longest"
            else "Give the right option the detail the wrong ones have"
        )
        report(
            quiz.source,
            f"in {len(cued)} of {len(singles)} single-choice questions the correct option is the {end} "
            f"(more than {LENGTH_CUE_SHARE:.0%}), so it can be guessed without reading: "
            f"{', '.join(q.id for q in cued)}. {advice}",
        )


def _never_an_extreme(quiz: Quiz, report: Report) -> None:
    """The correct option is almost never the longest or the shortest: lengths evened out around the key."""
    chances: list[float] = []  # per question, the chance that a random option is strictly the longest or shortest
    extreme = 0
    for q in quiz.questions:
        if q.type != "single" or len(q.options) < 3 or sum(o.correct for o in q.options) != 1:
            continue
        lengths = [len(str(o.text).strip()) for o in q.options]
        right = next(len(str(o.text).strip()) for o in q.options if o.correct)
        ends = [end for end in {max(lengths), min(lengths)} if lengths.count(end) == 1]  # ties are no end
        chances.append(len(ends) / len(lengths))
        extreme += right in ends
    if len(chances) >= LENGTH_CUE_MIN_QUESTIONS and _at_most(extreme, chances) < EXTREME_RARITY:
        report(
            quiz.source,
            f"in {len(chances)} single-choice questions the correct option is the longest or the shortest only "
            f"{extreme} time{'s' if extreme != 1 else ''}, where chance would make it about "
            f"{sum(chances):.0f}: a reader who rules out the longest and the shortest option guesses well. "
            "Let the right option be the longest or the shortest now and then",
        )


def _at_most(count: int, chances: list[float]) -> float:
    """The probability that at most `count` of independent events with these chances happen."""
    ways = [1.0]  # ways[k]: probability that exactly k of the events so far happened
    for p in chances:
        ways = [
            (ways[k] if k < len(ways) else 0) * (1 - p) + (ways[k - 1] * p if k else 0) for k in range(len(ways) + 1)
        ]
    return sum(ways[: count + 1])


# Words that make a statement absolute. A false statement built on one ("never", "only") is one a
# reader rejects without the playbook. Per language, matched as whole words in any bank (the lists
# do not overlap); "+" joins the words of a two-word absolute.
ABSOLUTES = {
    "en": (
        "never ever always only all every everyone everybody everything none nothing nobody "
        "entirely completely solely totally impossible guaranteed whatever whenever no+one"
    ),
    "ru": (
        "никогда всегда только лишь все всё всех всем всеми весь вся каждый каждая каждое каждого каждому "
        "каждом каждую каждые каждых никто никого никому никем ничто ничего ничем ничему ни+один ни+одна "
        "ни+одно ни+одного ни+одной полностью целиком исключительно совсем невозможно единственный "
        "единственная единственное единственно любой любая любое любого любые"
    ),
    "uk": (
        "ніколи завжди тільки лише усі всі все усе кожен кожна кожне кожного жоден жодна жодне ніхто ніщо "
        "нічого повністю цілком виключно неможливо єдиний єдина будь-який"
    ),
}
_ABSOLUTE_WORDS = frozenset(
    w.replace("+", " ").replace("ё", "е") for words in ABSOLUTES.values() for w in words.split()
)


def _absolute_in(text: str) -> str:
    """The first absolute word of `text` ("" if none), two-word ones ("no one", «ни один») included."""
    words = re.findall(r"\w+(?:[-’']\w+)*", text.lower().replace("ё", "е").replace("no-one", "no one"))
    for i, word in enumerate(words):
        for candidate in (word, " ".join(words[i : i + 2])):
            if candidate in _ABSOLUTE_WORDS:
                return candidate
    return ""


def _absolute_false_statements(quiz: Quiz, report: Report) -> None:
    statements = [q for q in quiz.questions if q.type == "true_false" and q.answer is not None]
    if any(q.answer and _absolute_in(str(q.prompt)) for q in statements):
        return  # absolutes on both sides are no cue
    for q in statements:
        word = "" if q.answer else _absolute_in(str(q.prompt))
        if word:
            report(
                q.at("prompt"),
                f"question '{q.id}': the false statement says '{word}' and no true statement in the bank is as "
                "absolute, so the word gives it away; write a false statement that a reader who skipped the "
                "playbook would believe",
            )


# The grammatical form of an option, as far as it shows without a parser: how it ends, and whether its
# first word (after a label such as "PZ-04:") is an infinitive or a gerund: English "to …"/"…ing",
# Russian «…ть/…ти/…чь(ся)». Each function says which form an option has, in words for the message.
def _ending(text: str) -> str:
    return "ends with a full stop" if text.endswith((".", "!", "?", "…")) else "ends without a full stop"


def _first_word(text: str) -> str:
    words = re.findall(r"\w+", re.sub(r"^[^:\s]{1,12}:\s+", "", text).lower())
    first = words[0] if words else ""
    if first == "to" or re.fullmatch(r"\w+(ть|[сзйдт]ти|чь)(ся|сь)?", first):
        return "starts with an infinitive"
    if re.fullmatch(r"[a-z]{2,}ing", first):
        return "starts with a verb in -ing"
    return "starts with neither an infinitive nor a verb in -ing"


def _odd_form_on_key(q: Question, report: Report) -> None:
    if q.type != "single" or len(q.options) < 3 or sum(o.correct for o in q.options) != 1:
        return
    if any(len(str(o.text).split()) < PHRASE_MIN_WORDS for o in q.options):
        return  # names ("Purposeful leadership", "PZ-07 Understanding customers") have no grammatical form to match
    for form_of in (_ending, _first_word):
        right = {form_of(str(o.text).strip()) for o in q.options if o.correct}
        wrong = {form_of(str(o.text).strip()) for o in q.options if not o.correct}
        if len(wrong) == 1 and right != wrong:
            report(
                q.at("options"),
                f"question '{q.id}': the correct option {right.pop()}, every wrong option {wrong.pop()}, "
                "so its form gives it away; give all options one grammatical form",
            )
            return


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
