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


def build_in_process(project: Path, site_dir: Path, *, strict: bool = True) -> tuple[bool, str]:
    """`mkdocs build` of `project` in this interpreter: (succeeded, what it logged and raised).

    For tests that inspect what a build says and leaves behind, where a new interpreter proves
    nothing: about a third of the cost of a subprocess. Plugins get instances of their own
    (plugin_instances), as in a nested language build; `conftest.run_mkdocs_build` remains the
    way to run a build as a user does.
    """
    import io
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from cxportal.plugin.languages import plugin_instances

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    ok = False
    try:
        with plugin_instances({}):
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
                ok = True
            finally:
                config.plugins.on_shutdown()
    except (MkDocsException, SystemExit) as error:
        stream.write(f"{type(error).__name__}: {error}\n")
    finally:
        logger.removeHandler(handler)
    return ok, stream.getvalue()
