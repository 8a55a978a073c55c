"""Glossary terms as Markdown abbreviations (hover definitions), added only where a page uses them.

Appending every term to every page makes the `abbr` extension parse and search for all
of them on each page; one scan for the terms a page contains keeps that cost flat as the
glossary grows, and the rendered page is the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..escape import abbreviation
from ..model import DEFAULT_LANG, GlossaryTerm


class Abbreviations:
    def __init__(self, terms: Iterable[GlossaryTerm], lang: str = DEFAULT_LANG, *, tooltip_html: bool = True) -> None:
        self.tooltip_html = tooltip_html  # Material's content.tooltips reads an abbreviation's title as HTML
        self.definitions = {t.term: " ".join(t.definition.get(lang).split()) for t in terms}
        # Longest first and on word boundaries, as the abbr extension itself matches them.
        names = sorted(self.definitions, key=len, reverse=True)
        self.pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None

    def for_page(self, markdown: str) -> str:
        """The abbreviation lines to append to this page's Markdown ("" when it uses no term)."""
        if self.pattern is None:
            return ""
        found = set(self.pattern.findall(markdown))
        # abbreviation() escapes the definition and drops a term that could break out of its line.
        lines = "".join(
            abbreviation(term, text, tooltip_html=self.tooltip_html)
            for term, text in self.definitions.items()
            if term in found
        )
        return "\n" + lines if lines else ""
