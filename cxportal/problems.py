"""Problems found in content: values, not exceptions, until the CLI or plugin reports them."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

# How much a problem weighs: an error stops every build; a warning fails `--strict` builds and
# `cxportal check --strict`; a note is only listed (for checks a project has not switched on yet).
Severity = Literal["error", "warning", "note"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "note")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    hint: str | None = None  # a near-miss suggestion, shown as "did you mean …?"
    severity: Severity = "error"

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: "
        if self.severity != "error":
            text += f"{self.severity}: "
        text += self.message
        if self.hint:
            text += f" (did you mean '{self.hint}'?)"
        return text


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


# Letters that look like Latin ones (Cyrillic and Greek), and dashes that look like '-': an id typed on a
# Russian keyboard layout or pasted from a document ("lеadership-5p" with a Cyrillic е) reads as the real one.
_CONFUSABLES = str.maketrans(
    "аеорсухкмтнвіјѕԁԛԝАВЕКМНОРСТХІЈЅαεικνορτυχΑΒΕΗΙΚΜΝΟΡΤΥΧ‐‑‒–—−",
    "aeopcyxkmthbijsdqwABEKMHOPCTXIJSaeikvoptuxABEHIKMNOPTYX------",
)


def fold_confusables(text: str) -> str:
    """`text` with look-alike letters and dashes as the Latin letters and '-' they look like (NFKC first)."""
    return unicodedata.normalize("NFKC", text).translate(_CONFUSABLES)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate an author most likely meant, compared case-insensitively and with look-alike
    letters folded (a Cyrillic 'е' in a Latin id is the 'e' it looks like)."""
    options = {fold_confusables(c).lower(): c for c in candidates}
    folded = fold_confusables(word).lower()
    if folded in options and options[folded] != word:
        return options[folded]
    match = difflib.get_close_matches(folded, list(options), n=1, cutoff=0.6)
    return options[match[0]] if match else None


def report(problems: Iterable[Problem]) -> str:
    """All problems, sorted by file and line, one per line, with a count at the end."""
    # Notes (about other problems, or from checks a project set to 'note') come last and are not counted.
    problems = sorted(set(problems), key=lambda p: (p.severity == "note", p))
    lines = [str(p) for p in problems]
    counted = [p for p in problems if p.severity != "note"]
    summary = f"{len(counted)} problem{'s' if len(counted) != 1 else ''} found."
    notes = len(problems) - len(counted)
    if notes:
        summary += f" {notes} note{'s' if notes != 1 else ''}."
    lines.append(summary)
    return "\n".join(lines)
