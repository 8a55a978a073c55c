"""Finding the error blocks mkdocs-macros writes into pages (the item-heading rewrite is cxportal.headings)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from ..headings import FENCE, rewrite_item_headings  # noqa: F401 - re-exported for callers of the old place
from ..problems import Problem, closest
from .compat import jinja_call_line

MACRO_ERROR = re.compile(r"^# _Macro (Syntax|Rendering) Error_", re.M)


TEMPLATE_LINE = re.compile(r'File "<template>", line (\d+)')
UNDEFINED = re.compile(r"^UndefinedError: '([^']+)' is undefined$")


class MacroErrorScanner:
    """Finds the error blocks mkdocs-macros writes into a page instead of failing.

    Each becomes one `file:line` problem: the line of the failing call (from the
    template traceback mkdocs-macros embeds), never the traceback itself, and an
    unknown name gets the nearest macro as a "did you mean".
    """

    def __init__(self, origin: str, source_text: str, names: Iterable[str] = ()) -> None:
        self.origin = origin
        self.source_lines = source_text.splitlines()
        self.body_offset = front_matter_lines(self.source_lines)
        self.names = list(names)

    def scan(self, markdown: str) -> list[Problem]:
        problems = []
        for match in MACRO_ERROR.finditer(markdown):
            block = markdown[match.start() : match.start() + 20_000]
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
            in_template = TEMPLATE_LINE.findall(block.split("```", 2)[1] if block.count("```") >= 2 else "")
            if at_line:
                line = int(at_line.group(1)) + self.body_offset
            elif in_template:
                line = int(in_template[-1]) + self.body_offset
            else:
                line = self.line_for(text)
            hint = None
            if undefined := UNDEFINED.match(text):
                name = undefined.group(1)
                text = f"unknown macro or variable '{name}'"
                hint = closest(name, self.names)
            problems.append(Problem(self.origin, line, f"macro error: {text}", hint))
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


def macro_call_line() -> int | None:
    """The line, in the Markdown mkdocs-macros is rendering, of the macro call running now."""
    return jinja_call_line()


class QuietMacroErrors(logging.Filter):
    """Drops mkdocs-macros' own error report (a Python traceback): the portal reports the
    same error as `file:line: message` once the page is scanned."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return "_Macro Rendering Error_" not in message and "_Macro Syntax Error_" not in message


MACROS_LOGGER = "mkdocs.plugins.mkdocs_macros.util"


def quiet_macro_errors() -> None:
    logger = logging.getLogger(MACROS_LOGGER)
    if not any(isinstance(f, QuietMacroErrors) for f in logger.filters):
        logger.addFilter(QuietMacroErrors())
