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
        """The text up to the matching `]`, looked for in the next MAX_LINK_TEXT characters only."""
        depth = 1
        end = min(len(data), index + MAX_LINK_TEXT)
        for bracket in _BRACKET.finditer(data, index, end):
            depth += 1 if bracket[0] == "[" else -1
            if depth == 0:
                return data[index : bracket.start()], bracket.end(), True
        return data[index:end], end, False


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
