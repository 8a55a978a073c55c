"""Broken and hostile content: every input ends in `file:line: message`, never a traceback or a hang.

Each case changes the small fixture project in one way an author (or an attacker)
might, and states the `file:line` and the words the author must see. Every case
is run through `cxportal check` (exit 1, the expected line, no traceback). A strict
build over an existing site (the build fails and the old site is left byte for byte
as it was) runs for the cases only a build finds, for those of an extra language,
and for one case of each stage where a build can fail: the promise is kept by the
staging of the site (cxportal/plugin/staging.py), not by each case. Those builds
run in this interpreter; one runs as a user runs it, in a new one.

Classes of round 3 (issue 24) follow the first corpus: the site swapped in only after
every language built, the read rule (links out of the project, size, line length),
the SVG sanitiser, escaping of glossary tooltips and a CSP in exports, mkdocs.yml
options and string catalogues with their lines, a long paragraph of unclosed
brackets, endless numbers, a large bank without aliases, and smaller ones.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxportal.cli import main

from .conftest import build_in_process, make_project, run_mkdocs_build
from .test_translations import translated


@dataclass(frozen=True)
class OutsideLink:
    """The file becomes a symbolic link to a file outside the project with this text (a shared drive)."""

    text: str


Edit = Callable[[str], str] | str | bytes | OutsideLink

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
    stage: str = "content"  # where a build stops: config, content, front matter, macro, link, warning, language
    strict: bool = False  # a warning: `check --strict` and a strict build stop, a plain build goes on
    russian: bool = False  # in a project with `languages: [ru]` and the Russian fixture files


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
        stage="front matter",
    ),
    Case(
        "docs-front-matter-unclosed-quote",
        {"docs/quote.md": "---\ntitle: 'Open\nx: 1\n---\n\n# Quote\n"},
        "docs/quote.md:2",
        "quote",
        build_only=True,
        stage="front matter",
    ),
    # Macros in playbook bodies: found when the pages are rendered.
    Case(
        "macro-unknown-name",
        {ALPHA: append("\nMore text.\n\n{{ quizz('alpha') }}\n")},
        f"{ALPHA}:37",
        "unknown macro or variable 'quizz' (did you mean 'quiz'?)",
        build_only=True,
        stage="macro",
    ),
    Case(
        "macro-unknown-id-line-of-call",
        {ALPHA: append("\nWe talk about alph here.\n\n{{ quiz('alph') }}\n")},
        f"{ALPHA}:37",
        "quiz(): unknown quiz 'alph' (did you mean 'alpha'?)",
        build_only=True,
        stage="macro",
    ),
    Case(
        "macro-unknown-code",
        {BETA: append("\nSee {{ cite('ZZ-9') }}.\n")},
        f"{BETA}:22",
        "cite(): unknown code 'ZZ-9'",
        build_only=True,
        stage="macro",
    ),
    Case(
        "macro-syntax-error",
        {ALPHA: append("\nText.\n\n{{ quiz('alpha' }}\n")},
        f"{ALPHA}:37",
        "macro error: unexpected '}', expected ')'",
        build_only=True,
        stage="macro",
    ),
    Case(
        "macro-unknown-path-kind",
        {BETA: replace('{{ path("agent", "onboarding") }}', '{{ path("agent", "weekly") }}')},
        f"{BETA}:20",
        "unknown path kind 'weekly'",
        build_only=True,
        stage="macro",
    ),
    Case(
        "macro-missing-argument",
        {ALPHA: append("\nText.\n\nSee {{ cite() }} here.\n")},
        f"{ALPHA}:37",
        "macro error: TypeError",
        build_only=True,
        stage="macro",
    ),
]


# Round 3 (issue 24) ------------------------------------------------------------------------------

CONFIG, INDEX, INDEX_RU, ALPHA_RU = "mkdocs.yml", "docs/index.md", "docs/index.ru.md", "playbooks/alpha.ru.md"
DIAGRAM = "playbooks/diagrams/flow.svg"
STRINGS_RU, STRINGS_EN = "strings/ru.yml", "strings/en.yml"
ADD_OPTION = '      version: "2026.11"\n'  # the fixture's mkdocs.yml line 46: new options go on line 47


def option(text: str) -> Callable[[str], str]:
    return replace(ADD_OPTION, ADD_OPTION + f"      {text}\n")


def diagram(*inside: str) -> str:
    """An SVG drawing of the fixture with `inside` (one line each, from line 3)."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" role="img">\n'
        "<title>Flow</title>\n" + "".join(f"{row}\n" for row in inside) + '<rect x="1" y="1" width="98" height="38"/>\n'
        "</svg>\n"
    )


def big_bank(questions: int, last: str) -> str:
    """A quiz bank of many plain questions (no aliases), `last` appended to the last question's options."""
    rows = ["id: big", "title: Big bank", "playbook: alpha", "pass_mark: 60", "duration: 30", "draw: 10", "questions:"]
    prompt = "A careful prompt about listening to customers and acting on what they say. " * 4
    for i in range(questions):
        rows += [
            f"  - id: q{i}",
            "    type: single",
            f"    prompt: Question {i}. {prompt}",
            "    cites: AL-1",
            "    explanation: Listening comes first.",
            "    options:",
            "      - {text: Listen, correct: true, feedback: Yes.}",
            "      - {text: Act, feedback: Second.}" + (last if i == questions - 1 else ""),
        ]
    return "\n".join(rows) + "\n"


STALE_RU = replace('translation_of: "1.1"', 'translation_of: "1.0"')

ROUND3 = [
    # 1. A failure in the second language's build keeps the site of both languages.
    Case(
        "ru-stale-translation",
        {ALPHA_RU: STALE_RU},
        f"{ALPHA_RU}:6",
        "the translation matches version 1.0 but the original playbooks/alpha.md is at version 1.1",
        stage="language",
        strict=True,
        russian=True,
    ),
    Case(
        "ru-broken-link",
        {INDEX_RU: append("\n[Подробнее](nowhere.md)\n")},
        f"{INDEX_RU}:5",
        "link 'nowhere.md' leads to no page of this site",
        stage="language",
        strict=True,
        russian=True,
    ),
    Case(
        "ru-unknown-code",
        {INDEX_RU: replace('cite("AL-1")', 'cite("AL-9")')},
        f"{INDEX_RU}:3",
        "cite(): unknown code 'AL-9'",
        stage="language",
        russian=True,
    ),
    Case(
        "ru-macro-syntax-error",
        {INDEX_RU: append("\n{{ quiz('alpha' }}\n")},
        f"{INDEX_RU}:5",
        "macro error",
        stage="language",
        russian=True,
    ),
    # 2. The read rule: inside the project, no link out, bounded size and line length.
    Case(
        "playbook-link-outside",
        {BETA: OutsideLink("---\nid: beta\ntitle: Secret\n---\n\n# Secret\n\nSECRET-PLAYBOOK\n")},
        f"{BETA}:1",
        "the file is a link to a place outside the project: refused",
    ),
    Case(
        "diagram-link-outside",
        {DIAGRAM: OutsideLink(diagram("<text>SECRET-DIAGRAM</text>"))},
        f"{DIAGRAM}:1",
        "a link to a place outside the project",
    ),
    Case(
        "role-link-outside",
        {"playbooks/roles/outsider.yml": OutsideLink("id: outsider\nname: SECRET-ROLE\n")},
        "playbooks/roles/outsider.yml:1",
        "outside the project",
    ),
    Case(
        "docs-page-link-outside",
        {"docs/notes.md": OutsideLink("# Notes\n\nSECRET-PAGE\n")},
        "docs/notes.md:1",
        "outside the project",
        stage="files",
    ),
    Case(
        "override-link-outside",
        {
            CONFIG: replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
            "overrides/partials/footer.html": OutsideLink("<footer>SECRET-TEMPLATE</footer>\n"),
        },
        "overrides/partials/footer.html:1",
        "outside the project",
        stage="files",
    ),
    Case(
        "line-too-long",
        {ALPHA: append("\n" + "word " * 70_000 + "\n")},
        f"{ALPHA}:35",
        "the line is 350,000 characters long, more than 300,000: refused",
    ),
    # 3. One SVG sanitiser: what it leaves out is a warning at its line.
    Case(
        "diagram-script",
        {DIAGRAM: diagram("<script>alert(1)</script>")},
        f"{DIAGRAM}:3",
        "<script> is not allowed in a diagram",
        stage="warning",
        strict=True,
    ),
    Case(
        "diagram-handler",
        {DIAGRAM: diagram('<circle cx="5" cy="5" r="4" onmouseover="alert(1)"/>')},
        f"{DIAGRAM}:3",
        "the attribute 'onmouseover' on <circle> is an event handler",
        strict=True,
    ),
    Case(
        "diagram-javascript-link",
        {DIAGRAM: diagram('<a href=" javascript:alert(1)"><text>Go</text></a>')},
        f"{DIAGRAM}:3",
        "the link 'javascript:alert(1)' on <a> leads out of the diagram",
        strict=True,
    ),
    Case(
        "diagram-foreign-object",
        {DIAGRAM: diagram('<foreignObject><iframe src="data:text/html,x"></iframe></foreignObject>')},
        f"{DIAGRAM}:3",
        "<foreignobject> is not allowed in a diagram",
        strict=True,
    ),
    Case(
        "diagram-external-use",
        {DIAGRAM: diagram('<use xlink:href="http://evil.example/sprite.svg#a"/>')},
        f"{DIAGRAM}:3",
        "leads out of the diagram",
        strict=True,
    ),
    Case(
        "diagram-data-html",
        {DIAGRAM: diagram('<a href="data:text/html;base64,PHNjcmlwdD4="><text>x</text></a>')},
        f"{DIAGRAM}:3",
        "leads out of the diagram",
        strict=True,
    ),
    Case(
        "diagram-style-import",
        {DIAGRAM: diagram("<style>@import url(http://evil.example/x.css);</style>")},
        f"{DIAGRAM}:3",
        "<style> is not allowed in a diagram",
        strict=True,
    ),
    # 5. mkdocs.yml options, each at its line with the nearest valid value.
    Case(
        "option-budget-in-hours",
        {CONFIG: replace("onboarding: 180", "onboarding: 3h")},
        f"{CONFIG}:43",
        "'budgets.onboarding' must be a whole number of minutes, not '3h' (did you mean '180'?)",
        stage="config",
    ),
    Case(
        "option-negative-budget",
        {CONFIG: replace("refresher: 120", "refresher: -5")},
        f"{CONFIG}:43",
        "the refresher budget must be between 1 and 10,000 minutes, not -5",
    ),
    Case(
        "option-words-per-minute-zero",
        {CONFIG: option("words_per_minute: 0")},
        f"{CONFIG}:47",
        "'words_per_minute' must be between 50 and 1000",
    ),
    Case(
        "option-content-dir-misspelt",
        {CONFIG: replace("content_dir: playbooks", "content_dir: playbook")},
        f"{CONFIG}:42",
        "the content folder 'playbook' does not exist (did you mean 'playbooks'?)",
    ),
    Case(
        "option-content-dir-outside",
        {CONFIG: replace("content_dir: playbooks", "content_dir: ../../etc")},
        f"{CONFIG}:42",
        "'content_dir' must be a folder inside the project",
    ),
    Case(
        "option-bogus-export",
        {CONFIG: option("exports: [scrom]")},
        f"{CONFIG}:47",
        "unknown export format 'scrom' (use scorm, scorm2004, gift, moodle-xml) (did you mean 'scorm'?)",
    ),
    Case(
        "option-language-not-a-code",
        {CONFIG: option("languages: [Russian]")},
        f"{CONFIG}:47",
        "'Russian' in languages is not a language code such as ru, uk or pt-BR",
    ),
    Case(
        "option-unknown-language",
        {CONFIG: option("languages: [xx]")},
        f"{CONFIG}:47",
        "there are no interface strings for 'xx'",
    ),
    Case(
        "option-check-level-at-its-line",
        {CONFIG: replace("quiz_quality: note", "quiz_quality: strict")},
        f"{CONFIG}:51",
        "the cxportal option 'quiz_quality' must be one of error, warn, note, off, not 'strict'",
        absent=(f"{CONFIG}:1:",),
    ),
    Case(
        "option-version-as-number",
        {CONFIG: replace('version: "2026.11"', "version: 2026.11")},
        f"{CONFIG}:46",
        "'version' must be text: write it in quotes",
    ),
    Case(
        "option-unknown-budget-kind",
        {CONFIG: replace("{onboarding: 180, refresher: 120}", "{onboarding: 180, refreshr: 120}")},
        f"{CONFIG}:43",
        "unknown cxportal option 'budgets.refreshr' (did you mean 'refresher'?)",
    ),
    # 6. The project's string catalogues, at their lines.
    Case(
        "strings-unknown-key",
        {STRINGS_RU: "# Своё\nrole.shapes_cxx: Как роль влияет на опыт\n"},
        f"{STRINGS_RU}:2",
        "unknown string key 'role.shapes_cxx' (did you mean 'role.shapes_cx'?)",
    ),
    Case(
        "strings-not-text",
        {STRINGS_EN: "role.problem_zones: yes\n"},
        f"{STRINGS_EN}:1",
        "'role.problem_zones' must be text",
    ),
    Case(
        "strings-missing-plural-form",
        {STRINGS_RU: 'count.questions: {one: "{count} вопрос", few: "{count} вопроса"}\n'},
        f"{STRINGS_RU}:1",
        "'count.questions' lacks the plural form(s) many, other that ru needs",
    ),
    Case(
        "strings-unclosed-quote",
        {STRINGS_RU: 'role.shapes_cx: "Как роль влияет\nrole.problem_zones: Зоны\n'},
        f"{STRINGS_RU}:1",
        "quote",
    ),
    Case(
        "strings-unknown-placeholder",
        {STRINGS_EN: 'count.steps: {one: "{count} step", other: "{cout} steps"}\n'},
        f"{STRINGS_EN}:1",
        "'count.steps' uses {cout}, which the portal does not fill here",
    ),
    Case(
        "strings-plural-as-text",
        {STRINGS_EN: 'count.steps: "{count} steps"\n'},
        f"{STRINGS_EN}:1",
        "'count.steps' counts something: give its plural forms {one: …, other: …}",
    ),
    # 8. Numbers without a finite value.
    *(
        Case(
            f"season-{name}",
            {SEASON: GOOD_SEASON.replace("value: 12}", f"value: {value}}}"), AGENT: WITH_SEASON},
            f"{SEASON}:10",
            f"'metrics[1].quarters[2].value' must be number, not '{value}' (an endless or undefined value",
            absent=("Traceback", "chart.svg"),
        )
        for name, value in (("infinite", ".inf"), ("minus-infinite", "-.Inf"), ("not-a-number", ".nan"))
    ),
    Case(
        "pass-mark-infinite",
        {QUIZ: replace("pass_mark: 60", "pass_mark: .inf")},
        f"{QUIZ}:5",
        "'pass_mark' must be number, not '.inf'",
    ),
    # 9. A large bank without aliases is read, and its real errors reported.
    Case(
        "big-bank-two-correct",
        {"playbooks/quizzes/big.yml": big_bank(6000, "\n      - {text: Both, correct: true, feedback: No.}")},
        "playbooks/quizzes/big.yml:48000",
        "question 'q5999' is single choice but has 2 correct options",
        absent=("alias bomb",),
    ),
    Case(
        "big-bank-duplicate-id",
        {"playbooks/quizzes/big.yml": big_bank(6000, "").replace("  - id: q5999", "  - id: q0")},
        "playbooks/quizzes/big.yml:8",
        "duplicate question id 'q0' in quiz 'big'",
        absent=("alias bomb",),
    ),
    Case(
        "big-bank-with-a-bomb-still-refused",
        {"playbooks/quizzes/big.yml": big_bank(3000, "") + BOMB.replace("bomb:", "extra:")},
        "playbooks/quizzes/big.yml:",
        "alias bomb",
    ),
    # 10. Smaller: a translation without an original, look-alike letters, a main.html of one's own.
    Case(
        "ru-activity-without-original",
        {"playbooks/activities/listen-to-cals.ru.md": "---\nid: listen-to-cals\ntitle: Слушать\n---\n\n# Слушать\n"},
        "playbooks/activities/listen-to-cals.ru.md:1",
        "translation of an activity that does not exist: no activities/listen-to-cals.md "
        "(did you mean 'listen-to-calls'?)",
    ),
    Case(
        "cyrillic-letter-in-id",
        {ALPHA: replace("id: alpha", "id: аlpha")},
        f"{ALPHA}:2",
        "it contains 'а' (U+0430), which only looks like a Latin letter (did you mean 'alpha'?)",
    ),
    Case(
        "cyrillic-letter-in-reference",
        {CLERK: replace("- quiz: alpha", "- quiz: аlphа")},
        f"{CLERK}:14",
        "(did you mean 'alpha'?)",
    ),
    Case(
        "main-html-not-extending",
        {
            CONFIG: replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"),
            "overrides/main.html": '{#- ours -#}\n{% extends "base.html" %}\n{% block announce %}News{% endblock %}\n',
        },
        "overrides/main.html:2",
        "replaces the portal's main.html",
        build_only=True,
        stage="warning",
    ),
    # One stage more: a link in a hand-written page.
    Case(
        "docs-broken-link",
        {INDEX: append("\nSee [the guide](guide.md).\n")},
        f"{INDEX}:5",
        "link 'guide.md' leads to no page of this site",
        stage="link",
        strict=True,
    ),
]
CASES += ROUND3


def apply(project: Path, edits: dict[str, Edit]) -> None:
    for rel, edit in edits.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(edit, OutsideLink):
            outside = project.parent / "outside" / path.name
            outside.parent.mkdir(exist_ok=True)
            outside.write_text(edit.text, "utf-8")
            path.unlink(missing_ok=True)
            path.symlink_to(outside)
        elif isinstance(edit, bytes):
            path.write_bytes(edit)
        elif isinstance(edit, str):
            path.write_text(edit, "utf-8")
        else:
            result = edit(path.read_text("utf-8"))
            path.write_bytes(result) if isinstance(result, bytes) else path.write_text(result, "utf-8")


def case_project(tmp: Path, case: Case) -> Path:
    project = make_project(tmp)
    if case.russian:
        translated(project)
    apply(project, case.edits)
    return project


def check(project: Path, strict: bool = False):
    return CliRunner().invoke(main, ["check", "-f", str(project / "mkdocs.yml")] + (["--strict"] if strict else []))


def site_digest(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 60 + 3 * 9
    assert len({case.name for case in CASES}) == len(CASES)


def expect(output: str, case: Case) -> None:
    assert "Traceback" not in output, output
    assert 'File "' not in output, output
    # A warning is logged with its level ("WARNING -  docs/index.md:5: …"); `check` names the language
    # of an extra language's pages ("[ru] docs/index.ru.md:3: …").
    lines = [re.sub(r"^(?:(?:WARNING|ERROR) +- +)?(?:\[[a-z-]+\] )?", "", line) for line in output.splitlines()]
    lines = [line for line in lines if line.startswith(case.where) and case.says in line]
    assert lines, f"expected {case.where}…{case.says!r} in:\n{output}"
    for word in case.absent:
        assert word not in output, f"cascade: {word!r} in:\n{output}"


@pytest.mark.parametrize("case", [c for c in CASES if not c.build_only], ids=lambda c: c.name)
def test_check_reports_the_line_and_never_a_traceback(case: Case, tmp_path: Path):
    project = case_project(tmp_path, case)
    started = time.monotonic()
    result = check(project, strict=case.strict)
    assert time.monotonic() - started < 30, "checking one small project must not hang"
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    expect(result.output, case)


def build_here(project, site_dir, strict: bool = True) -> tuple[bool, str]:
    """An in-process build (conftest.build_in_process): whether it succeeded, and all it printed."""
    result = build_in_process(project, site_dir, strict)
    return result.returncode == 0, result.stdout + result.stderr


def built(cases: list[Case]) -> list[Case]:
    """The cases a strict build must be run for: those only a build (or an extra language's build) finds,
    and the first of every other stage where a build stops; for the rest, `check` proves the message."""
    chosen = [c for c in cases if c.build_only or c.russian]
    stages = {c.stage for c in chosen}
    for case in cases:
        if case.stage not in stages:
            chosen.append(case)
            stages.add(case.stage)
    return chosen


BUILT = built(CASES)


def built_project(tmp: Path, russian: bool) -> Path:
    project = make_project(tmp)
    if russian:
        translated(project)
    ok, output = build_here(project, project / "site")
    assert ok, output
    return project


@pytest.fixture(scope="module")
def built_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture project with its site built once; each case copies both."""
    return built_project(tmp_path_factory.mktemp("hostile"), russian=False)


@pytest.fixture(scope="module")
def built_ru_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same with `languages: [ru]`: site/ and site/ru/."""
    return built_project(tmp_path_factory.mktemp("hostile-ru"), russian=True)


def test_the_strict_build_runs_for_every_stage():
    assert {c.stage for c in BUILT} >= {"config", "content", "front matter", "macro", "link", "warning", "language"}
    assert len(BUILT) < len(CASES) / 3


@pytest.mark.parametrize("case", BUILT, ids=lambda c: c.name)
def test_strict_build_fails_and_keeps_the_old_site(case: Case, request: pytest.FixtureRequest, tmp_path: Path):
    fixture = request.getfixturevalue("built_ru_fixture" if case.russian else "built_fixture")
    project = tmp_path / "project"
    shutil.copytree(fixture, project, symlinks=True)
    before = site_digest(project / "site")
    apply(project, case.edits)
    # One build as a user runs it, in a new interpreter; the others in this one (see build_in_process).
    if case is BUILT[0]:
        result = run_mkdocs_build(project, project / "site")
        ok, output = result.returncode == 0, result.stdout + result.stderr
    else:
        ok, output = build_here(project, project / "site")
    assert not ok, output
    expect(output, case)
    assert site_digest(project / "site") == before
    assert (project / "site/ru/index.html").is_file() == case.russian
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


# Round 3: what a plain build publishes --------------------------------------------------------

HOSTILE_SVG = """\
<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY boom "SECRET-ENTITY">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 200 80"
     role="img" onload="alert('svg')">
<title>Flow <script>alert('title')</script></title>
<script type="text/javascript">alert('script')</script>
<SCRIPT>alert('upper')</SCRIPT>
<a href="javascript:alert('a')"><text x="5" y="20">Go</text></a>
<a xlink:href="&#106;avascript:alert('entity')"><text x="5" y="40">Go too</text></a>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="><text x="5" y="60">Data</text></a>
<circle cx="150" cy="40" r="20" ONMOUSEOVER="alert('circle')" fill="url(javascript:alert(1))"/>
<foreignObject width="100" height="50"><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert('fo')"/></div></foreignObject>
<set attributeName="href" to="javascript:alert('set')"/>
<animate attributeName="onclick" values="alert('animate')"/>
<image href="http://evil.example/x.png" onerror="alert('image')"/>
<use href="http://evil.example/sprite.svg#a"/>
<style>@import url(http://evil.example/x.css); rect { fill: url(javascript:alert(1)) }</style>
<text x="5" y="75">&boom; <![CDATA[<script>alert('cdata')</script>]]> a &lt; b</text>
<rect x="1" y="1" width="198" height="78" fill="none" stroke="currentColor"/>
</svg>
<script>alert('after')</script>
"""
GLOSSARY_PAYLOADS = [
    "<img src=x onerror=alert('glossary')>",
    "<script>alert('glossary')</script>",
    '"><svg onload=alert(1)> &amp; &lt;b&gt;',
]
EXECUTABLE = re.compile(r"<script|\son[a-z]+\s*=|javascript:|data:text/html|<foreignobject|<iframe|evil\.example", re.I)


def publish_hostile(folder: Path, transfer_slot: bool = False) -> tuple[Path, str]:
    """A plain (not strict) build of the fixture project with a hostile diagram on a playbook of a learning
    path, glossary definitions that are HTML, and SCORM exports: what the warnings let through is what
    readers get. The site folder and what the build printed; the browser tests add the progress-file slot."""
    project = make_project(folder)
    apply(
        project,
        {
            CONFIG: lambda t: t.replace("strict: true", "strict: false").replace(
                ADD_OPTION, ADD_OPTION + "      exports: [scorm]\n"
            ),
            DIAGRAM: HOSTILE_SVG,
            ALPHA: replace("## [AL-2] Second step\n", '## [AL-2] Second step\n\n{{ diagram("flow") }}\n'),
            GLOSSARY: "".join(
                f"- term: {term}\n  definition: {payload!r}\n  see: AL-1\n"
                for term, payload in zip(("CX", "Silo", "NPS"), GLOSSARY_PAYLOADS, strict=True)
            ),
            INDEX: append(
                "\nThe CX team breaks every Silo and measures NPS.\n"
                + ('\n<div class="cx-transfer-slot" data-cx-transfer></div>\n' if transfer_slot else "")
            ),
        },
    )
    ok, output = build_here(project, project / "site", strict=False)
    assert ok, output
    return project / "site", output


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site, output = publish_hostile(tmp_path_factory.mktemp("published"))
    assert "flow.svg:6: warning: <script> is not allowed in a diagram" in output
    return site


def diagrams_in(html_text: str) -> list[str]:
    return re.findall(r'<figure class="cx-diagram".*?</figure>', html_text, re.S)


def test_no_script_handler_or_javascript_url_survives_in_any_diagram_on_the_site_or_in_any_export(published: Path):
    pages = {p.relative_to(published).as_posix(): p.read_text("utf-8") for p in published.rglob("*.html")}
    packages = sorted((published / "exports" / "scorm").glob("*.zip"))
    assert packages, "the clerk's path includes alpha: its SCORM package must exist"
    for package in packages:
        with zipfile.ZipFile(package) as zf:
            pages |= {f"{package.name}/{n}": zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".html")}
    shown = {name: diagrams_in(text) for name, text in pages.items() if diagrams_in(text)}
    assert "playbooks/alpha/index.html" in shown
    assert any(".zip/steps/" in name for name in shown), "the diagram must reach the SCORM step page"
    for name, figures in shown.items():
        for figure in figures:
            assert not EXECUTABLE.search(figure), f"{name}: {EXECUTABLE.search(figure)[0]!r} in {figure}"
            # What is left is the drawing: its text (escaped), its shapes, its title.
            assert "<rect" in figure and "<title>Flow </title>" in figure and "a &lt; b" in figure
            assert "&lt;script&gt;alert('cdata')&lt;/script&gt;" in figure  # CDATA text, shown as text
    for name, text in pages.items():
        assert "SECRET-ENTITY" not in text and "javascript:alert" not in text, name


def test_every_exported_html_page_carries_a_content_security_policy(published: Path):
    for package in sorted((published / "exports" / "scorm").glob("*.zip")):
        with zipfile.ZipFile(package) as zf:
            steps = [n for n in zf.namelist() if n.endswith(".html")]
            assert steps
            for name in steps:
                page = zf.read(name).decode("utf-8")
                policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
                assert policy, f"{package.name}/{name} has no Content-Security-Policy"
                directives = html.unescape(policy[1]).split("; ")
                assert "script-src 'self'" in directives, f"{package.name}/{name}: {directives}"
                assert "object-src 'none'" in directives


@pytest.mark.parametrize("payload", GLOSSARY_PAYLOADS)
def test_glossary_definitions_reach_tooltips_as_text(published: Path, payload: str):
    """Material's tooltips put an <abbr>'s title into the page as HTML: the title holds the definition
    escaped once more, so the tooltip shows the author's text and no element of it."""
    page = (published / "index.html").read_text("utf-8")
    titles = [html.unescape(t) for t in re.findall(r'<abbr title="([^"]*)"', page)]
    assert html.escape(payload, quote=True) in titles, titles
    for title in titles:
        assert "<" not in title and ">" not in title, title


def test_a_link_out_of_the_project_is_never_published(tmp_path: Path):
    """Playbooks, diagrams, roles and pages linked from outside: refused, and no plain build (nor the
    failed strict one before it) puts a word of them anywhere in the site."""
    project = make_project(tmp_path)
    apply(project, {CONFIG: replace("strict: true", "strict: false")})
    ok, output = build_here(project, project / "site", strict=False)
    assert ok, output
    before = site_digest(project / "site")
    for case in [c for c in ROUND3 if any(isinstance(e, OutsideLink) for e in c.edits.values())]:
        apply(project, case.edits)
    ok, output = build_here(project, project / "site", strict=False)
    assert not ok and "the file is a link to a place outside the project: refused" in output, output
    assert site_digest(project / "site") == before
    for path in (project / "site").rglob("*"):
        if path.is_file():
            assert b"SECRET-" not in path.read_bytes(), path
    result = check(project)
    assert result.exit_code == 1
    for rel in ("playbooks/beta.md", "playbooks/diagrams/flow.svg", "playbooks/roles/outsider.yml"):
        assert f"{rel}:1: the file is a link to a place outside the project" in result.output, result.output


@pytest.mark.parametrize(
    "paragraph",
    [
        "[1] Smith, J. [see (2019) [Ref pp. 12-14 " * 2500,  # a reference list pasted from a PDF
        "![figure [" * 10_000,  # images that never close
        "[[[[ x ] " * 10_000,  # brackets nested and left open
    ],
    ids=["references", "images", "nested"],
)
def test_a_long_paragraph_of_unclosed_brackets_is_checked_without_a_hang(paragraph: str, tmp_path: Path):
    """Legal Markdown, about 100 KB on one line: `check` renders it in linear time (cxportal/bounds.py)."""
    project = make_project(tmp_path)
    apply(
        project,
        {
            BETA: append("\n" + paragraph + "\n"),
            CONFIG: replace("{onboarding: 180, refresher: 120}", "{onboarding: 9000, refresher: 9000}"),
        },
    )
    apply(project, {BETA: lambda t: re.sub(r"^duration: \d+\n", "", t, flags=re.M)})  # computed from the words
    started = time.monotonic()
    result = check(project)
    assert time.monotonic() - started < 60, "a long paragraph must not make `check` hang"
    assert result.exit_code == 0, result.output


def test_the_engines_string_catalogues_pass_their_own_check():
    from cxportal.i18n import STRINGS_DIR, check_catalogue

    for path in sorted(STRINGS_DIR.glob("*.yml")):
        assert check_catalogue(path, path.name) == [], path


def test_the_options_checked_are_the_options_the_plugin_has():
    """cxportal/options.py checks what plugin/config.py types: a new option must be added to both."""
    from mkdocs.config.base import BaseConfigOption

    from cxportal.options import OPTIONS
    from cxportal.plugin.config import BudgetsConfig, CxPortalConfig, RecordsConfig

    def names(config: type, prefix: str = "") -> set[str]:
        return {prefix + n for n, v in vars(config).items() if isinstance(v, BaseConfigOption)}

    assert set(OPTIONS) == names(CxPortalConfig) | names(BudgetsConfig, "budgets.") | names(RecordsConfig, "records.")


class _VisibleText(HTMLParser):
    """The text a reader sees on a page (script, style and code left out), entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.skipping += tag in ("script", "style", "code", "pre", "svg")

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag in ("script", "style", "code", "pre", "svg") and self.skipping > 0

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.text.append(data)


ENGINE_MARKUP = re.compile(r'<a (?:class|href)=|<strong>|<span class="cx-|<time ')


def test_engine_markup_is_never_shown_as_text(published: Path):
    """The glossary's "See …" link, a path's total and a short link's target are the engine's HTML,
    kept as HTML while the words around them are escaped (Renderer.ui_html)."""
    for path in [
        published / "glossary/index.html",
        *published.glob("roles/*/*/index.html"),
        *published.glob("go/*/index.html"),
    ]:
        reader = _VisibleText()
        reader.feed(path.read_text("utf-8"))
        shown = "".join(reader.text)
        assert not ENGINE_MARKUP.search(shown), (
            f"{path.relative_to(published)}: {ENGINE_MARKUP.search(shown)[0]!r} shown as text"
        )
