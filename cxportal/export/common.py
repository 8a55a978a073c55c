"""What every exporter needs: the portal page a question cites, as an absolute or site-relative URL."""

from __future__ import annotations

from ..model import Portal, Question, Quiz
from ..structure import playbook_src, src_to_url
from . import ExportNote


def join_url(site_url: str, path: str) -> str:
    """`path` (relative to the site root) under the site's public URL; relative when no URL is set."""
    if not site_url:
        return path
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def cited(portal: Portal, question: Question) -> tuple[str, str]:
    """(label, site-relative URL) of what a question cites: an item code or playbook#anchor."""
    cites = question.cites
    if "#" in cites:
        playbook_id, anchor = cites.split("#", 1)
        playbook = portal.playbooks.get(playbook_id)
        label = playbook.title if playbook else playbook_id
        return label, src_to_url(playbook_src(playbook_id)) + "#" + anchor
    item = portal.item(cites)
    if item is None:
        return cites, ""
    return f"{item.code} {item.title}", src_to_url(playbook_src(item.playbook_id)) + "#" + item.anchor


def category(quiz: Quiz) -> str:
    """Question-bank category path below the course: one per playbook, named by its stable id
    (titles may hold characters that GIFT's category line cannot escape)."""
    return f"$course$/top/cxportal/{quiz.playbook}"


def exportable_quizzes(portal: Portal) -> list[Quiz]:
    return sorted(portal.quizzes.values(), key=lambda q: q.id)


class BankWriter:
    """What the question-bank formats share: the portal, the language, and notes on what was lost."""

    def __init__(self, portal: Portal, site_url: str = "", lang: str = "en") -> None:
        self.portal = portal
        self.site_url = site_url
        self.lang = lang
        self.notes: list[ExportNote] = []

    def t(self, text) -> str:
        return text.get(self.lang) if hasattr(text, "get") else str(text or "")

    def note(self, quiz: Quiz, question: Question | None, message: str) -> None:
        """Something the format could not keep, at the quiz's or question's file and line."""
        where = str(question.source) if question else str(quiz.source)
        label = f"{quiz.id}/{question.id}" if question else quiz.id
        self.notes.append(ExportNote(where, f"{label}: {message}"))

    def accepted(self, quiz: Quiz, question: Question, blank) -> tuple[str, ...]:
        """A blank's answers in the export's language; answer patterns (regular expressions) cannot go along."""
        if blank.patterns:
            self.note(quiz, question, "answer patterns left out: the format takes listed answers only")
        return blank.accepted(self.lang)
