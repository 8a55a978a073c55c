"""Translations: checked against their originals with file and line, and built as a second site in site/ru/."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cxportal.problems import errors
from cxportal.project import load_project

from .conftest import build_in_process, make_project, run_mkdocs_build

TRANSLATIONS = Path(__file__).resolve().parent / "fixtures" / "translations"


def translated(project: Path, languages: str = "[ru]") -> Path:
    """The fixture project with the Russian files of tests/fixtures/translations and the languages option."""
    shutil.copytree(TRANSLATIONS, project, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8").replace("  - cxportal:\n", f"  - cxportal:\n      languages: {languages}\n", 1)
    config.write_text(text, "utf-8")
    return project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line)


@pytest.fixture
def ru_project(fixture_project: Path) -> Path:
    return translated(fixture_project)


# Checks -----------------------------------------------------------------------------


def problems(project: Path) -> list[str]:
    return [str(p) for p in load_project(project)[1]]


def test_the_fixture_translation_is_clean_and_merged(ru_project: Path):
    portal, found = load_project(ru_project)
    assert errors(found) == [] and portal.warnings == ()
    assert portal.translations["ru"]["alpha"].title == "Плейбук «Альфа»"
    question = portal.quizzes["alpha"].questions[0]
    assert question.prompt.get("ru") == "Какой шаг первый?" and question.prompt.get("en") == "What is the first step?"
    assert portal.quizzes["alpha"].questions[-1].blanks[0].accepted("ru")[:2] == ("выслушать", "слушать")


def test_a_translation_without_a_code_of_its_original(ru_project: Path):
    playbook = ru_project / "playbooks/alpha.ru.md"
    edit(playbook, "## [AL-2] Второй шаг", "## Второй шаг")
    line = line_of(playbook, "[AL-1]")
    assert (
        f"playbooks/alpha.ru.md:{line}: the translation lacks the code AL-2 of its original "
        f"(playbooks/alpha.md:{line_of(ru_project / 'playbooks/alpha.md', '[AL-2]')}): "
        "translate the heading as '## [AL-2] …'" in problems(ru_project)
    )


def test_a_translation_without_an_anchor_of_its_original(ru_project: Path):
    edit(ru_project / "playbooks/alpha.ru.md", "## Цели обучения {#objectives}", "## Цели обучения")
    assert any(
        re.match(r"playbooks/alpha\.ru\.md:\d+: the translation lacks the anchor \{#objectives\}", p)
        for p in problems(ru_project)
    )


def test_a_translated_quiz_without_a_question_or_an_option(ru_project: Path):
    quiz = ru_project / "playbooks/quizzes/alpha.ru.yml"
    edit(quiz, "      - {text: Игнорировать, feedback: Это никогда не шаг.}\n", "")
    text = quiz.read_text("utf-8")
    quiz.write_text(text[: text.index("  - id: match")] + text[text.index("  - id: blank") :], "utf-8")
    found = problems(ru_project)
    assert (
        f"playbooks/quizzes/alpha.ru.yml:{line_of(quiz, 'id: alpha')}: the translation lacks the question "
        f"'match' of its original (playbooks/quizzes/alpha.yml:{line_of(ru_project / 'playbooks/quizzes/alpha.yml', '- id: match')})"
        in found
    )
    both = [i for i, line in enumerate(quiz.read_text("utf-8").splitlines(), 1) if "options:" in line][1]
    assert (
        f"playbooks/quizzes/alpha.ru.yml:{both}: question 'both' lacks option 3 of 3 of its original "
        f"(playbooks/quizzes/alpha.yml:{line_of(ru_project / 'playbooks/quizzes/alpha.yml', '- id: both')})" in found
    )


def test_a_translated_quiz_whose_correct_answers_differ(ru_project: Path):
    quiz = ru_project / "playbooks/quizzes/alpha.ru.yml"
    edit(
        quiz,
        '{text: Выслушать, correct: true, feedback: "Да, сначала выслушать."}',
        '{text: Выслушать, feedback: "Да, сначала выслушать."}',
    )
    edit(
        quiz,
        "{text: Действовать, feedback: Действовать — это второй шаг.}",
        "{text: Действовать, correct: true, feedback: Действовать — это второй шаг.}",
    )
    edit(quiz, "    answer: false\n", "    answer: true\n")
    found = problems(ru_project)
    assert any(
        re.match(
            r"playbooks/quizzes/alpha\.ru\.yml:\d+: question 'first' has other correct answers than its "
            r"original \(playbooks/quizzes/alpha\.yml:\d+\)",
            p,
        )
        for p in found
    ), found
    assert (
        f"playbooks/quizzes/alpha.ru.yml:{line_of(quiz, 'answer: true')}: question 'tf' has other correct "
        "answers than its original" in " ".join(found)
    )


def test_an_outdated_translation_warns_and_fails_strict_unless_acknowledged(ru_project: Path):
    original = ru_project / "playbooks/alpha.md"
    edit(original, 'version: "1.1"', 'version: "1.2"')
    edit(original, "changes:\n", 'changes:\n  - {version: "1.2", date: 2026-11-21, note: Reworded.}\n')
    portal, found = load_project(ru_project)
    assert errors(found) == []
    line = line_of(ru_project / "playbooks/alpha.ru.md", "translation_of")
    assert [str(w) for w in portal.warnings] == [
        f"playbooks/alpha.ru.md:{line}: warning: the translation matches version 1.1 but the original playbooks/alpha.md is "
        "at version 1.2: update the translation, or add 'acknowledges: \"1.2\"' if that change needs no translation"
    ]
    check = subprocess.run(
        [sys.executable, "-m", "cxportal.cli", "check", "--strict", "-f", str(ru_project / "mkdocs.yml")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1 and f"alpha.ru.md:{line}: warning: the translation matches version 1.1" in check.stderr
    result = build_in_process(ru_project)
    assert result.returncode != 0 and "the translation matches version 1.1" in result.stderr
    edit(ru_project / "playbooks/alpha.ru.md", 'translation_of: "1.1"', 'translation_of: "1.1"\nacknowledges: "1.2"')
    assert load_project(ru_project)[0].warnings == ()


def test_a_translation_must_name_the_version_it_matches(ru_project: Path):
    edit(ru_project / "playbooks/alpha.ru.md", 'translation_of: "1.1"\n', "")
    assert (
        "playbooks/alpha.ru.md:1: a translation says which version of the original it matches: "
        "add 'translation_of: \"1.1\"' to the front matter" in problems(ru_project)
    )


def test_a_translation_of_nothing(ru_project: Path):
    shutil.copy(ru_project / "playbooks/alpha.ru.md", ru_project / "playbooks/gamma.ru.md")
    shutil.copy(ru_project / "playbooks/quizzes/alpha.ru.yml", ru_project / "playbooks/quizzes/gamma.ru.yml")
    edit(ru_project / "playbooks/quizzes/gamma.ru.yml", "id: alpha", "id: gamma")
    found = problems(ru_project)
    assert "playbooks/gamma.ru.md:1: translation of a playbook that does not exist: no gamma.md" in found
    assert "playbooks/quizzes/gamma.ru.yml:1: translation of a quiz that does not exist: no quiz 'gamma'" in found


def test_stats_show_translation_coverage(ru_project: Path):
    out = subprocess.run(
        [sys.executable, "-m", "cxportal.cli", "stats", "-f", str(ru_project / "mkdocs.yml")],
        capture_output=True,
        text=True,
    ).stdout
    row = next(line for line in out.splitlines() if line.startswith("ru "))
    assert row.split()[1:7] == ["1/2", "50%", "1/2", "50%", "1/1", "100%"], out


# The Russian site ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_language_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The translated fixture project built once for the tests below, which only read its site."""
    project = translated(make_project(tmp_path_factory.mktemp("two-languages")))
    result = build_in_process(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture
def two_language_site(two_language_project: Path) -> Path:
    return two_language_project / "site"


def test_one_build_makes_the_english_and_the_russian_site(two_language_site: Path, two_language_project: Path):
    site = two_language_site
    en = (site / "playbooks/alpha/index.html").read_text("utf-8")
    ru = (site / "ru/playbooks/alpha/index.html").read_text("utf-8")
    assert '<html lang="en"' in en and '<html lang="ru"' in ru
    assert "First step" in en and "Первый шаг" in ru
    # Same codes and anchors in both languages.
    for html in (en, ru):
        assert 'id="al-1"' in html and 'id="al-2"' in html and 'id="objectives"' in html
    # Material's chrome in Russian, and the portal's own words.
    assert 'placeholder="Поиск"' in ru and "С чего начать" in ru and "Start here" not in ru
    # The translated home page replaces the English one, and is no page of its own.
    assert "Портал для тестов" in (site / "ru/index.html").read_text("utf-8")
    assert not (site / "index.ru").exists() and not (site / "ru/index.ru").exists()
    # The staging folder swapped both languages in together.
    assert not list(two_language_project.glob(".site-staging-*"))


def test_each_language_has_its_own_search_index_and_stemmer(two_language_site: Path):
    en = json.loads((two_language_site / "search/search_index.json").read_text("utf-8"))
    ru = json.loads((two_language_site / "ru/search/search_index.json").read_text("utf-8"))
    assert ru["config"]["lang"][0] == "ru"
    assert any("Жалоба клиента" in doc["text"] for doc in ru["docs"])
    assert not any("Жалоба" in doc["text"] for doc in en["docs"])


def test_short_links_in_both_languages(two_language_site: Path):
    ru_link = (two_language_site / "ru/go/al-1/index.html").read_text("utf-8")
    assert "../../playbooks/alpha/index.html#al-1" in ru_link and "Первый шаг" in ru_link
    assert (two_language_site / "go/al-1/index.html").exists()


def test_the_language_switcher_leads_to_the_same_page(two_language_site: Path):
    en = (two_language_site / "playbooks/alpha/index.html").read_text("utf-8")
    ru = (two_language_site / "ru/playbooks/alpha/index.html").read_text("utf-8")
    assert 'href="../../ru/playbooks/alpha/" hreflang="ru"' in en
    assert 'href="../../../playbooks/alpha/" hreflang="en"' in ru
    assert ">\n              Русский" in en or "Русский" in en


def test_untranslated_pages_are_shown_in_english_with_a_note(two_language_site: Path):
    beta = (two_language_site / "ru/playbooks/beta/index.html").read_text("utf-8")
    assert "Эта страница ещё не переведена, поэтому показана на английском." in beta
    assert "Beta" in beta
    alpha = (two_language_site / "ru/playbooks/alpha/index.html").read_text("utf-8")
    assert "cx-fallback" not in alpha
    # A generated page with an untranslated text field says so too.
    role = (two_language_site / "ru/roles/agent/index.html").read_text("utf-8")
    assert "Часть этой страницы ещё не переведена и показана на английском." in role
    assert "Every call is the company" in role


def test_quiz_ids_and_storage_hashes_are_the_same_in_both_languages(two_language_site: Path):
    def quiz_attrs(path: str) -> tuple[str, str]:
        html = (two_language_site / path).read_text("utf-8")
        return re.search(r'data-cx-quiz="([^"]+)" data-cx-hash="([^"]+)"', html).groups()

    assert quiz_attrs("quizzes/alpha/index.html") == quiz_attrs("ru/quizzes/alpha/index.html")
    strings = (two_language_site / "ru/assets/cxportal/strings.js").read_text("utf-8")
    assert 'export const lang = "ru";' in strings and '"quiz.check": "Проверить"' in strings


def test_a_translated_docs_page_without_an_anchor_of_its_original(ru_project: Path):
    (ru_project / "docs/guide.md").write_text("# Guide\n\n## Before you start {#before}\n\nRead this.\n", "utf-8")
    (ru_project / "docs/guide.ru.md").write_text("# Руководство\n\n## Прежде чем начать\n\nПрочитайте.\n", "utf-8")
    result = build_in_process(ru_project)
    assert result.returncode != 0
    assert "docs/guide.ru.md:1: the translation lacks the anchor {#before} of its original guide.md" in result.stderr


# A Ukrainian interface -----------------------------------------------------------------------------


def english_phrases() -> dict[str, str]:
    """Each multi-word fragment of an English interface string that Ukrainian says differently, by key."""
    from cxportal.i18n import STRINGS_DIR, read_catalogue

    english = read_catalogue(STRINGS_DIR / "en.yml")
    ukrainian = read_catalogue(STRINGS_DIR / "uk.yml")
    phrases: dict[str, str] = {}
    for key, value in english.items():
        if key.startswith("js.") or value == ukrainian.get(key):
            continue
        for text in value.values() if isinstance(value, dict) else [value]:
            for fragment in re.split(r"\{[a-z_]+\}|\*\*|\[|\]\(|\)|`[^`]*`", text):
                fragment = fragment.strip(" .,:;·—-()\"'")
                if len(fragment.split()) >= 2 and len(fragment) >= 8:
                    phrases[fragment] = key
    return phrases


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<div class="cx-quiz"[^>]*data-cx-data="[^"]*"', "<div", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_ukrainian_interface_shows_every_portal_string_in_ukrainian(fixture_project: Path):
    config = fixture_project / "mkdocs.yml"
    text = config.read_text("utf-8").replace("language: en", "language: uk")
    config.write_text(re.sub(r"\n\s*role_kinds:.*", "", text), "utf-8")  # the catalogue names the kinds
    result = build_in_process(fixture_project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = fixture_project / "site"
    content = " ".join(
        " ".join(p.read_text("utf-8").split())
        for folder in ("playbooks", "docs")
        for p in (fixture_project / folder).rglob("*.*")
        if p.suffix in (".md", ".yml")
    )
    # Interface phrases only: the fixture's own English content may say "Start here" too.
    phrases = {phrase: key for phrase, key in english_phrases().items() if phrase not in content}
    found: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        words = visible_text(page.read_text("utf-8"))
        for phrase, key in phrases.items():
            if phrase in words:
                found.setdefault(f"{key}: {phrase!r}", []).append(str(page.relative_to(site)))
    assert not found, "English interface strings on the Ukrainian site:\n" + "\n".join(
        f"{what} in {', '.join(pages[:3])}" for what, pages in sorted(found.items())
    )
    home = visible_text((site / "roles/index.html").read_text("utf-8"))
    assert "Оберіть роль" in home and "Перша лінія" in home
    assert 'export const lang = "uk";' in (site / "assets/cxportal/strings.js").read_text("utf-8")


def test_a_failing_russian_build_leaves_the_previous_site_of_both_languages(ru_project: Path):
    assert build_in_process(ru_project).returncode == 0
    before = (ru_project / "site/ru/index.html").read_text("utf-8")
    edit(ru_project / "docs/index.ru.md", 'cite("AL-1")', 'cite("AL-9")')
    result = run_mkdocs_build(ru_project)  # what a user's terminal shows, in an interpreter of its own
    assert result.returncode != 0 and "docs/index.ru.md:3: cite(): unknown code 'AL-9'" in result.stdout + result.stderr
    assert (ru_project / "site/ru/index.html").read_text("utf-8") == before
    assert (ru_project / "site/index.html").exists()
    assert not list(ru_project.glob(".site-staging-*"))


def test_check_also_checks_each_extra_language(ru_project: Path):
    edit(ru_project / "docs/index.ru.md", 'cite("AL-1")', 'cite("AL-9")')
    result = subprocess.run(
        [sys.executable, "-m", "cxportal.cli", "check", "-f", str(ru_project / "mkdocs.yml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "[ru] docs/index.ru.md:3: cite(): unknown code 'AL-9'" in result.stderr
