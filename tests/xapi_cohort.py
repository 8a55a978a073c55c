"""A synthetic but realistic cohort of learners, as the xAPI statements the portal's browser sends.

Statements follow docs/records.md: experienced (read), answered (one per question, with the
standard interaction response), passed/failed with the scaled score, completed (path), earned
(certificate) and acknowledged. Each person has an ability; each question of the fixture portal's
`alpha` quiz is built to behave in a known way, so the report's flags can be checked:

    first   single       almost everyone right                     → too easy
    both    multiple     few pick both right options; none "Ignore" → too hard, dead option
    tf      true/false   (false) almost everyone sees through it    → obvious false (and too easy)
    order   ordering     right with ability                         → ordinary
    match   matching     right AGAINST ability                      → negative discrimination
    blank   fill-in      right with ability                         → ordinary

The marks drawn here are kept (`Cohort.marks`) so a test can compute the statistics on its own.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

ADL = "http://adlnet.gov/expapi/verbs/"
QUESTIONS = ("first", "both", "tf", "order", "match", "blank")


@dataclass
class Cohort:
    site: str  # site_url, ending in /
    quiz_hash: str
    people: int = 200
    seed: int = 7
    attempts_per_person: int = 2
    # Each season everyone takes the course again (the refresher): more statements, the same people.
    seasons: int = 1
    marks: list[dict[str, float]] = field(default_factory=list)  # one {question: mark} per attempt
    old_version_marks: list[dict[str, float]] = field(default_factory=list)

    def user(self, i: int) -> tuple[str, str, str]:
        """(Ralph username, mbox, name) of person i."""
        return f"p{i:05d}", f"mailto:p{i:05d}@cx.intranet.example", f"Person {i:05d}"

    def users(self) -> dict[str, str]:
        return {self.user(i)[0]: self.user(i)[1] for i in range(self.people)}

    def statements(self) -> Iterator[tuple[str, list[dict]]]:
        """(username, that person's statements), person by person."""
        rng = random.Random(self.seed)
        for i in range(self.people):
            name, mbox, display = self.user(i)
            ability = rng.gauss(0, 1)
            actor = {"objectType": "Agent", "name": display, "mbox": mbox}
            day = 1 + i % 27
            out: list[dict] = []
            for season in range(self.seasons):
                out += self._course(rng, actor, i, ability, day, 2026 - season)
            yield name, out

    def _course(self, rng: random.Random, actor: dict, i: int, ability: float, day: int, year: int) -> list[dict]:
        """One person's statements for one pass through the course: read, attempts until a pass, path."""
        out = [self._read(actor, "playbooks/alpha/", "1.0", day, year)]
        passed = False
        # Every tenth person first answered an older version of the quiz (another hash).
        versions = ["old-hash"] if i % 10 == 0 else []
        versions += [self.quiz_hash] * self.attempts_per_person
        for n, version in enumerate(versions):
            if passed:
                break
            marks = {q: draw(rng, q, ability) for q in QUESTIONS}
            (self.old_version_marks if version != self.quiz_hash else self.marks).append(marks)
            registration = str(uuid.UUID(int=rng.getrandbits(128)))
            stamp = f"{year}-11-{day:02d}T10:{10 + n:02d}:00Z"
            for q, mark in marks.items():
                out.append(self._answer(actor, q, mark, registration, version, stamp, rng))
            scaled = sum(marks.values()) / len(marks)
            passed = scaled >= 0.6
            out.append(self._result(actor, scaled, passed, registration, version, stamp))
        if passed:
            out.append(self._read(actor, "playbooks/beta/", "1.0", day, year))
            path = "roles/agent/onboarding/"
            out.append(self._simple(actor, ADL + "completed", path, "2026.11", day, year))
            out.append(
                self._simple(actor, "http://id.tincanapi.com/verb/earned", path + "#certificate", "2026.11", day, year)
            )
        if i % 3 == 0:
            out.append(
                self._simple(actor, "https://w3id.org/xapi/dod-isd/verbs/acknowledged", "playbooks/alpha/", "1.0", day)
            )
        return out

    def unusual_statements(self) -> list[tuple[str, list[dict]]]:
        """What a real LRS also holds: another system's statement, a broken one of the portal's, and one a
        person sent about somebody else (the LRS's authority says who really sent it)."""
        _, mbox1, name1 = self.user(1)
        user2, mbox2, name2 = self.user(2)
        foreign = self._base({"objectType": "Agent", "mbox": mbox2, "name": name2}, ADL + "completed", "", 3)
        foreign["object"]["id"] = "http://lms.example.org/course/42"
        broken = self._answer(
            {"objectType": "Agent", "mbox": mbox2, "name": name2},
            "first",
            1.0,
            "r",
            self.quiz_hash,
            "2026-11-03T10:00:00Z",
            random.Random(1),
        )
        del broken["context"]["registration"]
        impostor = self._result(
            {"objectType": "Agent", "mbox": mbox1, "name": name1},
            1.0,
            True,
            "x",
            self.quiz_hash,
            "2026-11-03T10:00:00Z",
        )
        return [(user2, [foreign, broken, impostor])]

    def roster(self, path):
        """The team list a training team keeps: two teams, everyone an agent, person 4 has left."""
        import csv

        with open(path, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["person", "name", "team", "role", "left"])
            for i in range(self.people):
                _, mbox, name = self.user(i)
                writer.writerow(
                    [
                        mbox.removeprefix("mailto:"),
                        name,
                        "North" if i % 2 else "South",
                        "agent",
                        "2026-11-20" if i == 4 else "",
                    ]
                )
        return path

    # Statement builders, as docs/records.md --------------------------------------------------

    def _base(self, actor: dict, verb: str, object_id: str, day: int, stamp: str = "", year: int = 2026) -> dict:
        return {
            "id": str(uuid.uuid4()),
            "actor": actor,
            "verb": {"id": verb, "display": {"en": verb.rsplit("/", 1)[-1]}},
            "object": {"objectType": "Activity", "id": self.site + object_id},
            "timestamp": stamp or f"{year}-11-{day:02d}T09:00:00Z",
            "context": {"language": "en", "extensions": {}},
        }

    def _read(self, actor: dict, page: str, version: str, day: int, year: int = 2026) -> dict:
        s = self._base(actor, ADL + "experienced", page, day, year=year)
        s["context"]["extensions"][self.site + "xapi/extensions/version"] = version
        return s

    def _simple(self, actor: dict, verb: str, object_id: str, version: str, day: int, year: int = 2026) -> dict:
        s = self._base(actor, verb, object_id, day, year=year)
        s["context"]["extensions"][self.site + "xapi/extensions/version"] = version
        s["result"] = {"completion": True}
        return s

    def _context(self, s: dict, registration: str, version: str) -> None:
        s["context"]["registration"] = registration
        s["context"]["contextActivities"] = {"parent": [{"id": self.site + "quizzes/alpha/"}]}
        s["context"]["extensions"][self.site + "xapi/extensions/quiz-hash"] = version
        s["context"]["extensions"][self.site + "xapi/extensions/version"] = "2026.11"

    def _answer(
        self, actor: dict, q: str, mark: float, registration: str, version: str, stamp: str, rng: random.Random
    ) -> dict:
        s = self._base(actor, ADL + "answered", f"quizzes/alpha/#q={q}", 0, stamp)
        definition, response = INTERACTIONS[q](mark, rng)
        s["object"]["definition"] = {
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "description": {"en": q},
            **definition,
        }
        s["result"] = {"success": mark == 1.0, "response": response, "score": {"raw": mark, "max": 1}}
        self._context(s, registration, version)
        return s

    def _result(self, actor: dict, scaled: float, passed: bool, registration: str, version: str, stamp: str) -> dict:
        s = self._base(actor, ADL + ("passed" if passed else "failed"), "quizzes/alpha/", 0, stamp)
        s["object"]["definition"] = {"type": "http://adlnet.gov/expapi/activities/assessment"}
        s["result"] = {
            "score": {"scaled": round(scaled, 6), "raw": round(6 * scaled, 6), "min": 0, "max": 6},
            "success": passed,
            "completion": True,
            "duration": "PT4M",
        }
        self._context(s, registration, version)
        return s


def logistic(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def draw(rng: random.Random, q: str, ability: float) -> float:
    """A mark (0 or 1) for question q, as the question is built to behave."""
    p = {
        "first": 0.96,
        "both": 0.12,
        "tf": 0.97,
        "order": logistic(1.6 * ability),
        "match": logistic(-1.6 * ability),
        "blank": logistic(1.6 * ability + 0.4),
    }[q]
    return 1.0 if rng.random() < p else 0.0


def _choice(correct: list[str], wrong: list[str], options: list[str]):
    def make(mark: float, rng: random.Random) -> tuple[dict, str]:
        definition = {
            "interactionType": "choice",
            "correctResponsesPattern": ["[,]".join(correct)],
            "choices": [{"id": chr(97 + i), "description": {"en": text}} for i, text in enumerate(options)],
        }
        return definition, "[,]".join(correct) if mark == 1.0 else "[,]".join(wrong)

    return make


def _true_false(mark: float, rng: random.Random) -> tuple[dict, str]:
    return {"interactionType": "true-false", "correctResponsesPattern": ["false"]}, "false" if mark else "true"


def _sequencing(mark: float, rng: random.Random) -> tuple[dict, str]:
    choices = [{"id": c, "description": {"en": t}} for c, t in zip("abc", ("Listen", "Act", "Review"), strict=True)]
    return (
        {"interactionType": "sequencing", "correctResponsesPattern": ["a[,]b[,]c"], "choices": choices},
        "a[,]b[,]c" if mark else "b[,]a[,]c",
    )


def _matching(mark: float, rng: random.Random) -> tuple[dict, str]:
    return (
        {
            "interactionType": "matching",
            "correctResponsesPattern": ["1[.]a[,]2[.]b"],
            "source": [{"id": "1", "description": {"en": "Listen"}}, {"id": "2", "description": {"en": "Act"}}],
            "target": [{"id": "a", "description": {"en": "AL-1"}}, {"id": "b", "description": {"en": "AL-2"}}],
        },
        "1[.]a[,]2[.]b" if mark else "1[.]b[,]2[.]a",
    )


def _fill_in(mark: float, rng: random.Random) -> tuple[dict, str]:
    return {"interactionType": "fill-in", "correctResponsesPattern": ["listen[,]act"]}, (
        "listen[,]act" if mark else "act[,]listen"
    )


INTERACTIONS = {
    "first": _choice(["a"], ["b"], ["Listen", "Act"]),
    "both": _choice(["a", "b"], ["a"], ["Listen", "Act", "Ignore"]),
    "tf": _true_false,
    "order": _sequencing,
    "match": _matching,
    "blank": _fill_in,
}
