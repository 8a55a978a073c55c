"""Loading and validating a whole project in one call: the entry point for the CLI and the plugin."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .loader import load_content
from .model import Portal
from .problems import Problem
from .validator import DEFAULT_BUDGETS, DEFAULT_SETTINGS, CheckSettings, validate


def load_project(
    project_dir: Path,
    content_dir: str = "playbooks",
    budgets: Mapping[str, int] = DEFAULT_BUDGETS,
    settings: CheckSettings = DEFAULT_SETTINGS,
) -> tuple[Portal, list[Problem]]:
    """Load every content file of the project and return the portal with all problems found."""
    loaded = load_content(project_dir / content_dir, project_dir)
    return validate(loaded, budgets, settings)
