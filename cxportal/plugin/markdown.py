"""Finding the error blocks mkdocs-macros writes into pages (the item-heading rewrite is cxportal.headings)."""

from __future__ import annotations

import re

from ..headings import FENCE, rewrite_item_headings  # noqa: F401 - re-exported for callers of the old place
from ..problems import Problem

MACRO_ERROR = re.compile(r"^# _Macro (Syntax|Rendering) Error_", re.M)


class MacroErrorScanner:
    """Finds the error blocks mkdocs-macros writes into a page instead of failing."""

    def __init__(self, origin: str, source_text: str) -> None:
        self.origin = origin
        self.source_lines = source_text.splitlines()
        self.body_offset = front_matter_lines(self.source_lines)

    def scan(self, markdown: str) -> list[Problem]:
        problems = []
        for match in MACRO_ERROR.finditer(markdown):
            block = markdown[match.start() : match.start() + 2000]
            message = (
                re.search(r"\*\*(.+?)\*\*", block)
                if match.group(1) == "Syntax"
                else re.search(r"^_(?!File_)(\w+)_: (.+)$", block, re.M)
            )
            if message is None:
                text = "error"  # mkdocs-macros changed its error block; still a failure
            elif match.group(1) == "Syntax":
                text = message.group(1)
            else:
                text = f"{message.group(1)}: {message.group(2)}"
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
