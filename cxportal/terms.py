"""Agreed terms of a translation: a rejected variant in that language's text is a problem at file:line.

A project keeps one file per language, `<content>/terms.<lang>.yml`:

    terms:
      - term: Целенаправленное руководство      # the one name readers see everywhere
        source: "002:7 «Целенаправленное руководство: …»"
        rejected: ["целеустремлённ* лидерств*"]  # variants that must not appear
        allowed: []                              # optional: longer phrases that contain a variant but are fine
        match_case: false                        # optional

In a rejected variant `*` stands for the rest of a word (any ending), so one entry catches every
case form; ё and е count as the same letter. The variants are looked for, line by line, in that
language's playbooks, activities and quiz banks (`*.<lang>.md`, `quizzes/*.<lang>.yml`), in the
multilingual role cards, glossary and season files, and in the hand-written pages `docs/*.<lang>.md`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .yamlfile import LineList, LineMap, parse_yaml, read_text

TERMS_FILE = re.compile(r"^terms\.(?P<lang>[A-Za-z-]+)\.ya?ml$")
FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Term:
    """One agreed term and the variants a translator must not use instead."""

    term: str
    rejected: tuple[str, ...]
    source: str
    path: str
    line: int
    patterns: tuple[re.Pattern[str], ...]
    allowed: tuple[re.Pattern[str], ...] = ()

    def first_use(self, line: str) -> re.Match[str] | None:
        """The first rejected variant in a (folded) line that is not part of an allowed phrase."""
        fine = [m.span() for pattern in self.allowed for m in pattern.finditer(line)]
        for pattern in self.patterns:
            for match in pattern.finditer(line):
                if not any(start <= match.start() and match.end() <= end for start, end in fine):
                    return match
        return None


def _fold(text: str) -> str:
    """ё and е are one letter for matching (Russian writers use both); lengths stay equal."""
    return text.replace("ё", "е").replace("Ё", "Е")


def variant_pattern(variant: str, match_case: bool = False) -> re.Pattern[str]:
    """The regular expression of a rejected variant: whole words, `*` for any ending, spaces for any spacing."""
    parts = []
    for piece in re.split(r"(\*|\s+)", _fold(variant.strip())):
        if piece == "*":
            parts.append(r"\w*")
        elif piece.isspace():
            parts.append(r"\s+")
        elif piece:
            parts.append(re.escape(piece))
    body = "".join(parts)
    end = "" if variant.strip().endswith("*") else r"(?!\w)"
    return re.compile(rf"(?<!\w){body}{end}", 0 if match_case else re.IGNORECASE)


def load_terms(path: Path, rel: str) -> tuple[list[Term], list[Problem]]:
    """The terms of one terms file, and what is wrong with the file (each problem at its line)."""
    raw = read_text(path, rel)
    if isinstance(raw, Problem):
        return [], [raw]
    data, problems = parse_yaml(raw, rel)
    if not isinstance(data, LineMap) or not isinstance(data.get("terms"), LineList):
        return [], problems or [Problem(rel, 1, "a terms file is a mapping with a list 'terms:'")]
    terms: list[Term] = []
    entries: LineList = data["terms"]
    for index, entry in enumerate(entries):
        line = entries.line_of(index)
        if not isinstance(entry, LineMap) or not isinstance(entry.get("term"), str):
            problems.append(Problem(rel, line, "each term has 'term:' (the agreed wording) and 'rejected:' (a list)"))
            continue
        rejected = entry.get("rejected", [])
        if not isinstance(rejected, list) or not all(isinstance(v, str) and v.strip() for v in rejected):
            problems.append(
                Problem(rel, entry.line_of("rejected"), f"'rejected' of '{entry['term']}' is a list of words")
            )
            continue
        match_case = entry.get("match_case") is True
        allowed = entry.get("allowed", [])
        allowed = [v for v in allowed if isinstance(v, str) and v.strip()] if isinstance(allowed, list) else []
        terms.append(
            Term(
                term=entry["term"],
                rejected=tuple(rejected),
                source=str(entry.get("source", "")),
                path=rel,
                line=entry.line,
                patterns=tuple(variant_pattern(v, match_case) for v in rejected),
                allowed=tuple(variant_pattern(v, match_case) for v in allowed),
            )
        )
    return terms, problems


def rejected_in(text: str, rel: str, terms: Iterable[Term]) -> list[Problem]:
    """A warning at each line of `text` that uses a rejected variant, naming the agreed term.

    In Markdown, fenced code blocks are examples (an authors' guide may show a rejected variant)."""
    found: list[Problem] = []
    terms = list(terms)
    lines = text.splitlines()
    in_code = False
    for number, line in enumerate(_fold(text).splitlines(), 1):
        if rel.endswith(".md") and FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        for term in terms:
            match = term.first_use(line)
            if match:
                original = lines[number - 1][match.start() : match.end()]
                found.append(
                    Problem(
                        rel,
                        number,
                        f"«{original}» is a rejected variant: the agreed term is «{term.term}» ({term.path}:{term.line})",
                        term.term,
                        "warning",
                    )
                )
    return found


def files_in_language(content_dir: Path, docs_dir: Path, lang: str) -> list[Path]:
    """The files a reader of `lang` reads: its translations, and the multilingual YAML files."""
    files = [
        *sorted(content_dir.glob(f"*.{lang}.md")),
        *sorted((content_dir / "activities").glob(f"*.{lang}.md")),
        *sorted((content_dir / "quizzes").glob(f"*.{lang}.y*ml")),
        *sorted((content_dir / "diagrams").glob(f"*.{lang}.svg")),
        *sorted((content_dir / "diagrams").glob(f"*.{lang}.*.svg")),  # a language's other layouts (narrow)
        *sorted((content_dir / "roles").glob("*.y*ml")),
        *(content_dir / name for name in ("glossary.yml", "season.yml") if (content_dir / name).is_file()),
    ]
    if docs_dir.is_dir():
        files += sorted(docs_dir.rglob(f"*.{lang}.md"))
    return files


def term_problems(content_dir: Path, project_dir: Path, docs_dir: Path | None = None) -> list[Problem]:
    """Every use of a rejected variant, for each terms file of the content folder (none: no problems)."""

    def rel(path: Path) -> str:
        try:
            return str(path.resolve().relative_to(project_dir.resolve()))
        except ValueError:
            return str(path)

    docs_dir = docs_dir or project_dir / "docs"
    problems: list[Problem] = []
    for terms_file in sorted(content_dir.glob("terms.*.y*ml")):
        match = TERMS_FILE.match(terms_file.name)
        if not match:
            continue
        terms, found = load_terms(terms_file, rel(terms_file))
        problems += found
        for path in files_in_language(content_dir, docs_dir, match["lang"]):
            text = read_text(path, rel(path))
            if isinstance(text, str):
                problems += rejected_in(text, rel(path), terms)
    return problems
