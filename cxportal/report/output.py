"""The report as files: one self-contained HTML page (no request to any host) and CSV tables.

The HTML is rendered from `templates/report/report.html` with autoescaping, so names, prompts and
option texts from the records are text, never markup. Charts are inline SVG, laid out twice (wide
and narrow, CSS shows one) as the season charts are, so their labels stay readable on a phone.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..i18n import Strings
from ..model import Portal
from . import Report
from .stats import FLAGS, QuestionStats


@dataclass(frozen=True)
class BarLayout:
    name: str
    width: int
    label: int  # width of the label column
    row: int
    font: int


WIDE = BarLayout("wide", 640, 200, 28, 14)
NARROW = BarLayout("narrow", 340, 110, 30, 13)


def facility_chart(questions: list[QuestionStats], layout: BarLayout) -> dict:
    """Geometry of one quiz version's facility bars: one row per question, 0–100 % across."""
    span = layout.width - layout.label - 56
    rows = []
    for i, q in enumerate(questions):
        facility = q.facility or 0.0
        rows.append(
            {
                "y": 24 + i * layout.row,
                "label": q.question if len(q.question) <= 24 else q.question[:23] + "…",
                "width": round(span * facility, 1),
                "value": round(100 * facility),
                "flagged": bool(q.flags),
            }
        )
    return {
        "layout": layout,
        "height": 24 + len(questions) * layout.row + 8,
        "x0": layout.label,
        "span": span,
        "rows": rows,
        "ticks": [{"x": layout.label + span * t / 100, "value": t} for t in (0, 50, 100)],
    }


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cxportal", "templates/report"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def write_report(report: Report, portal: Portal, strings: Strings, out_dir: Path) -> list[Path]:
    """index.html, team.csv, questions.csv and versions.csv in `out_dir`; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    by_quiz: dict[tuple[str, str], list[QuestionStats]] = defaultdict(list)
    for q in report.questions:
        by_quiz[(q.quiz, q.version)].append(q)
    quizzes = []
    for (quiz_id, version), questions in by_quiz.items():
        quiz = portal.quizzes.get(quiz_id)
        quizzes.append(
            {
                "id": quiz_id,
                "title": quiz.title.get(strings.lang) if quiz else quiz_id,
                "version": version,
                "current": bool(quiz) and _is_current(quiz, version),
                "questions": questions,
                "charts": [facility_chart(questions, WIDE), facility_chart(questions, NARROW)],
            }
        )
    written = [out_dir / "index.html"]
    # Rendered as a stream into the file: the page grows with the team, the process's memory need not.
    stream = (
        _environment()
        .get_template("report.html")
        .generate(
            t=strings,
            lang=strings.lang,
            report=report,
            quizzes=quizzes,
            flags=FLAGS,
            teams=sorted({r.team for r in report.team if r.team}),
            roles=sorted({r.role for r in report.team}),
            role_name=lambda rid: portal.roles[rid].name.get(strings.lang) if rid in portal.roles else rid,
            playbook_title=lambda pid: portal.playbooks[pid].title if pid in portal.playbooks else pid,
            pct=lambda v: "–" if v is None else strings.number(round(100 * v)) + " %",
            num=lambda v, digits=2: "–" if v is None else strings.number(round(v, digits)),
            date=lambda v: strings.date(v, "medium") if v else "",
            today=report.today.isoformat(),
        )
    )
    with written[0].open("w", encoding="utf-8") as f:
        f.writelines(stream)
    written.append(_csv(out_dir / "team.csv", TEAM_COLUMNS, [_team_row(r, report.today) for r in report.team]))
    written.append(_csv(out_dir / "questions.csv", QUESTION_COLUMNS, [_question_row(q) for q in report.questions]))
    written.append(_csv(out_dir / "versions.csv", VERSION_COLUMNS, [list(vars(v).values()) for v in report.versions]))
    return written


def _is_current(quiz, version: str) -> bool:
    from ..render import quiz_hash

    return version == quiz_hash(quiz)


TEAM_COLUMNS = [
    "person",
    "name",
    "team",
    "role",
    "path",
    "status",
    "steps_done",
    "steps_total",
    "quiz_scores",
    "finished",
    "awaiting_confirmation",
    "renewal_due",
]
QUESTION_COLUMNS = [
    "quiz",
    "version",
    "question",
    "type",
    "attempts",
    "facility",
    "discrimination",
    "option_shares",
    "flags",
]
VERSION_COLUMNS = [
    "playbook",
    "current_version",
    "person",
    "name",
    "team",
    "read_version",
    "read_on",
    "confirmed_version",
    "confirmed_on",
]


def _team_row(r, today: dt.date) -> list:
    scores = " ".join(f"{quiz}={round(100 * s)}" for quiz, s in sorted(r.quiz_scores.items()))
    return [
        r.person,
        r.name,
        r.team,
        r.role,
        r.path,
        r.status(today),
        r.steps_done,
        r.steps_total,
        scores,
        r.finished,
        " ".join(r.awaiting),
        r.renewal_due,
    ]


def _question_row(q: QuestionStats) -> list:
    shares = " ".join(f"{o.option}={o.chosen}" for o in q.options)
    return [
        q.quiz,
        q.version,
        q.question,
        q.qtype,
        q.attempts,
        "" if q.facility is None else round(q.facility, 4),
        "" if q.discrimination is None else round(q.discrimination, 4),
        shares,
        " ".join(q.flags),
    ]


def _csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        # A cell that a spreadsheet would run as a formula (=, +, -, @) is written as text.
        writer.writerows([[_cell(v) for v in row] for row in rows])
    return path


def _cell(value: object) -> object:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
