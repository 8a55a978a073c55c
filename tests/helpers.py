"""Small helpers for writing content files in unit tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from cxportal.problems import Problem
from cxportal.project import load_project
from cxportal.validator import CheckSettings

# The fixture portal is about the engine, not about good quizzes or sourced facts (see its mkdocs.yml):
# tests switch those checks on where they test them.
FIXTURE_SETTINGS = CheckSettings(quiz_quality="off", sources="off")


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), "utf-8")
    return path


def problems_of(project: Path, **kwargs) -> list[Problem]:
    kwargs.setdefault("settings", FIXTURE_SETTINGS)
    return load_project(project, **kwargs)[1]


def messages(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]
