"""Agreed translation terms: a rejected variant in a Russian page, role, glossary entry or quiz bank is a
warning at its file and line that names the agreed term, and it fails `cxportal check --strict`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cxportal.cli import main
from cxportal.terms import Term, rejected_in, variant_pattern
from cxportal.validator import CheckSettings

from .helpers import problems_of, write
from .test_translations import edit, line_of, translated

TERMS = """
terms:
  - term: Целенаправленное руководство
    source: "002:7"
    rejected: ["целеустремлённ* лидерств*"]
  - term: Вовлечение клиентов
    source: "002:49"
    rejected: ["связь с клиент*"]
  - term: Persistent — Ответственный
    source: "002:25"
    match_case: true
    rejected: ["Последовательн*"]
"""
TERMS_ON = CheckSettings(quiz_quality="off", sources="off", terms="warn")


def rejected(problems) -> list[str]:
    return [str(p) for p in problems if "rejected variant" in p.message]


def plant(project: Path) -> dict[str, int]:
    """A rejected variant in the Russian page, quiz bank, docs page, a role card and the glossary; their lines."""
    translated(project)
    write(project, "playbooks/terms.ru.yml", TERMS)
    page = project / "playbooks/alpha.ru.md"
    edit(page, "Первый шаг — выслушать клиента.", "Первый шаг — выслушать клиента: это Целеустремлённое лидерство.")
    quiz = project / "playbooks/quizzes/alpha.ru.yml"
    edit(quiz, "prompt: Какой шаг первый?", "prompt: Какой шаг первый в целеустремлённом лидерстве?")
    role = project / "playbooks/roles/agent.yml"
    edit(
        role,
        "shapes_cx: Every call is the company's voice.",
        "shapes_cx: {en: Every call counts., ru: Каждый звонок — связь с клиентом.}",
    )
    write(
        project,
        "playbooks/glossary.yml",
        "- term: CX\n  definition: {en: Customer experience., ru: 'Клиентский опыт.'}\n- term: VoC\n  definition:\n    en: Voice of the customer.\n    ru: 'Голос клиента, или Связь с клиентами.'\n",
    )
    docs = project / "docs/index.ru.md"
    docs.write_text(docs.read_text("utf-8") + "\nПоследовательный лидер держит слово.\n", "utf-8")
    return {
        "playbooks/alpha.ru.md": line_of(page, "Целеустремлённое"),
        "playbooks/quizzes/alpha.ru.yml": line_of(quiz, "целеустремлённом"),
        "playbooks/roles/agent.yml": line_of(role, "связь с клиентом"),
        "playbooks/glossary.yml": 6,
        "docs/index.ru.md": line_of(docs, "Последовательный"),
    }


def test_each_rejected_variant_is_a_warning_at_its_file_and_line_naming_the_agreed_term(fixture_project):
    lines = plant(fixture_project)
    found = rejected(problems_of(fixture_project, settings=TERMS_ON))
    assert len(found) == 5, found
    for rel, line in lines.items():
        assert any(f.startswith(f"{rel}:{line}: warning: «") for f in found), (rel, line, found)
    page = next(f for f in found if f.startswith("playbooks/alpha.ru.md"))
    assert "«Целеустремлённое лидерство» is a rejected variant" in page
    assert "the agreed term is «Целенаправленное руководство» (playbooks/terms.ru.yml:2)" in page
    assert "did you mean 'Целенаправленное руководство'?" in page


def test_strict_check_fails_on_a_planted_variant_and_passes_once_it_is_replaced(fixture_project):
    translated(fixture_project)
    write(fixture_project, "playbooks/terms.ru.yml", TERMS)
    page = fixture_project / "playbooks/alpha.ru.md"
    edit(page, "Первый шаг — выслушать клиента.", "Первый шаг — выслушать клиента (связь с клиентом).")
    config = str(fixture_project / "mkdocs.yml")
    result = CliRunner().invoke(main, ["check", "--content-only", "--strict", "-f", config])
    assert result.exit_code == 1
    line = line_of(page, "связь с")
    assert f"playbooks/alpha.ru.md:{line}: warning: «связь с клиентом»" in result.output
    edit(page, "(связь с клиентом)", "(вовлечение клиентов)")
    result = CliRunner().invoke(main, ["check", "--content-only", "--strict", "-f", config])
    assert "rejected variant" not in result.output


def test_the_level_comes_from_the_project_and_off_skips_the_check(fixture_project):
    plant(fixture_project)
    as_errors = problems_of(fixture_project, settings=CheckSettings(quiz_quality="off", sources="off", terms="error"))
    assert {p.severity for p in as_errors if "rejected variant" in p.message} == {"error"}
    off = problems_of(fixture_project, settings=CheckSettings(quiz_quality="off", sources="off", terms="off"))
    assert rejected(off) == []


def test_any_ending_and_yo_spelt_as_ye_are_caught_but_not_longer_words_or_the_agreed_term():
    pattern = variant_pattern("целеустремлённ* лидерств*")
    assert pattern.search("о целеустремленном лидерстве".replace("ё", "е"))
    terms = [_term("Вовлечение клиентов", ["связь с клиент*"])]
    assert rejected_in("Это вовлечение клиентов.\nНаша связь с клиентами.\n", "a.ru.md", terms)[0].line == 2
    assert rejected_in("Мы ценим связь с клиентами", "a.ru.md", terms)  # the variant inside a sentence
    assert not rejected_in("Это вовлечение клиентов, а не взаимосвязь с клиентом.", "a.ru.md", terms)
    whole = [_term("канал обратной связи", ["одним постом"])]
    assert not rejected_in("одним постоманом", "a.ru.md", whole)


def test_an_allowed_longer_phrase_is_not_a_rejected_variant():
    term = _term("Вовлечение клиентов", ["связь с клиент*"], allowed=["обратн* связь с клиент*"])
    assert not rejected_in("Мы держим обратную связь с клиентом.", "a.ru.md", [term])
    assert rejected_in("Обратная связь с клиентом и связь с клиентом.", "a.ru.md", [term])


def test_match_case_leaves_the_ordinary_lower_case_word_alone():
    terms = [_term("Persistent — Ответственный", ["Последовательн*"], match_case=True)]
    assert rejected_in("Persistent — Последовательный", "a.ru.md", terms)
    assert not rejected_in("Шаги идут в последовательном порядке.", "a.ru.md", terms)


def test_a_broken_terms_file_is_an_error_at_its_line(fixture_project):
    write(
        fixture_project,
        "playbooks/terms.ru.yml",
        "terms:\n  - term: Хорошо\n    rejected: [плохо]\n  - rejected: [x]\n",
    )
    problems = problems_of(fixture_project, settings=TERMS_ON)
    assert [str(p) for p in problems if p.path.endswith("terms.ru.yml")] == [
        "playbooks/terms.ru.yml:4: each term has 'term:' (the agreed wording) and 'rejected:' (a list)"
    ]


def test_the_shipped_russian_content_uses_only_agreed_terms():
    root = Path(__file__).resolve().parent.parent
    assert rejected(problems_of(root, settings=TERMS_ON)) == []


def _term(term: str, variants: list[str], match_case: bool = False, allowed: tuple[str, ...] = ()) -> Term:
    patterns = tuple(variant_pattern(v, match_case) for v in variants)
    return Term(term, tuple(variants), "", "terms.ru.yml", 1, patterns, tuple(variant_pattern(v) for v in allowed))


def test_a_variant_in_a_fenced_code_block_of_a_page_is_an_example_not_a_use():
    terms = [_term("Целенаправленное руководство", ["целеустремлённ* лидерств*"])]
    page = "Текст.\n\n```yaml\nrejected: [целеустремлённое лидерство]\n```\n\nЦелеустремлённое лидерство.\n"
    assert [p.line for p in rejected_in(page, "docs/authoring.ru.md", terms)] == [7]
    assert [p.line for p in rejected_in(page, "playbooks/quizzes/x.ru.yml", terms)] == [4, 7]
