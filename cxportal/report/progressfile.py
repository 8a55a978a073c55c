"""The exported progress files (the manager view's input) as report events, for a team without an LRS.

A file holds a person's last result per quiz and their marked steps (docs/architecture.md, "What a
browser keeps"). Each record becomes the event an LRS statement would have given, with an id made
from the person and the record, so the same file read twice, or two copies of it, count once.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from ..model import Portal, Quiz
from ..structure import SPECIAL_SRC, activity_src, page_url, playbook_src
from .jsonvalue import mapping, text
from .store import Answer, Event, EventStore, Result

FORMAT = "cxportal-progress"
RECORD = re.compile(r"^cxportal:v1:(progress|quiz):([\w.:/-]+)$")
MAX_BYTES = 512 * 1024  # as the manager view: a progress file is small


class ProgressFileError(ValueError):
    """A file that is not a progress file; the message says why, with the file's name."""


def letter(index: int) -> str:
    """A choice's id as the xAPI statements and SCORM packages give it: a, b, c … in the bank's order."""
    return chr(ord("a") + index)


def _id(*parts: str) -> str:
    return "file:" + hashlib.sha1("\x1f".join(parts).encode()).hexdigest()


def read_progress_file(path: Path, store: EventStore, portal: Portal, site_url: str, lang: str = "en") -> int:
    """Adds one file's records to the store; returns how many were used. Raises ProgressFileError."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ProgressFileError(f"{path}: cannot read it ({e.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise ProgressFileError(f"{path}: larger than {MAX_BYTES // 1024} KB, not a progress file")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ProgressFileError(f"{path}: not JSON") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != 1:
        raise ProgressFileError(f"{path}: not a cxportal progress file (format {FORMAT}, version 1)")
    records = data.get("records")
    if not isinstance(records, dict):
        raise ProgressFileError(f"{path}: no records")
    name = text(data, "name").strip() or path.stem
    person = "name:" + name.lower()
    exported = text(data, "exported")
    store.person(person, name.strip(), exported)
    used = 0
    for record_key, value in records.items():
        m = RECORD.match(str(record_key))
        if not m or not isinstance(value, dict):
            continue
        kind, target = m.groups()
        date = text(value, "date") or exported
        if kind == "quiz" and target in portal.quizzes:
            used += _quiz(store, portal.quizzes[target], person, value, date, lang)
        elif kind == "progress" and value.get("read") is True and ":" in target:
            step_kind, step_id = target.split(":", 1)
            if step_kind not in ("playbook", "activity", "page"):
                continue
            page = _step_page(step_kind, step_id)
            if page is None:
                continue
            version = text(value, "version")
            event_kind = "read" if step_kind == "playbook" else "done"
            store.add_event(Event(_id(person, record_key, date), person, event_kind, site_url + page, version, date))
            used += 1
    return used


def _step_page(kind: str, target: str) -> str | None:
    """The page of a marked step, as structure.step_src gives it; None for a page the portal does not have."""
    if kind == "page":
        src = SPECIAL_SRC.get(target)
        return page_url(src) if src else None
    return page_url(playbook_src(target) if kind == "playbook" else activity_src(target))


def _quiz(store: EventStore, quiz: Quiz, person: str, value: dict, date: str, lang: str) -> int:
    version = text(value, "hash")
    attempt = _id(person, quiz.id, version, date)
    percent = value.get("percent")
    if isinstance(percent, (int, float)) and 0 <= percent <= 100:
        store.add_result(
            Result(attempt, person, quiz.id, version, attempt, percent / 100, value.get("passed") is True, date)
        )
    answers, marks = mapping(value, "answers"), mapping(value, "marks")
    used = 1
    for question in quiz.questions:
        mark = marks.get(question.id)
        if question.type == "self_assessment" or not (isinstance(mark, list) and len(mark) == 2):
            continue
        earned, possible = mark
        if not all(isinstance(v, (int, float)) for v in mark) or possible <= 0:
            continue
        answer = answers.get(question.id)
        chosen: tuple[str, ...] = ()
        key = ""
        if question.type in ("single", "multiple"):
            picked = answer if isinstance(answer, list) else [answer]
            chosen = tuple(letter(i) for i in picked if isinstance(i, int) and 0 <= i < len(question.options))
            key = "[,]".join(letter(i) for i, o in enumerate(question.options) if o.correct)
            for i, option in enumerate(question.options):
                store.option(quiz.id, version, question.id, letter(i), option.text.get(lang), option.correct)
        elif question.type == "true_false" and isinstance(answer, bool):
            chosen = ("true" if answer else "false",)
            key = "true" if question.answer else "false"
            store.option(quiz.id, version, question.id, "true", "true", bool(question.answer))
            store.option(quiz.id, version, question.id, "false", "false", not question.answer)
        qtype = "choice" if question.type in ("single", "multiple") else question.type
        store.question(quiz.id, version, question.id, qtype, question.prompt.get(lang), key)
        response = json.dumps(answer, ensure_ascii=False)
        store.add_answer(
            Answer(
                _id(attempt, question.id),
                person,
                quiz.id,
                version,
                attempt,
                question.id,
                qtype,
                response,
                max(0.0, min(1.0, earned / possible)),
                date,
                chosen,
            )
        )
        used += 1
    return used
