"""Markdown rewrites applied to every page after the macros have run."""

from __future__ import annotations

import re

from ..escape import attr_list_value
from ..loader import ITEM_HEADING
from ..problems import Problem

FENCE = re.compile(r"^\s*(```|~~~)")
MACRO_ERROR = re.compile(r"^# _Macro (Syntax|Rendering) Error_", re.M)


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
            title = attr_list_value(match["title"])
            attrs = f'#{code.lower()} .cx-item data-cx-code="{attr_list_value(code)}" data-cx-title="{title}"'
            line = f'{hashes} <span class="cx-code">{code}</span> {match["title"]} {{ {attrs} {extra} }}'.replace("  }", " }")
        out.append(line)
    return "\n".join(out)


class MacroErrorScanner:
    """Finds the error blocks mkdocs-macros writes into a page instead of failing."""

    def __init__(self, origin: str, source_text: str) -> None:
        self.origin = origin
        self.source_lines = source_text.splitlines()
        self.body_offset = front_matter_lines(self.source_lines)

    def scan(self, markdown: str) -> list[Problem]:
        problems = []
        for match in MACRO_ERROR.finditer(markdown):
            block = markdown[match.start(): match.start() + 2000]
            message = re.search(r"\*\*(.+?)\*\*", block) if match.group(1) == "Syntax" else re.search(r"^_(?!File_)(\w+)_: (.+)$", block, re.M)
            text = message.group(1) if match.group(1) == "Syntax" else f"{message.group(1)}: {message.group(2)}" if message else "error"
            at_line = re.search(r"_Line (\d+) in Markdown file:_", block)
            line = int(at_line.group(1)) + self.body_offset if at_line else self.line_for(text)
            problems.append(Problem(self.origin, line, f"macro error: {text}"))
        return problems

    def line_for(self, message: str) -> int:
        """The first line with a macro call that mentions a name from the message, else the first macro."""
        names = re.findall(r"'([^']+)'", message)
        for index, row in enumerate(self.source_lines):
            if "{{" in row or "{%" in row:
                if not names or any(name in row for name in names):
                    return index + 1
        return 1


def front_matter_lines(lines: list[str]) -> int:
    """How many lines the front matter takes (MkDocs strips it before the macros run)."""
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() in ("---", "..."):
                end = index + 1
                while end < len(lines) and not lines[end].strip():
                    end += 1  # MkDocs also strips the blank lines after the front matter
                return end
    return 0
