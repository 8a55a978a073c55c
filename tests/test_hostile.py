"""Broken and hostile content: every input ends in `file:line: message`, never a traceback or a hang.

Each case changes the small fixture project in one way an author (or an attacker)
might, and states the `file:line` and the words the author must see. Every case
is run through `cxportal check` (exit 1, the expected line, no traceback) and
through a strict `mkdocs build` over an existing site (the build fails and the
old site is left byte for byte as it was).
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxportal.cli import main

from .conftest import make_project, run_mkdocs_build

Edit = Callable[[str], str] | str | bytes

BOMB = "bomb:\n" + "".join(
    f"  - &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g"], "abcdefgh", strict=True)
)


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, f"the fixture no longer contains {old!r}"
        return text.replace(old, new, 1)

    return edit


def append(extra: str) -> Callable[[str], str]:
    return lambda text: text + extra


@dataclass(frozen=True)
class Case:
    name: str
    edits: dict[str, Edit]
    where: str  # "file:line" the author is sent to
    says: str  # words of the message
    absent: tuple[str, ...] = field(default=())  # what must not be said (cascades, wrong lines)
    build_only: bool = False  # found when pages are rendered (macros), not by `check`


ALPHA, BETA = "playbooks/alpha.md", "playbooks/beta.md"
AGENT, CLERK, LEAD = "playbooks/roles/agent.yml", "playbooks/roles/clerk.yml", "playbooks/roles/lead.yml"
QUIZ, CHECK = "playbooks/quizzes/alpha.yml", "playbooks/quizzes/check.yml"
GLOSSARY, SEASON = "playbooks/glossary.yml", "playbooks/season.yml"

GOOD_GLOSSARY = "- term: CX\n  definition: Customer experience.\n  see: AL-1\n- term: Silo\n  definition: A team that works alone.\n"
GOOD_SEASON = """\
season: "2026"
title: Last season
summary: How it went.
metrics:
  - id: nps
    name: NPS
    unit: points
    quarters:
      - {quarter: Q1, value: 10}
      - {quarter: Q2, value: 12}
"""
WITH_SEASON = replace("  refresher:\n    - page: changes", "  refresher:\n    - page: season\n    - page: changes")
NOT_UNKNOWN = ("unknown code", "unknown playbook", "unknown quiz", "unknown audience", "no season.yml")

CASES = [
    # Playbook front matter: impossible values, parser errors, bombs.
    Case(
        "impossible-date",
        {ALPHA: replace("reviewed: 2026-11-20", "reviewed: 2026-02-30")},
        f"{ALPHA}:8",
        "'reviewed' must be a real calendar date (YYYY-MM-DD), not '2026-02-30'",
    ),
    Case(
        "date-in-words",
        {ALPHA: replace("reviewed: 2026-11-20", "reviewed: last week")},
        f"{ALPHA}:8",
        "must be a real calendar date (YYYY-MM-DD), not 'last week'",
    ),
    Case(
        "quoted-impossible-date",
        {ALPHA: replace("reviewed: 2026-11-20", 'reviewed: "2026-04-31"')},
        f"{ALPHA}:8",
        "real calendar date",
    ),
    Case(
        "date-with-time",
        {ALPHA: replace("reviewed: 2026-11-20", "reviewed: 2026-11-20 10:00:00")},
        f"{ALPHA}:8",
        "real calendar date",
    ),
    Case(
        "impossible-change-date",
        {ALPHA: replace("date: 2026-01-10", "date: 2026-13-10")},
        f"{ALPHA}:12",
        "'changes[2].date' must be a real calendar date",
    ),
    Case("month-zero", {ALPHA: replace("date: 2026-11-01", "date: 2026-00-01")}, f"{ALPHA}:11", "real calendar date"),
    Case(
        "alias-bomb-front-matter",
        {ALPHA: replace("owner: Test office\n", "owner: Test office\n" + BOMB)},
        f"{ALPHA}:16",
        "alias bomb",
    ),
    Case(
        "alias-loop-front-matter",
        {ALPHA: replace("audiences: [all]", "audiences: &a [*a]")},
        f"{ALPHA}:5",
        "refers to the value that contains it",
    ),
    Case(
        "unclosed-quote-title",
        {ALPHA: replace("title: Alpha playbook", 'title: "Alpha playbook')},
        f"{ALPHA}:3",
        "the quote opened on this line is not closed",
    ),
    Case("front-matter-not-closed", {ALPHA: replace("---\n\n# Alpha", "\n\n# Alpha")}, f"{ALPHA}:1", "not closed"),
    Case(
        "no-front-matter",
        {ALPHA: replace("---\nid: alpha\n", "id: alpha\n")},
        f"{ALPHA}:1",
        "must start with front matter",
    ),
    Case(
        "empty-front-matter",
        {ALPHA: lambda t: "---\n---\n" + t.split("---\n", 2)[2]},
        f"{ALPHA}:1",
        "the front matter is empty",
    ),
    Case(
        "bad-byte-in-body",
        {ALPHA: lambda t: t.replace("The first step is", "The first st\xe9p is").encode("latin-1")},
        f"{ALPHA}:23",
        "not UTF-8: byte 0xe9",
        absent=NOT_UNKNOWN,
    ),
    Case(
        "bad-byte-in-front-matter",
        {ALPHA: lambda t: t.replace("Test office", "Test \xf6ffice").encode("latin-1")},
        f"{ALPHA}:9",
        "not UTF-8",
    ),
    Case(
        "id-not-file-name", {ALPHA: replace("id: alpha", "id: alfa")}, f"{ALPHA}:2", "must match the file name 'alpha'"
    ),
    Case(
        "unknown-front-matter-field",
        {ALPHA: replace("title: Alpha", "titel: Alpha")},
        f"{ALPHA}:3",
        "unknown field 'titel' (did you mean 'title'?)",
    ),
    Case(
        "duration-not-a-number",
        {ALPHA: replace("duration: 1", "duration: ten")},
        f"{ALPHA}:6",
        "'duration' must be integer",
    ),
    Case(
        "duplicate-front-matter-key",
        {ALPHA: replace("owner: Test office", "owner: Test office\nowner: Someone")},
        f"{ALPHA}:10",
        "duplicate key 'owner'",
    ),
    Case(
        "python-tag",
        {ALPHA: replace("owner: Test office", "owner: !!python/object/apply:os.system [echo hacked]")},
        f"{ALPHA}:9",
        "could not determine a constructor",
    ),
    Case(
        "control-character",
        {ALPHA: replace("title: Alpha playbook", "title: Alpha \x07playbook")},
        f"{ALPHA}:3",
        "U+0007 is not allowed",
    ),
    Case(
        "nested-too-deeply",
        {ALPHA: replace("owner: Test office", "owner: Test office\nx: " + "[" * 100 + "]" * 100)},
        f"{ALPHA}:10",
        "nested too deeply",
    ),
    Case(
        "playbook-left-out-no-cascade",
        {ALPHA: replace("duration: 1", "duration: -1")},
        f"{ALPHA}:6",
        "'duration' must be at least 1",
        absent=NOT_UNKNOWN,
    ),
    # Playbook body: headings and anchors.
    Case(
        "duplicate-anchor",
        {ALPHA: append("\n## Objectives again {#objectives}\n\nMore.\n")},
        f"{ALPHA}:35",
        "the anchor '#objectives' is already used by the heading on line 17",
    ),
    Case(
        "anchor-is-own-code-anchor",
        {ALPHA: append("\n## Notes {#al-2}\n\nMore.\n")},
        f"{ALPHA}:35",
        "also the anchor of code AL-2 in this playbook",
    ),
    Case(
        "anchor-is-other-code-anchor",
        {BETA: append("\n## Notes {#al-1}\n\nMore.\n")},
        f"{BETA}:22",
        "the anchor of code AL-1 in 'alpha'",
    ),
    Case(
        "invalid-code",
        {ALPHA: replace("## [AL-2] Second step", "## [al two] Second step")},
        f"{ALPHA}:25",
        "'al two' is not a valid code",
    ),
    Case("duplicate-code", {BETA: append("\n## [AL-1] Again\n\nMore.\n")}, f"{BETA}:22", "duplicate code 'AL-1'"),
    # Roles.
    Case(
        "role-unclosed-quote",
        {AGENT: replace("summary: Answers customers.", 'summary: "Answers customers.')},
        f"{AGENT}:6",
        "while scanning a quoted scalar",
    ),
    Case(
        "role-unclosed-single-quote",
        {AGENT: replace("department: Contact centre", "department: 'Contact centre")},
        f"{AGENT}:5",
        "quote",
    ),
    Case("role-alias-bomb", {AGENT: append(BOMB)}, f"{AGENT}:26", "alias bomb"),
    Case(
        "role-alias-loop", {AGENT: replace("problem_zones: [AL-1]", "problem_zones: &z [*z]")}, f"{AGENT}:8", "a loop"
    ),
    Case(
        "role-bad-byte",
        {AGENT: lambda t: t.replace("Every call", "Every c\xe0ll").encode("latin-1")},
        f"{AGENT}:7",
        "not UTF-8",
    ),
    Case(
        "role-unknown-playbook",
        {CLERK: replace("- playbook: alpha", "- playbook: alpah")},
        f"{CLERK}:12",
        "unknown playbook 'alpah' (did you mean 'alpha'?)",
    ),
    Case(
        "role-unknown-quiz",
        {CLERK: replace("- quiz: alpha", "- quiz: alpa")},
        f"{CLERK}:14",
        "unknown quiz 'alpa' (did you mean 'alpha'?)",
    ),
    Case(
        "role-unknown-zone",
        {AGENT: replace("problem_zones: [AL-1]", "problem_zones: [AL-9]")},
        f"{AGENT}:8",
        "unknown problem-zone code 'AL-9'",
    ),
    Case(
        "role-duplicate-key",
        {AGENT: replace("name: Agent", "name: Agent\nname: Agent two")},
        f"{AGENT}:4",
        "duplicate key 'name'",
    ),
    Case(
        "role-kind-typo",
        {AGENT: replace("kind: front-line", "kind: frontline")},
        f"{AGENT}:4",
        "(did you mean 'front-line'?)",
    ),
    Case("role-tab-indent", {AGENT: replace("  onboarding:", "\tonboarding:")}, f"{AGENT}:12", "YAML syntax error"),
    Case("role-empty", {AGENT: ""}, f"{AGENT}:1", "the file is empty"),
    Case("role-not-a-mapping", {AGENT: "- just\n- a list\n"}, f"{AGENT}:1", "must be object"),
    Case(
        "role-step-twice",
        {
            AGENT: replace(
                "    - playbook: beta\n  refresher:", "    - playbook: beta\n    - playbook: beta\n  refresher:"
            )
        },
        f"{AGENT}:17",
        "'beta' appears twice in the onboarding path",
    ),
    Case("role-season-missing", {AGENT: WITH_SEASON}, f"{AGENT}:18", "there is no season.yml"),
    Case(
        "role-python-name-tag",
        {AGENT: replace("department: Contact centre", "department: !!python/name:os.system")},
        f"{AGENT}:5",
        "could not determine a constructor",
    ),
    Case(
        "role-left-out-no-cascade",
        {AGENT: replace("kind: front-line", "kind: [front-line")},
        f"{AGENT}:",
        "YAML syntax error",
        absent=NOT_UNKNOWN,
    ),
    Case(
        "role-impossible-date-as-text",
        {AGENT: replace("name: Agent", "name: [2026-02-30]")},
        f"{AGENT}:3",
        "'name' is not valid",
    ),
    # Quizzes.
    Case(
        "quiz-two-correct",
        {
            QUIZ: replace(
                "{text: Act, feedback: Acting comes second.}",
                "{text: Act, correct: true, feedback: Acting comes second.}",
            )
        },
        f"{QUIZ}:9",
        "has 2 correct options",
    ),
    Case(
        "quiz-unknown-code",
        {QUIZ: replace("cites: AL-2\n    answer", "cites: AL-9\n    answer")},
        f"{QUIZ}:30",
        "cites an unknown code 'AL-9' (did you mean 'AL-2'?)",
    ),
    Case(
        "quiz-unknown-anchor",
        {QUIZ: replace("cites: alpha#objectives", "cites: alpha#objectivs")},
        f"{QUIZ}:21",
        "unknown anchor '#objectivs' in 'alpha' (did you mean 'objectives'?)",
    ),
    Case(
        "quiz-unclosed-quote",
        {QUIZ: replace('feedback: "Yes, listening comes first."}', 'feedback: "Yes, listening comes first.}')},
        f"{QUIZ}:16",
        "the quote opened on this line is not closed",
    ),
    Case("quiz-alias-bomb", {QUIZ: append(BOMB)}, f"{QUIZ}:", "alias bomb"),
    Case(
        "quiz-duplicate-question",
        {QUIZ: replace("- id: both", "- id: first")},
        f"{QUIZ}:9",
        "duplicate question id 'first'",
    ),
    Case(
        "quiz-blanks-mismatch",
        {QUIZ: replace("First you ___, then you ___.", "First you ___.")},
        f"{QUIZ}:",
        "has 1 blank(s) '___' in its prompt but 2 answer list(s)",
    ),
    Case(
        "quiz-pass-mark",
        {QUIZ: replace("pass_mark: 60", "pass_mark: 150")},
        f"{QUIZ}:2",
        "pass_mark 150 is out of range",
    ),
    Case(
        "quiz-true-false-no-answer", {QUIZ: replace("    answer: false\n", "")}, f"{QUIZ}:27", "has no 'answer: true'"
    ),
    Case(
        "quiz-unknown-playbook",
        {QUIZ: replace("playbook: alpha", "playbook: alfa")},
        f"{QUIZ}:2",
        "unknown playbook 'alfa' (did you mean 'alpha'?)",
    ),
    Case(
        "quiz-left-out-no-cascade",
        {QUIZ: replace("pass_mark: 60", "pass_mark: [60")},
        f"{QUIZ}:",
        "YAML syntax error",
        absent=NOT_UNKNOWN,
    ),
    Case(
        "quiz-draw-too-many",
        {QUIZ: replace("shuffle: false", "shuffle: false\ndraw: 50")},
        f"{QUIZ}:2",
        "draw asks for 50 questions but the bank has 6",
    ),
    Case(
        "quiz-band-unknown-code",
        {CHECK: replace("cites: AL-2}", "cites: AL-7}")},
        f"{CHECK}:23",
        "band 'Going' cites an unknown code 'AL-7'",
    ),
    # Glossary and season.
    Case(
        "glossary-unknown-see",
        {GLOSSARY: GOOD_GLOSSARY.replace("see: AL-1", "see: AL-8")},
        f"{GLOSSARY}:1",
        "unknown playbook or code in 'see' 'AL-8'",
    ),
    Case(
        "glossary-duplicate-term",
        {GLOSSARY: GOOD_GLOSSARY + "- term: cx\n  definition: Again.\n"},
        f"{GLOSSARY}:6",
        "duplicate glossary term 'cx'",
    ),
    Case(
        "glossary-unclosed-quote",
        {GLOSSARY: GOOD_GLOSSARY.replace("definition: A team", "definition: 'A team")},
        f"{GLOSSARY}:5",
        "quote",
    ),
    Case(
        "glossary-alias-bomb",
        {
            GLOSSARY: "- term: X\n  definition: Y\n  extra:\n"
            + "\n".join("    " + line for line in BOMB.splitlines())
            + "\n"
        },
        f"{GLOSSARY}:",
        "alias bomb",
    ),
    Case(
        "season-syntax-error",
        {SEASON: GOOD_SEASON.replace("title: Last season", "title: [Last season"), AGENT: WITH_SEASON},
        f"{SEASON}:",
        "YAML syntax error",
        absent=NOT_UNKNOWN,
    ),
    Case(
        "season-shape-no-cascade",
        {SEASON: GOOD_SEASON.replace("unit: points", "unit: [points]"), AGENT: WITH_SEASON},
        f"{SEASON}:7",
        "'metrics[1].unit'",
        absent=NOT_UNKNOWN,
    ),
    Case(
        "season-bad-byte",
        {SEASON: GOOD_SEASON.replace("How it went.", "How it w\xe9nt.").encode("latin-1")},
        f"{SEASON}:3",
        "not UTF-8",
    ),
    # Hand-written pages: their front matter goes through the same bounded parser.
    Case(
        "docs-front-matter-alias-bomb",
        {"docs/bomb.md": "---\ntitle: Bomb\n" + BOMB + "---\n\n# Bomb\n"},
        "docs/bomb.md:9",
        "alias bomb",
        build_only=True,
    ),
    Case(
        "docs-front-matter-unclosed-quote",
        {"docs/quote.md": "---\ntitle: 'Open\nx: 1\n---\n\n# Quote\n"},
        "docs/quote.md:2",
        "quote",
        build_only=True,
    ),
    # Macros in playbook bodies: found when the pages are rendered.
    Case(
        "macro-unknown-name",
        {ALPHA: append("\nMore text.\n\n{{ quizz('alpha') }}\n")},
        f"{ALPHA}:37",
        "unknown macro or variable 'quizz' (did you mean 'quiz'?)",
        build_only=True,
    ),
    Case(
        "macro-unknown-id-line-of-call",
        {ALPHA: append("\nWe talk about alph here.\n\n{{ quiz('alph') }}\n")},
        f"{ALPHA}:37",
        "quiz(): unknown quiz 'alph' (did you mean 'alpha'?)",
        build_only=True,
    ),
    Case(
        "macro-unknown-code",
        {BETA: append("\nSee {{ cite('ZZ-9') }}.\n")},
        f"{BETA}:22",
        "cite(): unknown code 'ZZ-9'",
        build_only=True,
    ),
    Case(
        "macro-syntax-error",
        {ALPHA: append("\nText.\n\n{{ quiz('alpha' }}\n")},
        f"{ALPHA}:37",
        "macro error: unexpected '}', expected ')'",
        build_only=True,
    ),
    Case(
        "macro-unknown-path-kind",
        {BETA: replace('{{ path("agent", "onboarding") }}', '{{ path("agent", "weekly") }}')},
        f"{BETA}:20",
        "unknown path kind 'weekly'",
        build_only=True,
    ),
    Case(
        "macro-missing-argument",
        {ALPHA: append("\nText.\n\nSee {{ cite() }} here.\n")},
        f"{ALPHA}:37",
        "macro error: TypeError",
        build_only=True,
    ),
]


def apply(project: Path, edits: dict[str, Edit]) -> None:
    for rel, edit in edits.items():
        path = project / rel
        if isinstance(edit, bytes):
            path.write_bytes(edit)
        elif isinstance(edit, str):
            path.write_text(edit, "utf-8")
        else:
            result = edit(path.read_text("utf-8"))
            path.write_bytes(result) if isinstance(result, bytes) else path.write_text(result, "utf-8")


def check(project: Path):
    return CliRunner().invoke(main, ["check", "-f", str(project / "mkdocs.yml")])


def site_digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 60
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.fixture(scope="module")
def built_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture project with its site built once; each case copies both."""
    project = make_project(tmp_path_factory.mktemp("hostile"))
    result = run_mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def expect(output: str, case: Case) -> None:
    assert "Traceback" not in output, output
    assert 'File "' not in output, output
    lines = [line for line in output.splitlines() if line.startswith(case.where) and case.says in line]
    assert lines, f"expected {case.where}…{case.says!r} in:\n{output}"
    for word in case.absent:
        assert word not in output, f"cascade: {word!r} in:\n{output}"


@pytest.mark.parametrize("case", [c for c in CASES if not c.build_only], ids=lambda c: c.name)
def test_check_reports_the_line_and_never_a_traceback(case: Case, tmp_path: Path):
    project = make_project(tmp_path)
    apply(project, case.edits)
    started = time.monotonic()
    result = check(project)
    assert time.monotonic() - started < 10, "checking one small project must not hang"
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    expect(result.output, case)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_strict_build_fails_and_keeps_the_old_site(case: Case, built_fixture: Path, tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(built_fixture, project)
    before = site_digest(project / "site")
    apply(project, case.edits)
    result = run_mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    expect(output, case)
    assert site_digest(project / "site") == before
    assert not list(project.glob(".site-staging-*")) and not list(tmp_path.glob(".site-staging-*"))


@pytest.mark.parametrize("kind", ["playbook", "role", "quiz", "glossary", "season"])
def test_byte_order_mark_and_crlf_are_accepted_in_every_file_kind(kind: str, tmp_path: Path):
    project = make_project(tmp_path)
    files = {"playbook": ALPHA, "role": AGENT, "quiz": QUIZ, "glossary": GLOSSARY, "season": SEASON}
    if kind == "glossary":
        apply(project, {GLOSSARY: GOOD_GLOSSARY})
    if kind == "season":
        apply(project, {SEASON: GOOD_SEASON})
    path = project / files[kind]
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text("utf-8").replace("\n", "\r\n").encode("utf-8"))
    result = check(project)
    assert result.exit_code == 0, result.output
