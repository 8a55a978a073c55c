"""The report's working store: learning events in an SQLite file on disk.

Statements arrive a page at a time and an attempt's answers arrive as separate
statements, so joining them (an answer with its attempt's total, a person with
their steps) needs somewhere other than memory: a temporary SQLite database,
with the work done in SQL. Memory stays flat however many statements there are;
the disk file grows with them.

A statement id is stored once: a replayed statement, or the same result in an
LRS and in a progress file, is never counted twice.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE seen (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE people (person TEXT PRIMARY KEY, name TEXT, team TEXT DEFAULT '', role TEXT DEFAULT '',
                     left_on TEXT DEFAULT '', last_seen TEXT DEFAULT '');
-- One graded answer: x is the mark as a fraction (0..1) of what the question is worth.
CREATE TABLE answers (person TEXT, quiz TEXT, version TEXT, attempt TEXT, question TEXT, qtype TEXT,
                      response TEXT, x REAL, at TEXT);
CREATE TABLE options (quiz TEXT, version TEXT, question TEXT, option TEXT, label TEXT, correct INTEGER,
                      UNIQUE (quiz, version, question, option));
CREATE TABLE questions (quiz TEXT, version TEXT, question TEXT, qtype TEXT, prompt TEXT, key TEXT,
                        PRIMARY KEY (quiz, version, question)) WITHOUT ROWID;
CREATE TABLE results (person TEXT, quiz TEXT, version TEXT, attempt TEXT, scaled REAL, passed INTEGER, at TEXT);
-- Everything else a person did: read, done, completed a path, acknowledged, certificate.
CREATE TABLE events (person TEXT, kind TEXT, activity TEXT, version TEXT, at TEXT);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS answers_attempt ON answers (attempt);
CREATE INDEX IF NOT EXISTS answers_question ON answers (quiz, version, question);
CREATE INDEX IF NOT EXISTS events_person ON events (person, kind);
CREATE INDEX IF NOT EXISTS results_person ON results (person, quiz);
"""


@dataclass(frozen=True)
class Answer:
    statement: str
    person: str
    quiz: str
    version: str
    attempt: str
    question: str
    qtype: str
    response: str
    x: float
    at: str
    chosen: tuple[str, ...] = ()  # choice option ids, for the share choosing each option


@dataclass(frozen=True)
class Result:
    statement: str
    person: str
    quiz: str
    version: str
    attempt: str
    scaled: float
    passed: bool
    at: str


@dataclass(frozen=True)
class Event:
    statement: str
    person: str
    kind: str  # read | done | path | acknowledged | certificate
    activity: str
    version: str
    at: str


class EventStore:
    """Events added one at a time (deduplicated by statement id); statistics read back in SQL."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-8000;")
        self.db.executescript(SCHEMA)
        self.duplicates = 0
        self.option_counts: dict[tuple[str, str, str, str], int] = {}  # bounded by the banks' size

    def close(self) -> None:
        self.db.close()

    def _first_time(self, statement: str) -> bool:
        if self.db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (statement,)).rowcount:
            return True
        self.duplicates += 1
        return False

    def person(self, person: str, name: str, at: str) -> None:
        self.db.execute(
            "INSERT INTO people (person, name, last_seen) VALUES (?, ?, ?) ON CONFLICT (person) DO UPDATE SET"
            " name = CASE WHEN excluded.last_seen >= last_seen AND excluded.name != '' THEN excluded.name ELSE name END,"
            " last_seen = max(last_seen, excluded.last_seen)",
            (person, name, at),
        )

    def roster(self, person: str, name: str, team: str, role: str, left_on: str) -> None:
        self.db.execute(
            "INSERT INTO people (person, name, team, role, left_on) VALUES (?, ?, ?, ?, ?) ON CONFLICT (person)"
            " DO UPDATE SET name = excluded.name, team = excluded.team, role = excluded.role, left_on = excluded.left_on",
            (person, name, team, role, left_on),
        )

    def question(self, quiz: str, version: str, question: str, qtype: str, prompt: str, key: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO questions VALUES (?, ?, ?, ?, ?, ?)", (quiz, version, question, qtype, prompt, key)
        )

    def option(self, quiz: str, version: str, question: str, option: str, label: str, correct: bool) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO options VALUES (?, ?, ?, ?, ?, ?)",
            (quiz, version, question, option, label, int(correct)),
        )

    def add_answer(self, a: Answer) -> None:
        if not self._first_time(a.statement):
            return
        self.db.execute(
            "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.person, a.quiz, a.version, a.attempt, a.question, a.qtype, a.response, a.x, a.at),
        )
        for option in a.chosen:
            k = (a.quiz, a.version, a.question, option)
            self.option_counts[k] = self.option_counts.get(k, 0) + 1

    def add_result(self, r: Result) -> None:
        if self._first_time(r.statement):
            self.db.execute(
                "INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?)",
                (r.person, r.quiz, r.version, r.attempt, r.scaled, int(r.passed), r.at),
            )

    def add_event(self, e: Event) -> None:
        if self._first_time(e.statement):
            self.db.execute(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?)", (e.person, e.kind, e.activity, e.version, e.at)
            )

    def finish_loading(self) -> None:
        self.db.executescript(INDEXES)
        self.db.commit()

    def rows(self, sql: str, *params: object) -> Iterator[tuple]:
        yield from self.db.execute(sql, params)

    def facility_sums(self) -> Iterator[tuple]:
        """Per question and quiz version: attempts answering it and the sum of their marks."""
        yield from self.db.execute("SELECT quiz, version, question, count(*), sum(x) FROM answers GROUP BY 1, 2, 3")

    def item_sums(self) -> Iterator[tuple]:
        """Per question and quiz version: n, Σx, Σr, Σx², Σr², Σxr, where r is the rest of the attempt's marks.

        Only attempts with at least two graded answers count: with one, there is no rest to compare with.
        """
        yield from self.db.execute(
            """
            WITH totals AS (SELECT attempt, sum(x) AS t, count(*) AS k FROM answers GROUP BY attempt HAVING k > 1)
            SELECT a.quiz, a.version, a.question, count(*), sum(a.x), sum(t - a.x), sum(a.x * a.x),
                   sum((t - a.x) * (t - a.x)), sum(a.x * (t - a.x))
            FROM answers a JOIN totals USING (attempt)
            GROUP BY a.quiz, a.version, a.question
            """
        )
