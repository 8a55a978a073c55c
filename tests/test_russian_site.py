"""The shipped portal's Russian site: every code, anchor and short link of the English site, in Russian."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from cxportal.problems import errors
from cxportal.project import load_project

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def portal():
    portal, problems = load_project(ROOT)
    assert errors(problems) == []
    return portal


def test_the_shipped_translations_are_clean(portal):
    assert portal.warnings == (), [str(w) for w in portal.warnings]  # no outdated translation


def test_every_code_resolves_to_an_anchor_in_both_languages(portal, built_site: Path):
    for code, item in portal.items.items():
        for site in (built_site, built_site / "ru"):
            page = (site / "playbooks" / item.playbook_id / "index.html").read_text("utf-8")
            assert f'id="{item.anchor}"' in page, (site, code)
            assert (site / "go" / code.lower() / "index.html").exists(), (site, code)


def test_every_page_of_the_english_site_exists_in_russian(built_site: Path):
    english = {r for p in built_site.rglob("index.html") if (r := p.relative_to(built_site)).parts[0] != "ru"}
    russian = {p.relative_to(built_site / "ru") for p in (built_site / "ru").rglob("index.html")}
    assert english - russian == set()


def test_translated_playbooks_are_russian_and_the_rest_say_they_are_english(portal, built_site: Path):
    translated = portal.translations.get("ru", {})
    for playbook_id in portal.playbooks:
        page = (built_site / "ru/playbooks" / playbook_id / "index.html").read_text("utf-8")
        assert '<html lang="ru"' in page
        if playbook_id in translated:
            assert translated[playbook_id].title in page and 'class="cx-fallback"' not in page
        else:
            assert "Эта страница ещё не переведена" in page


def test_practice_activities_are_named_in_russian_on_russian_paths(portal, built_site: Path):
    """A path on the Russian site names each activity by its translation's title, as it names playbooks."""
    translated = portal.activity_translations.get("ru", {})
    assert translated, "the shipped activities have Russian translations"
    page = (built_site / "ru" / "roles" / "contact-centre-agent" / "onboarding" / "index.html").read_text("utf-8")
    english = (built_site / "roles" / "contact-centre-agent" / "onboarding" / "index.html").read_text("utf-8")
    steps = [s for s in portal.roles["contact-centre-agent"].paths["onboarding"].steps if s.kind == "activity"]
    assert steps
    for step in steps:
        assert html.escape(translated[step.target].title, quote=False) in page, step.target
        assert html.escape(portal.activities[step.target].title, quote=False) in english, step.target


@pytest.mark.parametrize(
    "page",
    ["index.html", "playbooks/leadership-5p/index.html", "ru/index.html", "ru/playbooks/leadership-5p/index.html"],
)
def test_language_links_lead_to_the_same_page_and_head_links_to_each_home(built_site: Path, page: str):
    """The switcher keeps the reader on this page; Material's script fetches sitemap.xml beside each
    <link rel="alternate"> in <head>, so those lead to each language's home, where the sitemap is."""
    import posixpath
    import re

    def resolve(href: str) -> str:
        return posixpath.normpath(posixpath.join(posixpath.dirname(page), href, "index.html"))

    text = (built_site / page).read_text("utf-8")
    links = re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([a-z]+)"', text)
    head = {lang: resolve(href) for href, lang in links}
    buttons = re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)"[^>]*data-cx-language', text)
    switcher = {lang: resolve(href) for href, lang in buttons}
    inner = page.removeprefix("ru/")
    assert switcher == {"en": inner, "ru": "ru/" + inner}
    assert head == {"en": "index.html", "ru": "ru/index.html"}
    for home in head.values():
        assert (built_site / posixpath.dirname(home) / "sitemap.xml").is_file()


@pytest.mark.parametrize(
    "playbook_id, name, english, russian",
    [
        ("leadership-5p", "five-p", "Actions match", "Ответственный:"),
        ("engagement-5i", "five-i", "Know what is", "Информируйте:"),
        ("cx-maturity", "maturity-ladder", "Six stages on the way", "Шесть этапов на пути"),
        ("customer-connectedness", "voc-cycle", "Immediate", "Мгновенное"),
        ("back-office-cx", "service-blueprint", "line of visibility", "линия видимости"),
        ("silo-problem-zones", "silo-zones", "Between departments", "Между отделами"),
    ],
)
def test_diagrams_on_russian_pages_are_in_russian(built_site: Path, playbook_id, name, english, russian):
    """A diagram's <name>.ru.svg is drawn on the Russian page; the English page keeps the original."""
    ru = (built_site / "ru" / "playbooks" / playbook_id / "index.html").read_text("utf-8")
    en = (built_site / "playbooks" / playbook_id / "index.html").read_text("utf-8")
    assert f'data-cx-diagram="{name}"' in ru and russian in ru and english not in ru
    assert english in en and russian not in en
