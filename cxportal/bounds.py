"""Link text bounded in Python-Markdown, so a long paragraph with unclosed `[` renders in linear time.

Python-Markdown looks for the `]` of a link (and of an image or a reference) from each
`[` to the end of the paragraph. A reference list pasted from a PDF puts thousands of
unclosed `[` into one 100 KB paragraph: one scan each is about 10⁹ steps, minutes of
`check` and of every build. Here the scan stops after `MAX_LINK_TEXT` characters: a
longer "link text" is not one, and shows as the text it is. Registered by the plugin
like `cxportal.headings` (plugin/settings.py).
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.inlinepatterns import LinkInlineProcessor

NAME = "cxportal.bounds"
MAX_LINK_TEXT = 2000
_BRACKET = re.compile(r"[\[\]]")
# Python-Markdown's link-like processors and their priorities (markdown/inlinepatterns.py).
LINK_PROCESSORS = {
    "reference": 170,
    "link": 160,
    "image_link": 150,
    "image_reference": 140,
    "short_reference": 130,
    "short_image_ref": 125,
}


class _BoundedText:
    def getText(self, data: str, index: int) -> tuple[str, int, bool]:  # noqa: N802 - Python-Markdown's name
        """The text up to the `]` that closes the `[` before `index`, when it is within MAX_LINK_TEXT."""
        if index == 0 or data[index - 1] != "[":  # not at an opening bracket: look, within the bound
            return _scan(data, index)
        end = _PAIRS.closing(data, index - 1)
        if end is not None and end - index <= MAX_LINK_TEXT:
            return data[index:end], end + 1, True
        stop = min(len(data), index + MAX_LINK_TEXT)
        return data[index:stop], stop, False


def _scan(data: str, index: int) -> tuple[str, int, bool]:
    depth = 1
    end = min(len(data), index + MAX_LINK_TEXT)
    for bracket in _BRACKET.finditer(data, index, end):
        depth += 1 if bracket[0] == "[" else -1
        if depth == 0:
            return data[index : bracket.start()], bracket.end(), True
    return data[index:end], end, False


class _BracketPairs:
    """Which `]` closes each `[` of a paragraph's text, found in one pass and kept while the text changes.

    Python-Markdown asks from every `[`, and replaces each link it finds with a placeholder,
    which changes the text before the place it asks about next, never after it. The pairs are
    kept counted from the end of the text: those after the change stay true, and are reused
    as long as the text from the bracket asked about to the end is the same (one comparison
    of strings, in C). A pair depends only on the text between its brackets.
    """

    def __init__(self) -> None:
        self.text = ""
        self.from_end: dict[int, int | None] = {}  # len - position of '[' → len - position of its ']'
        self.same_tail = 0  # how much of `text`'s end is known to be that of the text the pairs were found in
        self.found_in = ""

    def closing(self, data: str, opening: int) -> int | None:
        tail = len(data) - opening
        if data is not self.text:
            self.text, self.same_tail = data, 0
        if tail > self.same_tail:
            if tail <= len(self.found_in) and data[opening:] == self.found_in[-tail:]:
                self.same_tail = tail
            else:
                self.find(data)
        close = self.from_end.get(tail)
        return None if close is None else len(data) - close

    def find(self, data: str) -> None:
        pairs: dict[int, int | None] = {}
        opened: list[int] = []
        for bracket in _BRACKET.finditer(data):
            if bracket[0] == "[":
                opened.append(bracket.start())
            elif opened:
                pairs[len(data) - opened.pop()] = len(data) - bracket.start()
        self.from_end, self.found_in, self.same_tail = pairs, data, len(data)


_PAIRS = _BracketPairs()


class BoundsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        for name, priority in LINK_PROCESSORS.items():
            if name not in md.inlinePatterns:
                continue
            processor = md.inlinePatterns[name]
            if not isinstance(processor, LinkInlineProcessor) or isinstance(processor, _BoundedText):
                continue
            bounded = type(f"Bounded{type(processor).__name__}", (_BoundedText, type(processor)), {})
            md.inlinePatterns.register(bounded(processor.pattern, md), name, priority)


def makeExtension(**kwargs: Any) -> BoundsExtension:  # noqa: N802 - Python-Markdown's entry point
    return BoundsExtension(**kwargs)
