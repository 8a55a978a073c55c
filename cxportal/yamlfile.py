"""The one place that parses YAML: values keep the line they were written on.

Mappings load as `LineMap` and sequences as `LineList`; both remember their own
line and the line of each key or element, so any later check can point an author
at the exact line. A syntax error becomes a `Problem`, never an exception.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from .problems import Problem


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


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, path: str, first_line: int = 1) -> tuple[Any, list[Problem]]:
    """Parse YAML text; line numbers are shifted so that `first_line` is the text's first line."""
    loader = _LineLoader(text)
    loader.duplicate_keys = []
    problems: list[Problem] = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + first_line) if mark else first_line
        what = error.problem or "invalid YAML"
        if error.context:
            what = f"{error.context}, {what}"
        return None, [Problem(path, line, f"YAML syntax error: {what}")]
    except yaml.YAMLError as error:  # e.g. a reader error on bad characters
        return None, [Problem(path, first_line, f"YAML error: {error}")]
    finally:
        loader.dispose()
    for key, line in loader.duplicate_keys:
        problems.append(Problem(path, line + first_line - 1, f"duplicate key '{key}'"))
    if first_line != 1:
        _shift(data, first_line - 1)
    return data, problems


def _shift(value: Any, offset: int) -> None:
    if isinstance(value, LineMap):
        value.line += offset
        value.key_lines = {k: v + offset for k, v in value.key_lines.items()}
        for child in value.values():
            _shift(child, offset)
    elif isinstance(value, LineList):
        value.line += offset
        value.item_lines = [v + offset for v in value.item_lines]
        for child in value:
            _shift(child, offset)
