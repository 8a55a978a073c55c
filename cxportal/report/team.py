"""Team progress: per person and learning path, what is done, scored, awaited and due.

A path's steps are matched to what a person did by the step's page: an activity id is the
page's URL under the site, the same in every language (a language folder such as `ru/` is
taken off), so reading the Russian page counts for the step as reading the English one does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..model import Portal
from ..structure import page_url, path_src, playbook_src, step_src
from .store import EventStore

LANG_FOLDER = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]+)?/")
PATH_PAGE = re.compile(r"^roles/([\w.-]+)/(onboarding|refresher)/")


@dataclass
class PathRow:
    person: str
    name: str
    team: str
    role: str
    path: str  # onboarding | refresher
    steps_done: int
    steps_total: int
    quiz_scores: dict[str, float] = field(default_factory=dict)  # quiz id -> best scaled score
    finished: str = ""  # date the path was completed
    awaiting: list[str] = field(default_factory=list)  # playbooks whose current version awaits confirmation
    renewal_due: str = ""  # date a renewal is due; "" when the path does not expire or is not finished
    left: bool = False

    def status(self, today: dt.date) -> str:
        if self.left:
            return "left"
        if self.renewal_due and self.renewal_due <= today.isoformat():
            return "overdue"
        if self.finished:
            return "finished"
        return "in_progress" if self.steps_done else "not_started"


def site_path(activity: str, site_url: str) -> str:
    """An activity id as a page path under the site, without a language folder: 'playbooks/x/'."""
    path = urlsplit(activity).path
    root = urlsplit(site_url).path or "/"
    path = path[len(root) :] if path.startswith(root) else path.lstrip("/")
    return LANG_FOLDER.sub("", path, count=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def team_progress(store: EventStore, portal: Portal, site_url: str) -> list[PathRow]:
    """One row per person and path of their role (every path, when the role is not known)."""
    done: dict[str, dict[str, str]] = defaultdict(dict)  # person -> page path -> first date
    acknowledged: dict[str, set[tuple[str, str]]] = defaultdict(set)  # person -> {(page, version)}
    for person, kind, activity, version, at in store.rows("SELECT * FROM events ORDER BY at"):
        page = site_path(activity, site_url)
        if kind == "acknowledged":
            acknowledged[person].add((page, version))
        else:
            done[person].setdefault(page, at[:10])
    best: dict[str, dict[str, tuple[float, bool]]] = defaultdict(dict)
    for person, quiz, scaled, passed in store.rows(
        "SELECT person, quiz, max(scaled), max(passed) FROM results GROUP BY person, quiz"
    ):
        best[person][quiz] = (scaled, bool(passed))
    rows = []
    for person, name, team, role_id, left_on, _ in store.rows("SELECT * FROM people ORDER BY name, person"):
        if role_id not in portal.roles:
            # Without a roster, a person's role is the one whose path they finished (or got a certificate for).
            role_id = next((m.group(1) for page in done[person] if (m := PATH_PAGE.match(page))), role_id)
        if role_id not in portal.roles:
            rows.append(
                PathRow(
                    person,
                    name or person,
                    team,
                    role_id,
                    "",
                    0,
                    0,
                    {q: s for q, (s, _) in best[person].items()},
                    left=bool(left_on),
                )
            )
            continue
        for role in [portal.roles[role_id]]:
            for kind, path in role.paths.items():
                pages = [page_url(step_src(step)) for step in path.steps]
                steps_done = 0
                for step, page in zip(path.steps, pages, strict=True):
                    if step.kind == "quiz":
                        steps_done += best[person].get(step.target, (0.0, False))[1]
                    else:
                        steps_done += page in done[person]
                finished = done[person].get(page_url(path_src(role.id, kind)), "")
                rows.append(
                    PathRow(
                        person=person,
                        name=name or person,
                        team=team,
                        role=role.id,
                        path=kind,
                        steps_done=steps_done,
                        steps_total=len(path.steps),
                        quiz_scores={
                            s.target: best[person][s.target][0] for s in path.steps if s.target in best[person]
                        },
                        finished=finished,
                        awaiting=_awaiting(portal, path, acknowledged[person]),
                        renewal_due=_renewal(path, finished),
                        left=bool(left_on),
                    )
                )
    return rows


def _awaiting(portal: Portal, path, acknowledged: set[tuple[str, str]]) -> list[str]:
    """Playbooks of the path that ask for a confirmation of their current version, not yet given."""
    awaiting = []
    for step in path.steps:
        playbook = portal.playbooks.get(step.target) if step.kind == "playbook" else None
        if playbook is not None and getattr(playbook, "acknowledge", False):
            if (page_url(step_src(step)), playbook.version) not in acknowledged:
                awaiting.append(playbook.id)
    return awaiting


def _renewal(path, finished: str) -> str:
    months = getattr(path, "renew_months", None)
    if not months or not finished:
        return ""
    return _add_months(dt.date.fromisoformat(finished), int(months)).isoformat()


@dataclass(frozen=True)
class VersionRow:
    playbook: str
    current: str  # the playbook's version today
    person: str
    name: str
    team: str
    read_version: str
    read_on: str
    confirmed_version: str
    confirmed_on: str

    @property
    def up_to_date(self) -> bool:
        return self.confirmed_version == self.current or (
            not self.confirmed_version and self.read_version == self.current
        )


def version_rows(store: EventStore, portal: Portal, site_url: str) -> list[VersionRow]:
    """Per playbook and person: the newest version they read and the newest they confirmed."""
    pages = {page_url(playbook_src(pid)): pb for pid, pb in portal.playbooks.items()}
    latest: dict[tuple[str, str], dict[str, tuple[str, str]]] = defaultdict(dict)
    for person, kind, activity, version, at in store.rows(
        "SELECT * FROM events WHERE kind IN ('read', 'acknowledged') ORDER BY at"
    ):
        playbook = pages.get(site_path(activity, site_url))
        if playbook is not None:
            latest[(playbook.id, person)][kind] = (version, at[:10])
    people = {p: (name or p, team) for p, name, team, *_ in store.rows("SELECT * FROM people")}
    rows = []
    for (playbook_id, person), seen in sorted(latest.items()):
        name, team = people.get(person, (person, ""))
        read, confirmed = seen.get("read", ("", "")), seen.get("acknowledged", ("", ""))
        rows.append(
            VersionRow(playbook_id, portal.playbooks[playbook_id].version, person, name, team, *read, *confirmed)
        )
    return rows
