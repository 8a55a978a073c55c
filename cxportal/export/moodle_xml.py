"""Moodle XML, the question-bank format Moodle imports with every question type it has.

What it keeps: single and multiple choice (weights and per-option feedback),
true/false (feedback for each answer), matching, ordering (Moodle's `ordering`
type, items listed in the right order), fill-in blanks (`shortanswer` for one
blank, `cloze` for several), the explanation as general feedback, the quiz's
pass mark is not part of a question bank, one category per playbook, and the
cited code with a link back to the portal in the question text.
What it loses: per-pair feedback of matching, per-item feedback of ordering, and
self-assessments (Moodle's quiz has no Likert survey question), each reported as
an ExportNote. Text is written with ElementTree, so XML escaping is never by hand.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from ..model import Portal, Question, Quiz
from . import ExportNote
from .common import BankWriter, category, cited, join_url


def fraction(weight: float) -> str:
    return f"{weight:.7f}"


def cloze_escape(text: str) -> str:
    """Characters with a meaning inside a Cloze {…} answer."""
    for char in ("\\", "}", "#", "~", "/", '"'):
        text = text.replace(char, "\\" + char)
    return text


class MoodleXmlWriter(BankWriter):
    def write(self, quizzes: Iterable[Quiz]) -> str:
        root = ET.Element("quiz")
        root.append(
            ET.Comment(
                f" cxportal question banks ({self.lang}); import in Moodle: Question bank > Import > Moodle XML "
            )
        )
        for quiz in quizzes:
            cat = ET.SubElement(root, "question", type="category")
            self.text(cat, "category", category(quiz))
            if quiz.is_self_assessment:
                self.note(quiz, None, "self-assessment left out: Moodle's question bank has no Likert survey type")
                continue
            for question in quiz.questions:
                element = self.question(quiz, question)
                if element is not None:
                    root.append(element)
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

    # Building blocks ----------------------------------------------------------------

    @staticmethod
    def text(parent: ET.Element, tag: str, value: str, fmt: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
        ET.SubElement(element, "text").text = value
        return element

    def html(self, value) -> str:
        return html.escape(self.t(value), quote=False)

    def prompt_html(self, question: Question, body: str | None = None) -> str:
        label, url = cited(self.portal, question)
        if url:
            link = f'<a href="{html.escape(join_url(self.site_url, url))}">{html.escape(label)}</a>'
        else:
            link = html.escape(label)
        return f"<p>{body if body is not None else self.html(question.prompt)}</p><p><small>See {link}</small></p>"

    def start(self, quiz: Quiz, q: Question, qtype: str, body: str | None = None) -> ET.Element:
        element = ET.Element("question", type=qtype)
        self.text(element, "name", f"{quiz.id}/{q.id}")
        self.text(element, "questiontext", self.prompt_html(q, body), "html")
        self.text(element, "generalfeedback", self.html(q.explanation), "html")
        ET.SubElement(element, "defaultgrade").text = str(q.points)
        ET.SubElement(element, "penalty").text = "0.3333333"
        ET.SubElement(element, "hidden").text = "0"
        ET.SubElement(element, "idnumber").text = f"{quiz.id}/{q.id}"
        return element

    def answer(self, parent: ET.Element, weight: float, text: str, feedback: str = "", fmt: str = "html") -> None:
        element = self.text(parent, "answer", text, fmt, fraction=fraction(weight))
        self.text(element, "feedback", feedback, "html")

    # Types --------------------------------------------------------------------------

    def question(self, quiz: Quiz, q: Question) -> ET.Element | None:
        if q.type in ("single", "multiple"):
            element = self.start(quiz, q, "multichoice")
            single = q.type == "single"
            ET.SubElement(element, "single").text = "true" if single else "false"
            ET.SubElement(element, "shuffleanswers").text = "true" if quiz.shuffle else "false"
            ET.SubElement(element, "answernumbering").text = "abc"
            right = sum(1 for o in q.options if o.correct)
            wrong = len(q.options) - right
            for o in q.options:
                if single:
                    weight = 100.0 if o.correct else 0.0
                else:
                    weight = 100.0 / right if o.correct else -100.0 / max(wrong, 1)
                self.answer(element, weight, self.html(o.text), self.html(o.feedback))
            return element
        if q.type == "true_false":
            element = self.start(quiz, q, "truefalse")
            self.answer(
                element, 100.0 if q.answer else 0.0, "true", self.html(q.feedback_true), fmt="moodle_auto_format"
            )
            self.answer(
                element, 0.0 if q.answer else 100.0, "false", self.html(q.feedback_false), fmt="moodle_auto_format"
            )
            return element
        if q.type == "matching":
            element = self.start(quiz, q, "matching")
            ET.SubElement(element, "shuffleanswers").text = "true"
            for pair in q.pairs:
                sub = self.text(element, "subquestion", self.html(pair.left), "html")
                answer = ET.SubElement(sub, "answer")
                ET.SubElement(answer, "text").text = self.t(pair.right)
            if any(self.t(p.feedback) for p in q.pairs):
                self.note(quiz, q, "per-pair feedback dropped: Moodle matching has no feedback per pair")
            return element
        if q.type == "ordering":
            element = self.start(quiz, q, "ordering")
            for tag, value in (
                ("layouttype", "VERTICAL"),
                ("selecttype", "ALL"),
                ("selectcount", "0"),
                ("gradingtype", "ABSOLUTE_POSITION"),
                ("showgrading", "SHOW"),
                ("numberingstyle", "none"),
            ):
                ET.SubElement(element, tag).text = value
            ET.SubElement(element, "shownumcorrect").text = "1"
            for position, item in enumerate(q.items, start=1):
                self.text(element, "answer", self.html(item.text), "html", fraction=str(position))
            if any(self.t(i.feedback) for i in q.items):
                self.note(quiz, q, "per-item feedback dropped: Moodle ordering has no feedback per item")
            return element
        if q.type == "fill_blank":
            if len(q.blanks) == 1:
                element = self.start(quiz, q, "shortanswer")
                ET.SubElement(element, "usecase").text = "0"
                for accepted in self.accepted(quiz, q, q.blanks[0]):
                    self.answer(
                        element, 100.0, str(accepted), self.html(q.blanks[0].feedback), fmt="moodle_auto_format"
                    )
                return element
            parts = self.t(q.prompt).split("___")
            body = html.escape(parts[0], quote=False)
            for blank, rest in zip(q.blanks, parts[1:], strict=False):
                answers = "~".join(f"%100%{cloze_escape(a)}" for a in self.accepted(quiz, q, blank))
                body += "{1:SHORTANSWER:" + answers + "}" + html.escape(rest.lstrip("_"), quote=False)
            return self.start(quiz, q, "cloze", body)
        self.note(quiz, q, f"left out: question type {q.type} has no Moodle XML equivalent")
        return None


def write_moodle_xml(
    portal: Portal, quizzes: Iterable[Quiz], site_url: str = "", lang: str = "en"
) -> tuple[str, list[ExportNote]]:
    writer = MoodleXmlWriter(portal, site_url, lang)
    return writer.write(quizzes), writer.notes
