"""Shared fixtures: the project's site built once per session, and fixture projects to break."""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable
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


def build_in_process(project: Path, site_dir: Path | None = None, strict: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build` through MkDocs' own command line, in this interpreter; the result as `run_mkdocs_build`'s.

    For tests of what a build makes, where a new interpreter proves nothing: it saves the
    imports (about 0.5 s of CPU a build). Tests of what a user's shell sees keep `run_mkdocs_build`.
    An exception MkDocs' command line does not handle is written into stderr as its traceback,
    as the interpreter would print it, so "no traceback" assertions mean the same here.
    """
    from click.testing import CliRunner
    from mkdocs.__main__ import cli

    args = ["build", "-f", str(project / "mkdocs.yml")]
    if site_dir is not None:
        args += ["-d", str(site_dir)]
    if strict:
        args.append("--strict")
    logger = logging.getLogger("mkdocs")
    handlers, level, propagate = list(logger.handlers), logger.level, logger.propagate
    cwd = os.getcwd()
    os.chdir(project)
    try:
        result = CliRunner().invoke(cli, args, catch_exceptions=True)
    finally:
        os.chdir(cwd)
        # MkDocs' command line adds a console handler per run and stops propagation: undo both.
        logger.handlers[:] = handlers
        logger.setLevel(level)
        logger.propagate = propagate
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, stderr)


def make_project(tmp: Path, source: Path = FIXTURE) -> Path:
    """A copy of a content project in a temporary folder (the package brings everything else)."""
    project = tmp / "project"
    shutil.copytree(source, project, ignore=shutil.ignore_patterns("site", ".site-*"))
    return project


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    """A small, valid portal project in a temporary folder, free to modify."""
    return make_project(tmp_path)


def once_per_run(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Path]) -> Path:
    """`make(folder)` run once per test run, also when pytest-xdist runs the tests in several workers.

    Each worker has its own session: without this, every worker would build the same site again.
    The first worker to ask builds it under a lock in the folder all workers share; the others wait
    for it and read it (session sites are only ever read).
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent / f"shared-{name}"
    shared.mkdir(exist_ok=True)
    done = shared / "built-at"
    with open(shared / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if done.is_file():
            return Path(done.read_text("utf-8"))
        result = make(shared)
        done.write_text(str(result), "utf-8")
        return result


def _build_portal(folder: Path) -> Path:
    site = folder / "site"
    result = run_mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# Every portal a reader might meet, each built once per session: the shipped one (built_site above),
# the fixture portals of tests/fixtures, and the starter portal `cxportal init` writes. The site-wide
# reader checks (tests/test_reader_text.py, tests/browser/test_reader_layout.py) run over all of them;
# other tests read the same builds instead of building their own.
LIBRARY = Path(__file__).resolve().parent / "fixtures" / "library"


def _built(project: Path) -> Path:
    result = build_in_process(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/portal built strictly (English only)."""
    return once_per_run(tmp_path_factory, "fixture-site", lambda folder: _built(make_project(folder)))


@pytest.fixture(scope="session")
def translated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/portal with tests/fixtures/translations: an English and a Russian site."""
    from tests.test_translations import translated

    return once_per_run(tmp_path_factory, "translated-site", lambda folder: _built(translated(make_project(folder))))


@pytest.fixture(scope="session")
def library_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another organisation's portal: `cxportal init` plus tests/fixtures/library."""
    from tests.test_package import init_project

    return once_per_run(tmp_path_factory, "library", lambda folder: _built(init_project(folder, LIBRARY)))


@pytest.fixture(scope="session")
def init_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter portal exactly as `cxportal init` writes it."""
    from tests.test_package import init_project

    return once_per_run(tmp_path_factory, "init-site", lambda folder: _built(init_project(folder)))


# name: the session fixture that builds it
READER_SITES = {
    "shipped": "built_site",
    "fixture": "fixture_site",
    "translated": "translated_site",
    "library": "library_site",
    "init": "init_site",
}


@pytest.fixture(scope="session")
def cohort_report(tmp_path_factory: pytest.TempPathFactory):
    """A synthetic cohort of 200 people sent to a real Ralph LRS, then `cxportal report` run on it in
    English and Russian, as a training team would (tests/xapi_cohort.py says how each question behaves)."""
    from cxportal.project import load_project
    from cxportal.render import quiz_hash
    from tests.helpers import FIXTURE_SETTINGS
    from tests.ralph import running_ralph
    from tests.test_report import cxportal
    from tests.xapi_cohort import Cohort

    portal, _ = load_project(FIXTURE, settings=FIXTURE_SETTINGS)
    cohort = Cohort("http://cx.intranet.example/", quiz_hash(portal.quizzes["alpha"]), people=200)
    tmp = tmp_path_factory.mktemp("report")
    users = {**cohort.users(), "report": "mailto:report@cx.intranet.example"}
    outputs = {}
    with running_ralph(tmp / "lrs", users) as lrs:
        batches = list(cohort.statements())
        for user, statements in batches:
            assert lrs.post(user, statements) == 200, user
        extra = cohort.unusual_statements()
        for user, statements in extra:
            lrs.post(user, statements)
        for lang in ("en", "ru"):
            out = tmp / lang
            result = cxportal(
                "report",
                "-f",
                str(FIXTURE / "mkdocs.yml"),
                "--lrs",
                lrs.url,
                "--lrs-user",
                "report",
                "--lrs-password",
                "not-a-secret",
                "--lang",
                lang,
                "-o",
                str(out),
                "--roster",
                str(cohort.roster(tmp / "roster.csv")),
            )
            assert result.returncode == 0, result.stderr
            outputs[lang] = (out, result)
    return cohort, outputs


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped portal (this repository's content) built once, strictly, into a temporary folder."""
    return once_per_run(tmp_path_factory, "site", _build_portal)


# Fixture sites shared by the build tests and the browser tests (each is built once per run, and only read).


@pytest.fixture(scope="session")
def quiz_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture portal with a drawn quiz added, built strictly (tests/test_quiz_render.py)."""
    from .test_quiz_render import build_quiz_fixture

    return once_per_run(tmp_path_factory, "quizsite", build_quiz_fixture)


@pytest.fixture(scope="session")
def truth_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture portal with sources, an interpretation, activities and more quizzes (tests/test_truth.py)."""
    from .test_truth import build_truth_fixture

    return once_per_run(tmp_path_factory, "truth", build_truth_fixture)
