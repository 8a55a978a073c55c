"""The shipped portal's Russian site: every code, anchor and short link of the English site, in Russian."""

from __future__ import annotations

import html
import re
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
    """Except a page whose front matter keeps it to English (languages: [en])."""
    from cxportal.plugin.languages import page_languages

    english_only = {
        Path(p.stem if p.stem != "index" else "") / "index.html"
        for p in (ROOT / "docs").glob("*.md")
        if (only := page_languages(p)) is not None and "ru" not in only
    }
    assert english_only == {Path("architecture/index.html")}
    english = {r for p in built_site.rglob("index.html") if (r := p.relative_to(built_site)).parts[0] != "ru"}
    russian = {p.relative_to(built_site / "ru") for p in (built_site / "ru").rglob("index.html")}
    assert english - russian == english_only


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
        ("leadership-5p", "five-p", "Purposeful leader", "Лидер, ориентированный на цель"),
        ("engagement-5i", "five-i", "Know what is", "Информируйте"),
        ("cx-maturity", "maturity-ladder", "Six stages on the way", "Шесть этапов на пути"),
        ("customer-connectedness", "voc-cycle", "Immediate", "Мгновенное"),
        ("back-office-cx", "service-blueprint", "line of visibility", "линия видимости"),
        ("silo-problem-zones", "silo-zones", "Between", "Между отделами"),
    ],
)
def test_diagrams_on_russian_pages_are_in_russian(built_site: Path, playbook_id, name, english, russian):
    """A diagram's <name>.ru.svg is drawn on the Russian page; the English page keeps the original."""
    ru = (built_site / "ru" / "playbooks" / playbook_id / "index.html").read_text("utf-8")
    en = (built_site / "playbooks" / playbook_id / "index.html").read_text("utf-8")
    assert f'data-cx-diagram="{name}"' in ru and russian in ru and english not in ru
    assert english in en and russian not in en


# The Russian site speaks Russian: each leak a reader met, held by its own check ---------------------

CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def ru_pages(built_site: Path) -> list[Path]:
    return sorted((built_site / "ru").rglob("*.html"))


def visible(html_text: str) -> str:
    """A page's text and the attributes a reader meets, without scripts, styles and code examples."""
    html_text = re.sub(r"<(script|style|pre|code)\b.*?</\1>", " ", html_text, flags=re.S)
    attrs = " ".join(re.findall(r'\b(?:title|aria-label|alt|placeholder)="([^"]*)"', html_text))
    return html.unescape(re.sub(r"<[^>]+>", " ", html_text) + " " + attrs)


def test_the_russian_sites_name_footer_palette_and_search_are_russian(built_site: Path):
    pages = ru_pages(built_site)
    assert len(pages) > 80
    for page in pages:
        text = page.read_text("utf-8")
        if 'class="md-header' not in text:
            continue  # short-link redirects have no header
        seen = visible(text)
        for english in ("Switch to dark mode", "Switch to light mode", "CX office", "CX Playbooks"):
            assert english not in seen, (page, english)
        assert "Плейбуки клиентского опыта" in seen, page
        assert "Включить тёмную тему" in seen and "Включить светлую тему" in seen, page
        if 'data-md-component="search"' in text:
            assert 'role="dialog" aria-label="Поиск"' in text, page
    footer = (built_site / "ru/index.html").read_text("utf-8")
    assert "Отдел клиентского опыта · внутренний учебный портал" in footer
    english = (built_site / "index.html").read_text("utf-8")
    assert "CX office · internal training portal" in english and "Switch to dark mode" in english


def test_start_here_names_each_roles_paths_in_russian(built_site: Path):
    ru = visible((built_site / "ru/start-here/index.html").read_text("utf-8"))
    en = visible((built_site / "start-here/index.html").read_text("utf-8"))
    assert en.count("Onboarding path") >= 10 and en.count("Refresher path") >= 10
    assert "Onboarding path" not in ru and "Refresher path" not in ru
    assert len(re.findall(r"Адаптация\s+\(", ru)) >= 10 and len(re.findall(r"Повторение\s+\(", ru)) >= 10


def test_season_units_are_russian_words(built_site: Path):
    page = (built_site / "ru/season/index.html").read_text("utf-8")
    seen = visible(page)
    for english in ("points", "hours", "per cent"):
        assert not re.search(rf"\b{english}\b", seen), english
    assert "41 пункт" in seen and "33 часа" in seen and "79 %" in seen
    assert "В единицах: проценты" in seen


def test_role_examples_intro_quiz_stale_note_and_checklists_come_from_the_catalogue(built_site: Path):
    for page in ru_pages(built_site):
        seen = visible(page.read_text("utf-8"))
        assert "How each role shapes" not in seen, page
        assert "To do:" not in seen and "Done:" not in seen, page
    quiz_js = (ROOT / "cxportal/assets/quiz.js").read_text("utf-8")
    assert "out of date" not in quiz_js  # the quiz summary's note is js.quiz.result_stale
    strings_js = (built_site / "ru/assets/cxportal/strings.js").read_text("utf-8")
    assert '"quiz.result_stale": "{result} · устарел: тест изменился"' in strings_js


def test_owners_are_named_in_russian(built_site: Path):
    page = visible((built_site / "ru/playbooks/leadership-5p/index.html").read_text("utf-8"))
    assert "Ответственный: Отдел клиентского опыта" in page and "CX office" not in page


def test_glossary_headwords_are_russian_with_the_english_term_beside(built_site: Path):
    page = html.unescape((built_site / "ru/glossary/index.html").read_text("utf-8"))
    headwords = re.findall(r"<dt>(.*?)</dt>", page, re.S)
    assert len(headwords) > 20
    for headword in headwords:
        assert CYRILLIC.search(headword) or re.match(r"^[0-9][A-Z]", headword), headword  # 5P and 5I stay
    assert (
        '<dt>Обслуживание клиентов <span class="cx-glossary__english" lang="en">(customer service)</span></dt>' in page
    )
    # A loanword is the English term already (english_beside: false in glossary.yml).
    assert "<dt>Бэк-офис</dt>" in page
    assert "<dt>Клиентский опыт (CX)</dt>" in page  # the English term is in the name already
    assert "<dd>То, как клиенты воспринимают компанию" in page
    english = (built_site / "glossary/index.html").read_text("utf-8")
    assert "<dt>back office</dt>" in english


def test_the_english_hover_text_of_5p_and_5i_carries_no_translators_note(built_site: Path):
    page = (built_site / "playbooks/leadership-5p/index.html").read_text("utf-8")
    hover = re.findall(r'<abbr title="([^"]*)">5[PI]</abbr>', page)
    assert hover, "the 5P glossary term shows on hover"
    assert not any(CYRILLIC.search(html.unescape(h)) or "Russian" in h for h in hover), hover


def test_interpretation_boxes_carry_the_label_the_sources_note_quotes(built_site: Path):
    for site, label in ((built_site / "ru", "Трактовка портала, не источника"), (built_site, "The portal's reading")):
        boxes = 0
        for page in sorted((site / "playbooks").glob("*/index.html")):
            text = html.unescape(page.read_text("utf-8"))
            titles = re.findall(
                r'<div class="admonition interpretation">\s*<p class="admonition-title">(.*?)</p>', text
            )
            boxes += len(titles)
            assert set(titles) <= {label}, (page, set(titles))
            note = re.search(r'<p class="cx-sources__note">(.*?)</p>', text, re.S)
            if titles and note:
                assert f"«{label}»" in note.group(1) or f"“{label}”" in note.group(1), (page, note.group(1))
        assert boxes > 5, site


def test_the_developers_page_is_not_on_the_russian_site_and_its_switcher_leads_home(built_site: Path):
    assert (built_site / "architecture/index.html").is_file()
    assert not (built_site / "ru/architecture").exists()
    for page in ru_pages(built_site):
        assert "architecture/" not in page.read_text("utf-8"), page
    english = (built_site / "architecture/index.html").read_text("utf-8")
    switcher = dict(
        (lang, href)
        for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)"[^>]*data-cx-language', english)
    )
    assert switcher["ru"] == "../ru/"


def test_the_authors_guide_is_russian(built_site: Path):
    page = (built_site / "ru/authoring/index.html").read_text("utf-8")
    assert "<h1" in page and "Как писать материалы" in page
    assert "Эта страница ещё не переведена" not in page
    prose = visible(page)
    english_words = re.findall(r"\b(?:the|and|of|to|is|with|your|this|that)\b", prose)
    assert len(english_words) <= 3, english_words


@pytest.mark.parametrize(
    "playbook, diagram, russian",
    [
        ("leadership-5p", "five-p", "Лидер, ориентированный на цель"),
        ("engagement-5i", "five-i", "Вовлечённость сотрудников"),
        ("cx-maturity", "maturity-ladder", "Операционные преобразования"),
        ("customer-connectedness", "voc-cycle", "Мгновенное реагирование"),
        ("silo-problem-zones", "silo-zones", "Совпадение целей"),
        ("back-office-cx", "service-blueprint", "линия видимости"),
    ],
)
def test_each_diagram_is_russian_on_the_russian_site_in_both_layouts(
    built_site: Path, playbook: str, diagram: str, russian: str
):
    page = (built_site / "ru/playbooks" / playbook / "index.html").read_text("utf-8")
    figure = re.search(rf'<figure class="cx-diagram[^"]*" data-cx-diagram="{diagram}">(.*?)</figure>', page, re.S)
    assert figure, diagram
    layouts = re.findall(r'cx-diagram__layout--(wide|narrow)">(<svg.*?</svg>)', figure.group(1), re.S)
    assert [name for name, _ in layouts] == ["wide", "narrow"]
    for _name, svg in layouts:
        texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
        assert russian in " ".join(texts)
        latin_only = [t for t in texts if not CYRILLIC.search(t) and re.search(r"[a-z]{4}", t)]
        # The English names of the 5P and 5I habits are kept, as the playbooks keep them.
        assert all(re.fullmatch(r"[A-Z][a-z]+( — .*)?", t) for t in latin_only), latin_only


def test_diagram_text_is_large_enough_for_a_phone_and_for_print():
    """Wide layouts: 11 units or more in a viewBox up to 720 wide (7 pt and more when printed);
    narrow layouts: 12 or more in a viewBox up to 360 (11 px and more in a 390 px phone's column)."""
    folder = ROOT / "playbooks/diagrams"
    files = sorted(folder.glob("*.svg"))
    assert len(files) == 24  # six diagrams, English and Russian, wide and narrow
    for svg in files:
        text = svg.read_text("utf-8")
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', text).group(1))
        sizes = [float(s) for s in re.findall(r'<text[^>]*font-size="([\d.]+)"', text)]
        assert sizes, svg.name
        narrow = svg.name.endswith(".narrow.svg")
        assert width <= (360 if narrow else 720), svg.name
        assert min(sizes) >= (12 if narrow else 11), (svg.name, min(sizes))


def test_a_third_language_is_catalogue_data_only(tmp_path: Path):
    """Ukrainian built beside English: Material's palette toggles, the search dialog, the group label of
    a long playbook list and the site's name come from uk catalogues, and a page kept to English stays out."""
    from .conftest import make_project
    from .test_build import build_ok
    from .test_navigation_size import NAV_GROUP_SIZE

    project = make_project(tmp_path)
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(
        mkdocs_yml.read_text("utf-8").replace(
            '      version: "2026.11"\n', '      version: "2026.11"\n      languages: [uk]\n'
        ),
        "utf-8",
    )
    (project / "strings").mkdir()
    (project / "strings/uk.yml").write_text(
        "site.name: Плейбуки клієнтського досвіду\nsite.copyright: Відділ клієнтського досвіду\n", "utf-8"
    )
    (project / "docs/notes.md").write_text("---\ntitle: Developer notes\nlanguages: [en]\n---\n\n# Notes\n", "utf-8")
    for n in range(NAV_GROUP_SIZE + 1):
        (project / f"playbooks/extra-{n:02d}.md").write_text(
            f"---\nid: extra-{n:02d}\ntitle: Extra {n:02d}\nsummary: Extra playbook {n}.\naudiences: [agent]\n"
            f'duration: 1\nversion: "1.0"\nreviewed: 2026-10-01\nowner: Test office\n---\n\n# Extra {n:02d}\n\n'
            f"## [EX{n}-1] One step\n\nA short step.\n",
            "utf-8",
        )
    site = build_ok(project)
    home = (site / "uk/index.html").read_text("utf-8")
    assert '<html lang="uk"' in home
    playbook = (site / "uk/playbooks/extra-05/index.html").read_text("utf-8")
    for ukrainian in (
        "Плейбуки клієнтського досвіду",
        "Відділ клієнтського досвіду",
        "Увімкнути темну тему",
        'aria-label="Пошук"',
    ):
        assert ukrainian in home, ukrainian
    assert "За назвою" in playbook  # the group label of a long list (navigation.prune shows it there)
    for english in ("Switch to dark mode", "Fixture portal", "By title"):
        assert english not in home and english not in playbook, english
    assert (site / "notes/index.html").is_file() and not (site / "uk/notes").exists()
    english = (site / "index.html").read_text("utf-8")
    assert "Fixture portal" in english and "Switch to dark mode" in english
    assert "By title" in (site / "playbooks/extra-05/index.html").read_text("utf-8")
    strings_js = (site / "uk/assets/cxportal/strings.js").read_text("utf-8")
    assert '"години": "h"' in strings_js  # fill-in answers read Ukrainian units on the Ukrainian site


def test_browser_modules_take_every_word_they_show_from_the_catalogue(built_site: Path):
    """A literal such as `note.textContent = "Copied ✓"` would show English on every site."""
    for module in sorted((ROOT / "cxportal/assets").glob("*.js")):
        code = module.read_text("utf-8")
        literal = re.findall(r"""(?:textContent|innerText|placeholder|title)\s*=\s*["'`][^"'`]*[A-Za-z]{3}""", code)
        assert not literal, (module.name, literal)
    strings_js = (built_site / "ru/assets/cxportal/strings.js").read_text("utf-8")
    assert '"cite.copied_mark": "Скопировано ✓"' in strings_js
