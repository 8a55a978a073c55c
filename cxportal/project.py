"""Loading and validating a whole project in one call: the entry point for the CLI and the plugin."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from .loader import LoadedContent, load_content
from .model import Portal
from .problems import Problem, closest
from .settings import PortalSettings
from .terms import term_problems
from .validator import DEFAULT_BUDGETS, DEFAULT_SETTINGS, CheckSettings, validate


def load_portal(settings: PortalSettings) -> tuple[Portal, list[Problem]]:
    """The project's content loaded and checked with its settings, as the build and every command see it."""
    return load_project(
        settings.project_dir, settings.content_dir, settings.budgets, settings.check, settings.role_kinds
    )


def load_project(
    project_dir: Path,
    content_dir: str = "playbooks",
    budgets: Mapping[str, int] = DEFAULT_BUDGETS,
    settings: CheckSettings = DEFAULT_SETTINGS,
    role_kinds: Iterable[str] = (),
) -> tuple[Portal, list[Problem]]:
    """Load every content file of the project and return the portal with all problems found.

    `role_kinds` are the kinds the project declares (the plugin's `role_kinds` option); when given,
    a role of any other kind is a problem (a misspelt kind would otherwise become a group of its own).
    """
    return check_project(
        load_content(project_dir / content_dir, project_dir), project_dir, budgets, settings, role_kinds
    )


def check_project(
    loaded: LoadedContent,
    project_dir: Path,
    budgets: Mapping[str, int] = DEFAULT_BUDGETS,
    settings: CheckSettings = DEFAULT_SETTINGS,
    role_kinds: Iterable[str] = (),
) -> tuple[Portal, list[Problem]]:
    """The portal made from content already read, and every problem (`cxportal serve` reads again only
    the files an edit changed)."""
    portal, problems = validate(loaded, budgets, settings)
    terms = settings.severity(settings.terms)
    if terms is not None:
        # A broken terms file stays an error; the project's level applies to the rejected variants found.
        problems += [
            dataclasses.replace(p, severity=terms) if p.severity == "warning" else p
            for p in term_problems(loaded.root, project_dir)
        ]
    kinds = list(role_kinds)
    if kinds:
        for role in portal.roles.values():
            if role.kind not in kinds:
                line = _line_of_key(project_dir / role.source.path, "kind") or role.source.line
                problems.append(
                    Problem(
                        role.source.path,
                        line,
                        f"'kind' must be one of {', '.join(kinds)} (the role_kinds option in mkdocs.yml)",
                        closest(role.kind, kinds),
                    )
                )
    return portal, problems


def _line_of_key(path: Path, key: str) -> int | None:
    try:
        lines = path.read_text("utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    return next((i + 1 for i, row in enumerate(lines) if pattern.match(row)), None)
