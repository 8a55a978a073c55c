"""Item analysis of quiz answers, as Moodle's quiz statistics report does it.

- **Facility**: the mean mark on the question (1.0 = everyone right).
- **Discrimination**: the correlation (Pearson) between the mark on the question and the
  rest of the attempt's marks. Positive: people who did well on the quiz tend to get it
  right. Negative: they tend to get it wrong, which usually means a disputed key.
- **Option shares**: how many answers chose each option of a choice question.

Statistics are kept per quiz version: a question whose text changed between versions is
another question as far as numbers go, so old answers are never mixed in silently.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .store import EventStore

# Thresholds for flags, with Moodle's guidance as the reference: facility above 0.9 or below 0.2
# tells the reader little; a negative discrimination is worth a look at the key. Below 30 answers,
# or within 0.1 of zero, a correlation is mostly chance, so neither is flagged.
MIN_ATTEMPTS = 30
TOO_EASY = 0.9
TOO_HARD = 0.2
NEGATIVE = -0.1
OBVIOUS_FALSE = 0.95
FLAGS = ("too_easy", "too_hard", "negative_discrimination", "dead_option", "obvious_false")


@dataclass(frozen=True)
class OptionShare:
    option: str
    label: str
    correct: bool
    chosen: int
    share: float


@dataclass
class QuestionStats:
    quiz: str
    version: str
    question: str
    qtype: str = ""
    prompt: str = ""
    key: str = ""
    attempts: int = 0
    facility: float | None = None
    discrimination: float | None = None
    options: list[OptionShare] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def pearson(n: int, sx: float, sy: float, sxx: float, syy: float, sxy: float) -> float | None:
    """Correlation from running sums; None where either variable does not vary."""
    if n < 2:
        return None
    vx, vy = n * sxx - sx * sx, n * syy - sy * sy
    if vx <= 1e-12 or vy <= 1e-12:
        return None
    return (n * sxy - sx * sy) / math.sqrt(vx * vy)


def question_stats(store: EventStore, min_attempts: int = MIN_ATTEMPTS) -> list[QuestionStats]:
    """Every answered question of every quiz version, with its flags, in quiz and bank order."""
    table: dict[tuple[str, str, str], QuestionStats] = {}
    for quiz, version, question, n, sx in store.facility_sums():
        table[(quiz, version, question)] = QuestionStats(quiz, version, question, attempts=n, facility=sx / n)
    for quiz, version, question, *sums in store.item_sums():
        stats = table[(quiz, version, question)]
        stats.discrimination = pearson(*sums)
    for quiz, version, question, qtype, prompt, key in store.rows("SELECT * FROM questions"):
        if (found := table.get((quiz, version, question))) is not None:
            found.qtype, found.prompt, found.key = qtype, prompt, key
    for quiz, version, question, option, label, correct in store.rows("SELECT * FROM options ORDER BY rowid"):
        if (found := table.get((quiz, version, question))) is not None:
            chosen = store.option_counts.get((quiz, version, question, option), 0)
            found.options.append(OptionShare(option, label, bool(correct), chosen, chosen / found.attempts))
    for stats in table.values():
        stats.flags = flags(stats, min_attempts)
    return sorted(table.values(), key=lambda s: (s.quiz, s.version, s.question))


def flags(s: QuestionStats, min_attempts: int = MIN_ATTEMPTS) -> list[str]:
    """What an author should look at; nothing below `min_attempts` answers, where numbers mean little."""
    if s.attempts < min_attempts or s.facility is None:
        return []
    found = []
    if s.facility >= TOO_EASY:
        found.append("too_easy")
    if s.facility <= TOO_HARD:
        found.append("too_hard")
    if s.discrimination is not None and s.discrimination <= NEGATIVE:
        found.append("negative_discrimination")
    if any(o.chosen == 0 and not o.correct for o in s.options):
        found.append("dead_option")
    if s.qtype == "true_false" and s.key == "false" and s.facility >= OBVIOUS_FALSE:
        found.append("obvious_false")
    return found
