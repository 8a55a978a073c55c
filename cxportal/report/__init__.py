"""`cxportal report`: what the training team learns from the learning records.

Reads statements from the organisation's LRS (`lrs.py`, a page at a time) and/or the progress
files the manager view imports (`progressfile.py`), keeps them as events in a temporary SQLite
store (`store.py`), and writes three tables in the reader's language (`output.py`):

- team progress per person and path (`team.py`),
- question statistics per quiz version (`stats.py`),
- playbook versions read and confirmed.

The only module that knows the statements' shape is `xapi.py` (docs/records.md describes them).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Portal
from .lrs import LrsError, LrsSource
from .progressfile import ProgressFileError, read_progress_file
from .stats import QuestionStats, question_stats
from .store import EventStore
from .team import PathRow, VersionRow, team_progress, version_rows
from .xapi import StatementReader, Tally

__all__ = ["LrsError", "LrsSource", "Report", "ReportInputs", "build_report"]


@dataclass(frozen=True)
class ReportInputs:
    site_url: str
    lrs: LrsSource | None = None
    progress_files: tuple[Path, ...] = ()
    roster: Path | None = None
    trusted: tuple[str, ...] = ()
    lang: str = "en"
    today: dt.date = field(default_factory=dt.date.today)


@dataclass
class Report:
    team: list[PathRow]
    questions: list[QuestionStats]
    versions: list[VersionRow]
    tally: Tally
    files_used: int
    notes: list[str]
    duplicates: int
    today: dt.date


def build_report(inputs: ReportInputs, portal: Portal) -> Report:
    """Reads every source into a temporary store and computes the three tables. Raises LrsError."""
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="cxportal-report-") as tmp:
        store = EventStore(Path(tmp) / "events.sqlite")
        try:
            if inputs.roster:
                notes += read_roster(inputs.roster, store)
            reader = StatementReader(store, inputs.site_url, inputs.lang, inputs.trusted)
            if inputs.lrs is not None:
                reader.read(inputs.lrs.statements())
            files_used = 0
            for path in inputs.progress_files:
                try:
                    files_used += bool(read_progress_file(path, store, portal, inputs.site_url, inputs.lang))
                except ProgressFileError as e:
                    notes.append(str(e))
            store.finish_loading()
            return Report(
                team=team_progress(store, portal, inputs.site_url),
                questions=question_stats(store),
                versions=version_rows(store, portal, inputs.site_url),
                tally=reader.tally,
                files_used=files_used,
                notes=notes,
                duplicates=store.duplicates,
                today=inputs.today,
            )
        finally:
            store.close()


def read_roster(path: Path, store: EventStore) -> list[str]:
    """The team list (CSV: person, name, team, role, left): who is in which team, and who left."""
    import csv

    notes = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            for number, row in enumerate(csv.DictReader(f), start=2):
                person = (row.get("person") or "").strip().lower()
                if not person:
                    notes.append(f"{path}:{number}: no person (an email address, as the LRS knows them); row skipped")
                    continue
                if "@" in person and not person.startswith("mailto:"):
                    person = "mailto:" + person
                store.roster(
                    person,
                    (row.get("name") or "").strip(),
                    (row.get("team") or "").strip(),
                    (row.get("role") or "").strip(),
                    (row.get("left") or "").strip(),
                )
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        notes.append(f"{path}: cannot read the roster ({e})")
    return notes
