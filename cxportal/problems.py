"""Problems found in content: values, not exceptions, until the CLI or plugin reports them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    hint: str | None = None  # a near-miss suggestion, shown as "did you mean …?"
    note: bool = False  # said about other problems (listed last, not counted)

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        if self.hint:
            text += f" (did you mean '{self.hint}'?)"
        return text


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate an author most likely meant, compared case-insensitively."""
    options = {c.lower(): c for c in candidates}
    match = difflib.get_close_matches(word.lower(), list(options), n=1, cutoff=0.6)
    return options[match[0]] if match else None


def report(problems: Iterable[Problem]) -> str:
    """All problems, sorted by file and line, one per line, with a count at the end."""
    problems = sorted(set(problems), key=lambda p: (p.note, p))
    lines = [str(p) for p in problems]
    count = sum(not p.note for p in problems)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found.")
    return "\n".join(lines)
