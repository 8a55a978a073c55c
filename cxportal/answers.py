"""How a typed fill-in answer is compared with a blank's accepted answers.

The browser (assets/quiz.js, `canonical`) applies the same rules; tests check both agree.
Two answers are equal when their canonical forms are equal:

- case, surrounding spaces and runs of spaces do not matter, nor a final full stop;
- number words one to twelve (English and Russian) count as digits, a decimal comma as a point;
- a number followed by a unit keeps only the unit's kind: "3 hours", "3 h", "3 hrs", "three hours" and
  "3 часа" are all `3 h`; "65%", "65 %", "65 percent" are all `65 %`; "3x", "3×", "3 times" are `3 x`;
- when only one side names a unit, the numbers alone are compared ("3" matches "3 hours"),
  but two different units never match ("3 minutes" is not "3 hours").

An accepted entry may instead be `{pattern: "<regex>"}`, matched case-insensitively against the
whole answer after trimming and collapsing spaces.
"""

from __future__ import annotations

import re

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "один": 1,
    "одна": 1,
    "одно": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "одиннадцать": 11,
    "двенадцать": 12,
}
# Unit words by kind; the answer keeps only the kind.
UNITS = {
    "h": ("h", "hr", "hrs", "hour", "hours", "ч", "час", "часа", "часов"),
    "min": ("m", "min", "mins", "minute", "minutes", "мин", "минута", "минуты", "минут"),
    "%": ("%", "percent", "per cent", "pc", "процент", "процента", "процентов"),
    "x": ("x", "×", "times", "time", "раз", "раза"),
}
UNIT_KIND = {word: kind for kind, words in UNITS.items() for word in words}
_NUMBER = r"\d+(?:\.\d+)?"
_UNIT_ALTERNATION = "|".join(re.escape(w) for w in sorted(UNIT_KIND, key=len, reverse=True))
_QUANTITY = re.compile(rf"^(?P<num>{_NUMBER})\s*(?P<unit>{_UNIT_ALTERNATION})?$")


def canonical(answer: str) -> str:
    """The form two answers are compared in (see the module docstring)."""
    text = " ".join(str(answer).lower().split()).rstrip(".").strip()
    words = [str(NUMBER_WORDS.get(w, w)) for w in text.split(" ")]
    text = " ".join(words)
    text = re.sub(r"(\d),(\d)", r"\1.\2", text)
    match = _QUANTITY.match(text)
    if match:
        number = match["num"].rstrip("0").rstrip(".") if "." in match["num"] else match["num"]
        unit = UNIT_KIND.get(match["unit"] or "", "")
        return f"{number} {unit}".strip()
    return text


def same_answer(typed: str, accepted: str) -> bool:
    a, b = canonical(typed), canonical(accepted)
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


def accepted(typed: str, plain: tuple[str, ...], patterns: tuple[str, ...] = ()) -> bool:
    """Whether `typed` is one of the accepted answers of a blank."""
    if not str(typed).strip():
        return False
    return any(same_answer(typed, a) for a in plain) or any(matches_pattern(typed, p) for p in patterns)
