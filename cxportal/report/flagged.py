"""`cxportal check --stats`: the report's flagged questions as notes where authors edit them."""

from __future__ import annotations

import csv
from pathlib import Path

from ..model import Portal
from ..problems import Problem
from .stats import FLAGS

REQUIRED = {"quiz", "version", "question", "attempts", "facility", "discrimination", "flags"}


def flagged_questions(stats_csv: Path, portal: Portal) -> list[Problem]:
    """One note per flagged question of the quizzes' current version, at the question's line in its bank."""
    from ..render import quiz_hash

    notes: list[Problem] = []
    try:
        with stats_csv.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            missing = REQUIRED - set(reader.fieldnames or ())
            if missing:
                return [
                    Problem(
                        str(stats_csv), 1, f"not a questions.csv from cxportal report (no {', '.join(sorted(missing))})"
                    )
                ]
            for number, row in enumerate(reader, start=2):
                flags = [f for f in (row.get("flags") or "").split() if f in FLAGS]
                quiz = portal.quizzes.get(row.get("quiz") or "")
                if not flags or quiz is None or row.get("version") != quiz_hash(quiz):
                    continue  # an older version's numbers say nothing about today's text
                question = next((q for q in quiz.questions if q.id == row.get("question")), None)
                if question is None:
                    continue
                facility = _percent(row.get("facility"))
                said = ", ".join(_FLAG_TEXT[f] for f in flags)
                notes.append(
                    Problem(
                        str(question.source.path),
                        question.source.line,
                        f"question '{question.id}': {said} (facility {facility} over {row.get('attempts')} answers, "
                        f"discrimination {row.get('discrimination') or '–'}; {stats_csv.name}:{number})",
                        severity="note",
                    )
                )
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        return [Problem(str(stats_csv), 1, f"cannot read it ({e})")]
    return notes


def _percent(value: str | None) -> str:
    try:
        return f"{round(100 * float(value or ''))} %"
    except ValueError:
        return "–"


_FLAG_TEXT = {
    "too_easy": "nearly everyone gets it right",
    "too_hard": "few get it right",
    "negative_discrimination": "people who do well on the quiz get it wrong more often",
    "dead_option": "an option nobody chooses",
    "obvious_false": "a false statement nearly everyone sees through",
}
