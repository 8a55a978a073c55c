"""The interface string catalogue: complete in every language, right plural forms, project overrides."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from cxportal.i18n import PLACEHOLDER, STRINGS_DIR, Strings, is_language_tag, read_catalogue
from cxportal.loader import load_content
from cxportal.model import Text

LANGUAGES = sorted(p.stem for p in STRINGS_DIR.glob("*.yml"))
ENGLISH = read_catalogue(STRINGS_DIR / "en.yml")


def test_the_engine_ships_english_russian_and_ukrainian():
    assert {"en", "ru", "uk"} <= set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_is_in_every_language(lang):
    catalogue = read_catalogue(STRINGS_DIR / f"{lang}.yml")
    missing = sorted(set(ENGLISH) - set(catalogue))
    unknown = sorted(set(catalogue) - set(ENGLISH))
    assert not missing, f"{lang}.yml lacks {missing}"
    assert not unknown, f"{lang}.yml has keys English does not: {unknown}"
    empty = [key for key, value in catalogue.items() if not value]
    assert not empty, f"{lang}.yml has empty strings: {empty}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_translations_keep_the_placeholders_and_every_plural_form(lang):
    catalogue = read_catalogue(STRINGS_DIR / f"{lang}.yml")
    needed_forms = {"one", "few", "many", "other"} if lang in ("ru", "uk") else {"one", "other"}
    for key, english in ENGLISH.items():
        theirs = catalogue[key]
        english_text = " ".join(english.values()) if isinstance(english, dict) else english
        their_text = " ".join(theirs.values()) if isinstance(theirs, dict) else theirs
        assert set(PLACEHOLDER.findall(their_text)) == set(PLACEHOLDER.findall(english_text)), key
        if isinstance(english, dict):
            assert isinstance(theirs, dict) and needed_forms <= set(theirs), f"{lang}: {key} needs {needed_forms}"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", {1: "1 question", 2: "2 questions", 5: "5 questions", 21: "21 questions"}),
        ("ru", {1: "1 вопрос", 2: "2 вопроса", 5: "5 вопросов", 11: "11 вопросов", 21: "21 вопрос", 22: "22 вопроса"}),
        ("uk", {1: "1 питання", 3: "3 питання", 5: "5 питань", 21: "21 питання", 25: "25 питань"}),
    ],
)
def test_plural_forms_follow_the_language(lang, expected):
    ui = Strings(lang)
    assert {n: ui("count.questions", count=n) for n in expected} == expected


def test_dates_durations_and_numbers_in_the_readers_locale():
    assert Strings("en").date(dt.date(2026, 11, 23)) == "November 23, 2026"
    assert " ".join(Strings("ru").date("2026-11-23").split()) == "23 ноября 2026 г."
    assert " ".join(Strings("uk").date("2026-11-23").split()) == "23 листопада 2026 р."
    assert Strings("ru").minutes(95) == "1 ч 35 мин"
    assert Strings("uk").minutes(40) == "40 хв"
    assert Strings("ru").number(1234.5) == "1\xa0234,5"
    assert Strings("ru")("js.quiz.score", score=3, max=4) == "Баллы: 3 из 4."


def test_a_project_overrides_and_adds_strings(tmp_path: Path):
    (tmp_path / "ru.yml").write_text('nav.quizzes: Проверка знаний\nteam.motto: "Клиент — {who}"\n', "utf-8")
    ui = Strings("ru", (tmp_path,))
    assert ui("nav.quizzes") == "Проверка знаний"
    assert ui("team.motto", who="главный") == "Клиент — главный"
    assert ui("nav.roles") == "Роли"  # everything else from the engine


def test_an_unknown_language_falls_back_to_its_base_language_then_english():
    assert Strings("ru-RU")("nav.roles") == "Роли"
    assert Strings("pt-BR")("nav.roles") == "Roles"
    ui = Strings("ru")
    assert ui("no.such.key") == "no.such.key" and "no.such.key" in ui.missing


def test_the_browser_module_carries_every_browser_string():
    module = Strings("uk").browser_module()
    assert 'export const lang = "uk";' in module
    assert '"quiz.check": "Перевірити"' in module
    assert all(f'"{key[3:]}"' in module for key in ENGLISH if key.startswith("js."))


@pytest.mark.parametrize("tag", ["en", "ru", "uk", "pt-BR", "zh-Hant", "es-419", "sr-Latn-RS"])
def test_language_tags_of_any_bcp47_shape_are_accepted(tag):
    assert is_language_tag(tag)


@pytest.mark.parametrize("tag", ["russian", "RU", "ru_RU", "r", "ru-"])
def test_malformed_language_tags_are_refused(tag):
    assert not is_language_tag(tag)


def test_text_fields_resolve_by_the_pages_language_with_english_fallback():
    text = Text({"en": "Agent", "pt-BR": "Atendente", "ru": "Оператор"})
    assert text.get("ru") == "Оператор" and text.has("ru")
    assert text.get("pt-BR") == "Atendente"
    assert text.get("uk") == "Agent" and not text.has("uk")
    assert Text({"en": "Agent", "pt": "Atendente"}).get("pt-BR") == "Atendente"


def test_a_role_may_use_any_language_code_but_not_a_malformed_one(fixture_project: Path):
    role = fixture_project / "playbooks" / "roles" / "agent.yml"
    role.write_text(
        role.read_text("utf-8").replace("name: Agent", "name: {en: Agent, pt-BR: Atendente, de: Agent}"), "utf-8"
    )
    loaded = load_content(fixture_project / "playbooks", fixture_project)
    assert not loaded.problems
    assert next(r for r in loaded.roles if r.id == "agent").name.get("pt-BR") == "Atendente"
    role.write_text(role.read_text("utf-8").replace("pt-BR: Atendente", "Portuguese: Atendente"), "utf-8")
    problems = [str(p) for p in load_content(fixture_project / "playbooks", fixture_project).problems]
    assert any(re.search(r"agent\.yml:\d+: 'name\.Portuguese' is not a BCP 47 language tag", p) for p in problems), (
        problems
    )
