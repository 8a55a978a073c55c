"""What the portal's xAPI statements mean for the report: the only module that knows their shape.

The statements are the ones the portal's browser sends (docs/records.md): verbs and activity
types from the ADL vocabulary, activity ids under the site's URL, the attempt as the context's
registration, the quiz or playbook version as a context extension. Anything else is counted as
foreign (another system's statement in the same LRS) or malformed (the portal's, but broken)
and skipped, never a traceback.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .jsonvalue import mapping, text
from .store import Answer, Event, EventStore, Result

ADL = "http://adlnet.gov/expapi/verbs/"
VERB_KINDS = {
    ADL + "answered": "answered",
    ADL + "passed": "passed",
    ADL + "failed": "failed",
    ADL + "experienced": "read",
    ADL + "completed": "completed",
    "https://w3id.org/xapi/dod-isd/verbs/acknowledged": "acknowledged",
    "http://id.tincanapi.com/verb/earned": "certificate",
}
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
# A quiz's activity id ends in quizzes/<quiz>/; a question's adds #q=<question>.
QUIZ_ID = re.compile(r"/quizzes/([\w.-]+)/(?:#q=([\w.-]+))?$")
SEPARATOR = "[,]"


@dataclass
class Tally:
    """How many statements went where; what was skipped is said in the report, not dropped silently."""

    used: int = 0
    foreign: int = 0
    malformed: Counter[str] = field(default_factory=Counter)

    @property
    def skipped(self) -> int:
        return self.foreign + sum(self.malformed.values())


class Malformed(ValueError):
    """A statement of the portal's that lacks what the report needs."""


def person_of(actor: object) -> tuple[str, str]:
    """A stable key for the actor (mbox or account) and their name."""
    if not isinstance(actor, dict):
        raise Malformed("no actor")
    name = text(actor, "name")
    if text(actor, "mbox"):
        return text(actor, "mbox").lower(), name
    account = mapping(actor, "account")
    if text(account, "name"):
        return f"{text(account, 'homePage')}#{text(account, 'name')}", name or text(account, "name")
    if text(actor, "mbox_sha1sum"):
        return "sha1:" + text(actor, "mbox_sha1sum"), name
    raise Malformed("an actor without mbox or account")


def _text(value: object, lang: str) -> str:
    """A language map's text in the reader's language, else the first one."""
    if not isinstance(value, dict) or not value:
        return ""
    for key in (lang, lang.split("-")[0], "en", "en-US"):
        if isinstance(value.get(key), str):
            return value[key]
    first = next(iter(value.values()))
    return first if isinstance(first, str) else ""


def _extension(context: dict, name: str) -> str:
    """A context extension by the last part of its IRI (`<site>xapi/extensions/<name>`)."""
    for key, value in (context.get("extensions") or {}).items():
        if isinstance(key, str) and key.rsplit("/", 1)[-1] == name and isinstance(value, (str, int, float)):
            return str(value)
    return ""


def _parent_quiz(context: dict) -> str:
    for parent in (context.get("contextActivities") or {}).get("parent") or []:
        if isinstance(parent, dict) and (m := QUIZ_ID.search(str(parent.get("id", "")))):
            return m.group(1)
    return ""


class StatementReader:
    """Turns statements into the store's events; `site_url` tells the portal's activities from others'."""

    def __init__(self, store: EventStore, site_url: str, lang: str = "en", trusted: Iterable[str] = ()) -> None:
        self.store, self.lang = store, lang
        self.site = urlsplit(site_url)
        self.tally = Tally()
        # Accounts allowed to record for others (an import service); everyone else only for themselves.
        self.trusted = {t.lower() for t in trusted}

    def _ours(self, activity_id: str) -> bool:
        url = urlsplit(activity_id)
        return url.netloc == self.site.netloc and url.path.startswith(self.site.path or "/")

    def read(self, statements: Iterable[object]) -> Tally:
        for statement in statements:
            try:
                if self._one(statement):
                    self.tally.used += 1
                else:
                    self.tally.foreign += 1
            except Malformed as e:
                self.tally.malformed[str(e)] += 1
            except (TypeError, ValueError, KeyError, AttributeError) as e:  # any other shape of garbage
                self.tally.malformed[f"unreadable ({type(e).__name__})"] += 1
        return self.tally

    def _one(self, s: object) -> bool:
        if not isinstance(s, dict) or not isinstance(s.get("verb"), dict) or not isinstance(s.get("object"), dict):
            raise Malformed("not a statement")
        obj_id = str(s["object"].get("id", ""))
        kind = VERB_KINDS.get(str(s["verb"].get("id", "")))
        if kind is None or not self._ours(obj_id):
            return False
        if s.get("voided") is True:
            return False
        statement_id = s.get("id")
        if not isinstance(statement_id, str) or not statement_id:
            raise Malformed("no statement id")
        person, name = person_of(s.get("actor"))
        authority = s.get("authority")
        if isinstance(authority, dict) and isinstance(authority.get("mbox"), str):
            # The LRS stamps who really sent it; a statement about someone else is not theirs (docs/records.md).
            if authority["mbox"].lower() not in (person, *self.trusted):
                raise Malformed("sent by another person than its actor")
        at = str(s.get("timestamp") or s.get("stored") or "")
        context, result = mapping(s, "context"), mapping(s, "result")
        version = _extension(context, "quiz-hash") or _extension(context, "version")
        self.store.person(person, name, at)
        if kind == "answered" and result.get("success") is None:
            return True  # a self-assessment's statement: no right answer to analyse
        if kind == "answered":
            self._answer(statement_id, person, s["object"], context, result, version, at)
        elif kind in ("passed", "failed"):
            m = QUIZ_ID.search(obj_id)
            if not m:
                raise Malformed("a quiz result whose activity is not a quiz")
            scaled = mapping(result, "score").get("scaled")
            if not isinstance(scaled, (int, float)) or not -1 <= scaled <= 1:
                raise Malformed("a quiz result without a scaled score")
            attempt = str(context.get("registration") or statement_id)
            self.store.add_result(
                Result(statement_id, person, m.group(1), version, attempt, float(scaled), kind == "passed", at)
            )
        else:
            if kind == "completed" and (m := QUIZ_ID.search(obj_id)):
                return True  # the quiz's own completion says nothing the passed/failed statement does not
            self.store.add_event(
                Event(statement_id, person, "done" if kind == "completed" else kind, obj_id, version, at)
            )
        return True

    def _answer(
        self, statement_id: str, person: str, obj: dict, context: dict, result: dict, version: str, at: str
    ) -> None:
        m = QUIZ_ID.search(str(obj.get("id", "")))
        quiz = (m.group(1) if m else "") or _parent_quiz(context)
        question = m.group(2) if m and m.group(2) else ""
        if not quiz or not question:
            raise Malformed("an answer whose activity is not a quiz question")
        definition = mapping(obj, "definition")
        qtype = str(definition.get("interactionType") or "other")
        response = result.get("response")
        if not isinstance(response, str):
            raise Malformed("an answer without a response")
        scaled = mapping(result, "score").get("scaled")
        if isinstance(scaled, (int, float)) and 0 <= scaled <= 1:
            x = float(scaled)
        elif isinstance(result.get("success"), bool):
            x = 1.0 if result["success"] else 0.0
        else:
            raise Malformed("an answer without success or score")
        attempt = str(context.get("registration") or "")
        if not attempt:
            raise Malformed("an answer without its attempt (context.registration)")
        key = SEPARATOR.join(p for p in (definition.get("correctResponsesPattern") or [])[:1] if isinstance(p, str))
        self.store.question(
            quiz, version, question, _interaction_type(qtype), _text(definition.get("description"), self.lang), key
        )
        chosen: tuple[str, ...] = ()
        if qtype in ("choice", "true-false"):
            choices = definition.get("choices") if qtype == "choice" else [{"id": "true"}, {"id": "false"}]
            correct = set(key.split(SEPARATOR)) if key else set()
            for choice in choices or []:
                if isinstance(choice, dict) and isinstance(choice.get("id"), str):
                    label = _text(choice.get("description"), self.lang) or choice["id"]
                    self.store.option(quiz, version, question, choice["id"], label, choice["id"] in correct)
            chosen = tuple(response.split(SEPARATOR)) if response else ()
        self.store.add_answer(
            Answer(
                statement_id,
                person,
                quiz,
                version,
                attempt,
                question,
                _interaction_type(qtype),
                response,
                x,
                at,
                chosen,
            )
        )


def _interaction_type(qtype: str) -> str:
    """The portal's question type names where the xAPI interaction type says which it was."""
    return {"true-false": "true_false", "fill-in": "fill_blank", "sequencing": "ordering"}.get(qtype, qtype)
