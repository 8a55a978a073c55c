"""Item headings as a Python-Markdown extension: `## [5P-2] Persuasive` → anchored at #5p-2 with a code badge.

The anchor comes from the code, so rewording the title never breaks a link. Being a plain
Python-Markdown extension (`cxportal.headings` in `markdown_extensions`, which the plugin adds
itself), it runs wherever Python-Markdown does: MkDocs today, and any successor that reads
`markdown_extensions` from mkdocs.yml.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .escape import attr_list_value, heading_text
from .loader import ITEM_HEADING

FENCE = re.compile(r"^\s*(```|~~~)")
NAME = "cxportal.headings"


def rewrite_item_headings(markdown: str) -> str:
    """`## [5P-2] Persuasive` becomes a heading anchored at #5p-2 with a code badge.

    The anchor comes from the code, so rewording the title never breaks a link.
    """
    out: list[str] = []
    in_fence = False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else ITEM_HEADING.match(line)
        if match:
            code = match["code"].strip()
            hashes = match.group(1)
            extra = (match.group(4) or "{}")[1:-1].strip()
            extra = re.sub(r"#[\w-]+", "", extra).strip()  # the code decides the anchor
            extra = re.sub(r"""\bon\w+\s*=\s*("[^"]*"|'[^']*'|\S+)""", "", extra).strip()  # no event handlers
            # Values are escaped for the attribute list: a quote or brace in a title stays text.
            title = attr_list_value(match["title"])
            attrs = f'#{code.lower()} .cx-item data-cx-code="{attr_list_value(code)}" data-cx-title="{title}"'
            text = heading_text(match["title"])
            line = f'{hashes} <span class="cx-code">{code}</span> {text} {{ {attrs} {extra} }}'.replace("  }", " }")
        out.append(line)
    return "\n".join(out)


class ItemHeadingPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return rewrite_item_headings("\n".join(lines)).split("\n")


class ItemHeadingsExtension(Extension):
    """Registers the rewrite before fenced code and attribute lists see the heading."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After normalize_whitespace (30), before fenced code (25) and HTML blocks (20).
        md.preprocessors.register(ItemHeadingPreprocessor(md), "cxportal_item_headings", 28)


def makeExtension(**kwargs: Any) -> ItemHeadingsExtension:  # noqa: N802 - Python-Markdown's entry point
    return ItemHeadingsExtension(**kwargs)
