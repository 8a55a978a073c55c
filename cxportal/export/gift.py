"""GIFT, Moodle's plain-text question format.

What GIFT keeps: single and multiple choice (with weights), true/false, matching,
short answer (one blank, written in the sentence as Moodle's "missing word"),
per-option feedback, general feedback (the explanation), one category per
playbook, and the cited code with a link back to the portal in the question text.
What it loses: ordering questions become matching questions (each item matched
to its position); per-pair feedback of matching and ordering questions; prompts
with several blanks and self-assessments are left out. Every loss is an ExportNote.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from ..model import Portal, Question, Quiz
from . import ExportNote
from .common import BankWriter, category, cited, join_url

# Moodle's own GIFT writer escapes exactly these (backslash first).
_RESERVED = [("\\", "\\\\"), ("~", "\\~"), ("=", "\\="), ("#", "\\#"), ("{", "\\{"), ("}", "\\}"), (":", "\\:")]
POSITIONS = ("1st", "2nd", "3rd") + tuple(f"{n}th" for n in range(4, 21))


def escape(text: str) -> str:
    """Text as GIFT needs it: reserved characters backslashed, newlines as `\\n`."""
    for char, replacement in _RESERVED:
        text = text.replace(char, replacement)
    return text.replace("\r", "").replace("\n", "\\n")


def html_text(text: object) -> str:
    """Plain content text for an `[html]` field, escaped for HTML and then for GIFT."""
    return escape(html.escape(str(text), quote=False))


def fraction(weight: float) -> str:
    """A GIFT weight: Moodle accepts percentages with up to five decimals."""
    return f"{weight:.5f}".rstrip("0").rstrip(".")


class GiftWriter(BankWriter):
    def write(self, quizzes: Iterable[Quiz]) -> str:
        out = [
            f"// cxportal: question banks in GIFT ({self.lang}). Import in Moodle: Question bank > Import > GIFT.",
            "",
        ]
        for quiz in quizzes:
            out.append(f"$CATEGORY: {category(quiz)}")
            out.append("")
            if quiz.is_self_assessment:
                self.note(quiz, None, "self-assessment left out: GIFT has no survey or Likert question type")
                continue
            for question in quiz.questions:
                body = self.question(quiz, question)
                if body:
                    out += [f"// {quiz.id}/{question.id} ({question.type})", body, ""]
        return "\n".join(out).rstrip() + "\n"

    # Question text -------------------------------------------------------------------

    def head(self, quiz: Quiz, question: Question) -> str:
        return f"::{escape(quiz.id + '/' + question.id)}::[html]"

    def cite_html(self, question: Question) -> str:
        label, url = cited(self.portal, question)
        if url:
            link = f'<a href="{html.escape(join_url(self.site_url, url))}">{html.escape(label)}</a>'
        else:
            link = html.escape(label)
        return escape(f"<p><small>See {link}</small></p>")

    def general(self, question: Question) -> str:
        explanation = self.t(question.explanation)
        return f"####[html]{html_text(explanation)}" if explanation else ""

    def feedback(self, text) -> str:
        value = self.t(text)
        return f"#{html_text(value)}" if value else ""

    # Types ---------------------------------------------------------------------------

    def question(self, quiz: Quiz, q: Question) -> str | None:
        prompt = html_text(self.t(q.prompt))
        head = self.head(quiz, q)
        if q.type == "single":
            answers = " ".join(
                ("=" if o.correct else "~") + html_text(self.t(o.text)) + self.feedback(o.feedback) for o in q.options
            )
            return f"{head}{prompt}{self.cite_html(q)} {{{answers} {self.general(q)}}}"
        if q.type == "multiple":
            right = [o for o in q.options if o.correct]
            wrong = [o for o in q.options if not o.correct]
            parts = []
            for o in q.options:
                weight = 100 / len(right) if o.correct else -100 / max(len(wrong), 1)
                parts.append(f"~%{fraction(weight)}%{html_text(self.t(o.text))}{self.feedback(o.feedback)}")
            return f"{head}{prompt}{self.cite_html(q)} {{{' '.join(parts)} {self.general(q)}}}"
        if q.type == "true_false":
            on_right, on_wrong = (
                (q.feedback_true, q.feedback_false) if q.answer else (q.feedback_false, q.feedback_true)
            )
            # Moodle reads the first feedback as the one for a wrong answer, the second for a right one.
            answer = "TRUE" if q.answer else "FALSE"
            feedback = f"{self.feedback(on_wrong) or '#'}{self.feedback(on_right)}"
            return f"{head}{prompt}{self.cite_html(q)} {{{answer}{feedback} {self.general(q)}}}"
        if q.type == "matching":
            if any(self.t(p.feedback) for p in q.pairs):
                self.note(quiz, q, "per-pair feedback dropped: GIFT matching has no feedback per pair")
            pairs = " ".join(f"={html_text(self.t(p.left))} -> {html_text(self.t(p.right))}" for p in q.pairs)
            return f"{head}{prompt}{self.cite_html(q)} {{{pairs} {self.general(q)}}}"
        if q.type == "ordering":
            self.note(quiz, q, "ordering written as matching (each item to its position): GIFT has no ordering type")
            pairs = " ".join(
                f"={html_text(self.t(item.text))} -> {POSITIONS[i] if i < len(POSITIONS) else i + 1}"
                for i, item in enumerate(q.items)
            )
            return f"{head}{prompt}{self.cite_html(q)} {{{pairs} {self.general(q)}}}"
        if q.type == "fill_blank":
            if len(q.blanks) != 1:
                self.note(
                    quiz,
                    q,
                    f"left out: {len(q.blanks)} blanks in one prompt (GIFT short answer takes one; use Moodle XML)",
                )
                return None
            before, _, after = self.t(q.prompt).partition("___")
            after = after.lstrip("_")
            accept = " ".join(f"={escape(a)}" for a in self.accepted(quiz, q, q.blanks[0]))
            fb = self.feedback(q.blanks[0].feedback)
            return f"{head}{html_text(before)}{{{accept}{fb} {self.general(q)}}}{html_text(after)}{self.cite_html(q)}"
        self.note(quiz, q, f"left out: question type {q.type} has no GIFT equivalent")
        return None


def write_gift(
    portal: Portal, quizzes: Iterable[Quiz], site_url: str = "", lang: str = "en"
) -> tuple[str, list[ExportNote]]:
    writer = GiftWriter(portal, site_url, lang)
    return writer.write(quizzes), writer.notes
