"""The one place that parses YAML: values keep the line they were written on.

Mappings load as `LineMap` and sequences as `LineList`; both remember their own
line and the line of each key or element, so any later check can point an author
at the exact line. A syntax error becomes a `Problem`, never an exception.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .problems import Problem

# Aliases are expanded by whoever walks the data, so a few lines can stand for billions of
# values (an "alias bomb"). Documents are refused beyond these bounds, before construction.
MAX_VALUES = 100_000
MAX_DEPTH = 64
# What a person writes: a 5 MB quiz bank or a 100 KB paragraph pasted from a PDF is fine; a
# disk image or a minified bundle renamed .md is not (and would make every later step slow).
MAX_FILE_BYTES = 20_000_000
MAX_LINE_CHARS = 300_000


class LineMap(dict):
    line: int = 1
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 1
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


# libyaml's parser when PyYAML has it: ten times faster on large quiz banks.
if TYPE_CHECKING:
    _BaseLoader = yaml.SafeLoader
else:
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    """Safe loader that builds LineMap/LineList and rejects duplicate keys."""

    duplicate_keys: list[tuple[str, int]]


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    loader.flatten_mapping(node)
    result = LineMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key) if not isinstance(key, str) else key
        if key in result:
            loader.duplicate_keys.append((key, key_node.start_mark.line + 1))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date as a date; an impossible one (2026-02-30) stays text for the schema check to report."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return str(node.value)


def _construct_float(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A number as a number; .inf and .nan (a spreadsheet's #DIV/0! pasted in) stay text, so the
    schema check reports them at their line instead of a chart or a sum failing far away."""
    value = yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)
    return value if math.isfinite(value) else str(node.value)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def refusal(path: Path, rel: str, root: Path | None) -> Problem | None:
    """Why the engine will not read `path`, or None: the one rule for every file it reads from a project.

    The file must lie inside the project once links are followed (a link to a shared drive
    or to /etc would publish what nobody reviewed) and be of a size a person wrote.
    """
    if root is not None:
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            return Problem(
                rel, 1, "the file is a link to a place outside the project: refused (copy the file into the project)"
            )
    try:
        size = path.stat().st_size
    except OSError as error:
        return Problem(rel, 1, f"cannot read the file: {error.strerror or error}")
    if size > MAX_FILE_BYTES:
        return Problem(
            rel, 1, f"the file is {size / 1e6:.1f} MB, more than {MAX_FILE_BYTES // 1_000_000} MB: refused (split it)"
        )
    return None


def read_text(path: Path, rel: str, root: Path | None = None) -> str | Problem:
    """A content file's text: UTF-8 with or without a byte-order mark; any line ending.

    `root` is the project: a file outside it (through a link) is refused, as is one too large
    or with a line too long to be text (see `refusal`). A byte that is not UTF-8 is reported
    at its own line, not at the top of the file.
    """
    if refused := refusal(path, rel, root):
        return refused
    try:
        raw = path.read_bytes()
    except OSError as error:
        return Problem(rel, 1, f"cannot read the file: {error.strerror or error}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex()
        return Problem(rel, line, f"the file is not UTF-8: byte 0x{byte} cannot be read; save the file as UTF-8")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_LINE_CHARS:
        for number, row in enumerate(text.split("\n"), 1):
            if len(row) > MAX_LINE_CHARS:
                return Problem(
                    rel,
                    number,
                    f"the line is {len(row):,} characters long, more than {MAX_LINE_CHARS:,}: refused "
                    "(break it into paragraphs or list items)",
                )
    return text


def parse_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, list[Problem]]:
    """Parse YAML text; line numbers are shifted so that `first_line` is the text's first line.

    Never raises: syntax errors, impossible values, alias bombs and anything else the
    YAML library throws become a Problem at the line of the offending token.
    """
    loader = _LineLoader(text)
    loader.duplicate_keys = []
    problems: list[Problem] = []
    try:
        node = loader.get_single_node()
        if node is None:
            return None, []
        if refused := _check_expansion(node):
            line, message = refused
            return None, [Problem(path, line + first_line, message)]
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        # An unclosed quote or bracket is best shown where it opens, not where the file ends.
        opening = error.context and error.context.startswith("while scanning") and error.context_mark
        mark = (error.context_mark if opening else None) or error.problem_mark or error.context_mark
        line = (mark.line + first_line) if mark else first_line
        what = error.problem or "invalid YAML"
        if error.context:
            what = f"{error.context}, {what}"
        quote = _unclosed_quote_line(text, mark.line if mark else 0)
        if quote is not None and not opening:
            # YAML lets a quoted value run on to the next quote, lines later: the error shows up
            # there, but the mistake is the quote left open.
            return None, [
                Problem(
                    path,
                    quote + first_line,
                    f"YAML syntax error: the quote opened on this line is not closed on it ({what})",
                )
            ]
        return None, [Problem(path, line, f"YAML syntax error: {what}")]
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        line = text[: error.position].count("\n") + first_line
        char = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "\0")
        return None, [Problem(path, line, f"YAML error: the character U+{char:04X} is not allowed in YAML")]
    except yaml.YAMLError as error:
        return None, [Problem(path, first_line, f"YAML error: {' '.join(str(error).split())}")]
    except RecursionError:
        return None, [Problem(path, first_line, f"the YAML is nested too deeply (more than {MAX_DEPTH} levels)")]
    except Exception as error:  # noqa: BLE001 - the YAML library may raise anything; never a traceback
        return None, [Problem(path, first_line, f"YAML error: {type(error).__name__}: {error}")]
    finally:
        loader.dispose()
    for key, line in loader.duplicate_keys:
        problems.append(Problem(path, line + first_line - 1, f"duplicate key '{key}'"))
    if first_line != 1:
        _shift(data, first_line - 1)
    return data, problems


def _unclosed_quote_line(text: str, before: int) -> int | None:
    """The first 0-based line up to `before` where a quoted value opens and does not close."""
    for number, row in enumerate(text.split("\n")[: before + 1]):
        quote, previous = None, ""
        index = 0
        while index < len(row):
            char = row[index]
            if quote:
                escaped = (char == "\\" and quote == '"') or (
                    char == "'" == quote and row[index + 1 : index + 2] == "'"
                )
                if escaped:
                    index += 1
                elif char == quote:
                    quote = None
            elif char == "#" and (index == 0 or row[index - 1] in " \t"):
                break
            elif char in "'\"" and previous in ("", ":", "-", "[", "{", ","):
                quote = char
            if not char.isspace():
                previous = char if not quote or char in "'\"" else previous
            index += 1
        if quote:
            return number
    return None


def _check_expansion(root: yaml.Node) -> tuple[int, str] | None:
    """(0-based line, message) when the document's aliases expand to too many values, or it is too deep
    or recursive.

    What counts is what aliases add: the values written in the file are counted once each, so a
    large bank with no aliases (a 5 MB quiz bank is fine) is never taken for a bomb.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()

    def children(node: yaml.Node) -> list[yaml.Node]:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.MappingNode):
            return [part for pair in node.value for part in pair]
        return []

    written: set[int] = set()  # every node once, aliases not followed twice: the values in the file
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) not in written:
            written.add(id(node))
            stack.extend(children(node))
    limit = len(written) + MAX_VALUES

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in on_path:
            raise _Refused(node.start_mark.line, "an alias refers to the value that contains it (a loop): refused")
        if depth > MAX_DEPTH:
            raise _Refused(
                node.start_mark.line, f"the YAML is nested too deeply (more than {MAX_DEPTH} levels): refused"
            )
        on_path.add(key)
        total = 1
        for child in children(node):
            total += size(child, depth + 1)
            if total > limit:
                raise _Refused(
                    node.start_mark.line,
                    f"aliases here expand to more than {MAX_VALUES:,} values (an alias bomb?): refused",
                )
        on_path.discard(key)
        sizes[key] = total
        return total

    try:
        size(root, 0)
    except _Refused as refused:
        return refused.line, refused.message
    return None


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _shift(value: Any, offset: int, seen: set[int] | None = None) -> None:
    seen = set() if seen is None else seen
    if id(value) in seen:  # an alias: the same object, already shifted once
        return
    if isinstance(value, LineMap):
        seen.add(id(value))
        value.line += offset
        value.key_lines = {k: v + offset for k, v in value.key_lines.items()}
        for child in value.values():
            _shift(child, offset, seen)
    elif isinstance(value, LineList):
        seen.add(id(value))
        value.line += offset
        value.item_lines = [v + offset for v in value.item_lines]
        for child in value:
            _shift(child, offset, seen)
