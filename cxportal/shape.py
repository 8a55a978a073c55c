"""Checks a YAML document against the published JSON Schema of its kind.

The schemas in `cxportal/schemas/` are the single description of each file's
shape: editors use them through the `yaml-language-server` modeline, and this
module uses the same files to report shape problems with their lines. It covers
the subset of JSON Schema those files use (type, enum, required, properties,
additionalProperties, items, minItems, minLength, minimum, pattern, oneOf, $ref).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from functools import cache
from importlib import resources
from typing import Any

from .problems import Problem, closest, fold_confusables
from .yamlfile import LineList, LineMap

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
}


@cache
@functools.cache  # read once per process; the checker never changes a schema
def load_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema for `kind` (role, quiz, playbook, season, glossary)."""
    text = resources.files("cxportal").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


def check_shape(data: Any, kind: str, path: str, line: int = 1) -> list[Problem]:
    """Every way `data` departs from the schema of `kind`, each with its line."""
    schema = load_schema(kind)
    return _Checker(schema, path).check(data, schema, "", line)


def is_date(value: Any) -> bool:
    """A calendar date: a YAML date, or text such as "2026-11-20" that names a real day."""
    if isinstance(value, dt.datetime):
        return False
    if isinstance(value, dt.date):
        return True
    return isinstance(value, str) and as_date(value) is not None


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def real_date(value: Any) -> dt.date:
    """A shape-checked date field as a date (the check has already refused anything else)."""
    date = as_date(value)
    if date is None:
        raise ValueError(f"not a date: {value!r}")
    return date


def _endless(value: Any) -> bool:
    """A YAML number with no finite value (.inf, -.Inf, .nan, 1e400), kept as text by the YAML reader."""
    if not isinstance(value, str):
        return False
    try:
        return not math.isfinite(float(value.lower().replace(".inf", "inf").replace(".nan", "nan")))
    except ValueError:
        return False


class _Checker:
    def __init__(self, root: dict[str, Any], path: str) -> None:
        self.root = root
        self.path = path

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.root["$defs"][name]
        return schema

    def problem(self, line: int, where: str, message: str, hint: str | None = None) -> Problem:
        prefix = f"'{where}' " if where else ""
        return Problem(self.path, line, prefix + message, hint)

    def check(self, value: Any, schema: dict[str, Any], where: str, line: int) -> list[Problem]:
        schema = self.resolve(schema)
        if "oneOf" in schema:
            return self.check_one_of(value, schema, where, line)
        if "enum" in schema:
            if value not in schema["enum"]:
                allowed = ", ".join(str(v) for v in schema["enum"])
                hint = closest(str(value), [str(v) for v in schema["enum"]])
                return [self.problem(line, where, f"must be one of {allowed}, not '{value}'", hint)]
            return []
        if "type" in schema and not self.type_ok(value, schema):
            wanted = schema["type"] if isinstance(schema["type"], str) else " or ".join(schema["type"])
            if schema.get("format") == "date":
                wanted = "a date (YYYY-MM-DD)"
            shown = "nothing" if value is None else type(value).__name__.replace("Line", "").lower()
            if wanted in ("number", "integer") and _endless(value):
                shown = f"'{value}' (an endless or undefined value, such as a spreadsheet's #DIV/0!)"
            elif wanted in ("number", "integer") and isinstance(value, str) and value.strip():
                shown = f"the text '{value[:40]}'"
            return [self.problem(line, where, f"must be {wanted}, not {shown}")]
        if schema.get("format") == "date" and not is_date(value):
            return [self.problem(line, where, f"must be a real calendar date (YYYY-MM-DD), not '{value}'")]
        if isinstance(value, dict):
            return self.check_object(value, schema, where, line)
        if isinstance(value, list):
            return self.check_array(value, schema, where, line)
        return self.check_scalar(value, schema, where, line)

    def type_ok(self, value: Any, schema: dict[str, Any]) -> bool:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if schema.get("format") == "date" and isinstance(value, dt.date):
            return True
        for name in names:
            if name in ("number", "integer") and isinstance(value, bool):
                continue
            if isinstance(value, _TYPES[name]):
                return True
        return False

    def check_one_of(self, value: Any, schema: dict[str, Any], where: str, line: int) -> list[Problem]:
        branches = [self.check(value, self.merge(schema, branch), where, line) for branch in schema["oneOf"]]
        passing = [b for b in branches if not b]
        if len(passing) == 1:
            return []
        expected = schema.get("description", "One of several forms.")
        expected = expected[0].lower() + expected[1:].rstrip(".")
        if passing:
            return [self.problem(line, where, f"is ambiguous: expected {expected}")]
        # Only one form has the value's type (a mapping, say): its problems are the precise ones.
        typed = [
            b
            for branch, b in zip(schema["oneOf"], branches, strict=True)
            if "type" in branch and self.type_ok(value, branch)
        ]
        if len(typed) == 1:
            return typed[0]
        # Only one form has the value's type (a mapping, say): its problems are the precise ones.
        typed = [
            b
            for branch, b in zip(schema["oneOf"], branches, strict=True)
            if "type" in branch and self.type_ok(value, branch)
        ]
        if len(typed) == 1:
            return typed[0]
        # Problems every branch shares (an unknown field, say) are the author's real mistake.
        shared = set(branches[0]).intersection(*branches[1:])
        return sorted(shared) + [self.problem(line, where, f"is not valid: expected {expected}")]

    @staticmethod
    def merge(schema: dict[str, Any], branch: dict[str, Any]) -> dict[str, Any]:
        merged = {k: v for k, v in schema.items() if k not in ("oneOf", "description")}
        for key, val in branch.items():
            if key == "required":
                merged["required"] = list(merged.get("required", [])) + list(val)
            else:
                merged[key] = val
        return merged

    def check_object(self, value: dict, schema: dict[str, Any], where: str, line: int) -> list[Problem]:
        problems: list[Problem] = []
        props = schema.get("properties", {})
        line_of = value.line_of if isinstance(value, LineMap) else (lambda _k: line)
        for key in schema.get("required", []):
            if key not in value:
                problems.append(
                    self.problem(line, where, f"is missing the required field '{key}'")
                    if where
                    else Problem(self.path, line, f"missing the required field '{key}'")
                )
        extra = schema.get("additionalProperties", True)
        names = schema.get("propertyNames", {}).get("pattern")
        for key in value if names else ():
            if not re.search(names, str(key)):
                what = schema["propertyNames"].get("description", f"the pattern {names}")
                problems.append(Problem(self.path, line_of(key), f"'{where}.{key}' is not {what}"))
        for key, child in value.items():
            child_where = f"{where}.{key}" if where else str(key)
            if key in props:
                problems += self.check(child, props[key], child_where, line_of(key))
            elif extra is False:
                problems.append(
                    Problem(self.path, line_of(key), f"unknown field '{child_where}'", closest(str(key), props))
                )
            elif isinstance(extra, dict):
                problems += self.check(child, extra, child_where, line_of(key))
        return problems

    def check_array(self, value: list, schema: dict[str, Any], where: str, line: int) -> list[Problem]:
        problems: list[Problem] = []
        if len(value) < schema.get("minItems", 0):
            problems.append(self.problem(line, where, f"needs at least {schema['minItems']} entries"))
        if "items" in schema:
            for index, child in enumerate(value):
                child_line = value.line_of(index) if isinstance(value, LineList) else line
                problems += self.check(child, schema["items"], f"{where}[{index + 1}]", child_line)
        return problems

    def check_scalar(self, value: Any, schema: dict[str, Any], where: str, line: int) -> list[Problem]:
        if isinstance(value, str):
            if len(value.strip()) < schema.get("minLength", 0):
                return [self.problem(line, where, "must not be empty")]
            if "pattern" in schema and not re.search(schema["pattern"], value):
                what = schema.get("description", f"the pattern {schema['pattern']}").rstrip(".")
                folded = fold_confusables(value)  # a Cyrillic letter pasted into a Latin id
                hint = folded if folded != value and re.search(schema["pattern"], folded) else None
                if hint:
                    odd = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in dict.fromkeys(value) if c not in folded)
                    what += f"; it contains {odd}, which only looks like a Latin letter"
                return [self.problem(line, where, f"'{value}' is not valid: {what}", hint)]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                return [self.problem(line, where, f"must be at least {schema['minimum']}")]
        return []
