"""How a typed fill-in answer is compared with a blank's accepted answers.

The browser (assets/quiz.js, `canonical`) applies the same rules; tests check both agree.
Two answers are equal when their canonical forms are equal:

- case, surrounding spaces and runs of spaces do not matter, nor a final full stop;
- number words one to twelve count as digits, a decimal comma as a point;
- a number followed by a unit keeps only the unit's kind: "3 hours", "3 h", "3 hrs" and "three hours"
  are all `3 h`; "65%", "65 %", "65 percent" are all `65 %`; "3x", "3×", "3 times" are `3 x`;
- when only one side names a unit, the numbers alone are compared ("3" matches "3 hours"),
  but two different units never match ("3 minutes" is not "3 hours").

The number and unit words are data: `answers.numbers.<n>` and `answers.units.<kind>` in each
language's string catalogue (`Strings.answer_words`); a page reads those of its language and of
the languages it falls back to (so English words count everywhere), and quiz.js gets the same words
in the site's strings.js. Adding a language adds its words; nothing here names one.

An accepted entry may instead be `{pattern: "<regex>"}`, matched case-insensitively against the
whole answer after trimming and collapsing spaces.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from .i18n import DEFAULT_LANG, Strings

# How each unit kind of the catalogues (answers.units.<kind>) is written in a canonical answer.
UNIT_SYMBOLS = {"h": "h", "min": "min", "percent": "%", "times": "x"}
_NUMBER = r"\d+(?:\.\d+)?"


@dataclass(frozen=True)
class AnswerWords:
    """The number and unit words of one language's fill-in answers (with its fallbacks')."""

    numbers: Mapping[str, int]
    units: Mapping[str, str]  # word -> canonical unit symbol

    @classmethod
    def of(cls, lang: str = DEFAULT_LANG, strings: Strings | None = None) -> AnswerWords:
        return _words_of(strings) if strings is not None else _words_of_lang(lang)

    @cached_property
    def quantity(self) -> re.Pattern[str]:
        alternation = "|".join(re.escape(w) for w in sorted(self.units, key=len, reverse=True))
        return re.compile(rf"^(?P<num>{_NUMBER})\s*(?P<unit>{alternation})?$")


def _words_of(strings: Strings) -> AnswerWords:
    words = strings.answer_words()
    units = {w: UNIT_SYMBOLS.get(kind, kind) for w, kind in words["units"].items()}
    return AnswerWords(MappingProxyType(dict(words["numbers"])), MappingProxyType(units))


@functools.lru_cache(maxsize=16)
def _words_of_lang(lang: str) -> AnswerWords:
    return _words_of(Strings(lang))


def canonical(answer: str, words: AnswerWords | None = None) -> str:
    """The form two answers are compared in (see the module docstring); English words unless `words` says."""
    words = words or AnswerWords.of()
    text = " ".join(str(answer).lower().split()).rstrip(".").strip()
    text = " ".join(str(words.numbers.get(w, w)) for w in text.split(" "))
    text = re.sub(r"(\d),(\d)", r"\1.\2", text)
    match = words.quantity.match(text)
    if match:
        number = match["num"].rstrip("0").rstrip(".") if "." in match["num"] else match["num"]
        unit = words.units.get(match["unit"] or "", "")
        return f"{number} {unit}".strip()
    return text


def same_answer(typed: str, accepted: str, words: AnswerWords | None = None) -> bool:
    a, b = canonical(typed, words), canonical(accepted, words)
    if a == b:
        return True
    # A bare number matches the same number with any unit.
    na, _, ua = a.partition(" ")
    nb, _, ub = b.partition(" ")
    return bool(re.fullmatch(_NUMBER, na)) and na == nb and (not ua or not ub)


def matches_pattern(typed: str, pattern: str) -> bool:
    text = " ".join(str(typed).split())
    try:
        return re.fullmatch(pattern, text, re.IGNORECASE) is not None
    except re.error:
        return False


def accepted(
    typed: str, plain: tuple[str, ...], patterns: tuple[str, ...] = (), words: AnswerWords | None = None
) -> bool:
    """Whether `typed` is one of the accepted answers of a blank (in the language whose `words` it uses)."""
    if not str(typed).strip():
        return False
    return any(same_answer(typed, a, words) for a in plain) or any(matches_pattern(typed, p) for p in patterns)
