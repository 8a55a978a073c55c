"""Shared fixtures: the project's site built once per session, and fixture projects to break."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "portal"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def run_mkdocs_build(project: Path, site_dir: Path | None = None, strict: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build` in a project folder, as a user would run it."""
    args = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")]
    if site_dir is not None:
        args += ["-d", str(site_dir)]
    if strict:
        args.append("--strict")
    return subprocess.run(args, cwd=project, capture_output=True, text=True, timeout=300)


def make_project(tmp: Path, source: Path = FIXTURE) -> Path:
    """A copy of a content project in a temporary folder (the package brings everything else)."""
    project = tmp / "project"
    shutil.copytree(source, project, ignore=shutil.ignore_patterns("site", ".site-*"))
    return project


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    """A small, valid portal project in a temporary folder, free to modify."""
    return make_project(tmp_path)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped portal (this repository's content) built once, strictly, into a temporary folder."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = run_mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# Fixture sites shared by the build tests and the browser tests (each is built once per run, and only read).


@pytest.fixture(scope="session")
def quiz_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture portal with a drawn quiz added, built strictly (tests/test_quiz_render.py)."""
    from .test_quiz_render import build_quiz_fixture

    return build_quiz_fixture(tmp_path_factory.mktemp("quizsite"))


@pytest.fixture(scope="session")
def truth_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture portal with sources, an interpretation, activities and more quizzes (tests/test_truth.py)."""
    from .test_truth import build_truth_fixture

    return build_truth_fixture(tmp_path_factory.mktemp("truth"))
