"""What no page may ever show a reader, checked on every page of every language of every portal we build.

The checks live in tests/reader_text.py (engine-independent); each site is built once per session
(tests/conftest.py). Each check also gets a page with the defect planted, to show it is caught.
"""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pytest

from .conftest import READER_SITES
from .reader_text import Finding, allow_list, page_findings, site_findings

_FINDINGS: dict[str, list[Finding]] = {}


def findings_of(request: pytest.FixtureRequest, name: str) -> list[Finding]:
    """Every finding on the site `name`, read once per session whichever check asks first."""
    if name not in _FINDINGS:
        _FINDINGS[name] = site_findings(request.getfixturevalue(READER_SITES[name]))
    return _FINDINGS[name]


def report(found: list[Finding], check: str) -> str:
    pages = collections.Counter(f.page for f in found)
    texts = collections.Counter(f.what[:80] for f in found)
    return (
        f"{check}: {len(found)} on {len(pages)} pages\n"
        + "\n".join(f"  {n}x {t!r}" for t, n in texts.most_common(15))
        + "\n  pages: "
        + ", ".join(p for p, _ in pages.most_common(8))
    )


@pytest.mark.parametrize("site", READER_SITES)
def test_no_page_shows_html_as_text(request, site):
    found = [f for f in findings_of(request, site) if f.check == "markup as text"]
    assert not found, report(found, "HTML tags or entities shown as text")


@pytest.mark.parametrize("site", READER_SITES)
def test_no_page_shows_front_matter_template_or_markdown_syntax(request, site):
    found = [f for f in findings_of(request, site) if f.check == "source as text"]
    assert not found, report(found, "front matter, template or Markdown syntax shown as text")


# The translated fixture is a deliberately partial translation: its untranslated page and fields fall back
# to English under a visible note, which tests/test_translations.py checks. Every other site is held to it.
FULLY_TRANSLATED = [name for name in READER_SITES if name != "translated"]


@pytest.mark.parametrize("site", FULLY_TRANSLATED)
def test_no_translated_page_shows_english(request, site):
    found = [f for f in findings_of(request, site) if f.check == "English"]
    assert not found, report(found, "English on a translated page")


def test_every_site_has_pages_in_the_languages_it_claims(request):
    # The checks above are only worth something if they read pages: the shipped portal has both languages.
    site = request.getfixturevalue("built_site")
    langs = collections.Counter(
        match.group(1)
        for p in site.rglob("*.html")
        if (match := re.search(r'<html lang="([^"]+)"', p.read_text("utf-8")))
    )
    assert langs["en"] > 100 and langs["ru"] > 100, langs


# Planted defects --------------------------------------------------------------------------------

PAGE = """<!doctype html><html lang="{lang}"><head><title>{title}</title></head>
<body><nav aria-label="{label}">…</nav><article>{body}</article>
<pre><code>&lt;strong&gt;title: {{{{ x }}}} **bold**</code></pre></body></html>"""


def findings(body: str, lang: str = "en", title: str = "Page", label: str = "Menu", tmp: Path | None = None):
    html = PAGE.format(lang=lang, title=title, label=label, body=body)
    if tmp is None:
        return page_findings(html)
    (tmp / "planted").mkdir()
    (tmp / "planted" / "index.html").write_text(html, "utf-8")
    return site_findings(tmp)


def checks(found: list[Finding]) -> set[str]:
    return {f.check for f in found}


def test_a_clean_page_passes_and_code_blocks_may_show_syntax():
    assert findings("<p>Total: <strong>2 h 41 min</strong> of 3 h. See <a href='x/'>5P-2</a>.</p>") == []
    ru = "<p>Итого: <strong>2 ч 41 мин</strong> из 3 ч. Модель 5P, код <span>5P-2</span>, SCORM.</p>"
    assert findings(ru, lang="ru", title="Страница", label="Меню") == []


@pytest.mark.parametrize(
    "planted",
    [
        "<p>Total: &lt;strong&gt;2 h 41 min&lt;/strong&gt; of 3 h</p>",  # the path pages' regression
        '<dd>See &lt;a class="cx-cite-link" href="../x/"&gt;5P-2&lt;/a&gt;.</dd>',  # the glossary's
        "<p>Redirecting to &lt;a href=&quot;../x/&quot;&gt;5P-2&lt;/a&gt;</p>",  # the /go/ pages'
        "<p>Tom &amp;amp; Jerry</p>",  # an entity escaped twice
    ],
)
def test_html_shown_as_text_is_caught(planted, tmp_path):
    found = findings(planted, tmp=tmp_path)
    assert checks(found) == {"markup as text"}, found
    assert found[0].page == "planted/index.html"


@pytest.mark.parametrize(
    "planted",
    [
        # the Playbooks tab's own front matter, in English and as the Russian site showed it
        '<hr><p>title: "All playbooks"\ndescription: "Every playbook"\nrender_macros: false</p><hr>',
        '<p>title: "\\u0412\\u0441\\u0435 \\u043f\\u043b\\u0435\\u0439\\u0431\\u0443\\u043a\\u0438"</p>',
        "<p>Your score: {{ score }}</p>",
        "<p>{% if passed %}Well done{% endif %}</p>",
        "<p>Read the **summary** first.</p>",
        "<p>See [the playbook](../x/) for more.</p>",
        "<p>Leaders { .cx-lead } first</p>",
        "<p>:material-rocket: Start here</p>",
        "<p>*[CX]: customer experience</p>",
        "<td>## Summary</td>",
    ],
)
def test_front_matter_template_and_markdown_shown_as_text_are_caught(planted, tmp_path):
    found = findings(planted, tmp=tmp_path)
    assert checks(found) == {"source as text"}, found


@pytest.mark.parametrize(
    ("body", "title", "label"),
    [
        ("<p>Итого: 2 ч 41 мин</p>", "CX Playbooks", "Меню"),  # the site name in <title>
        ("<p>Итого: 2 ч 41 мин</p>", "Страница", "Switch to dark mode"),  # a palette toggle's label
        ('<p><input placeholder="Search"></p>', "Страница", "Меню"),
        ("<footer>CX office · internal training portal</footer>", "Страница", "Меню"),
        ("<p>Q1: 31 points</p>", "Страница", "Меню"),  # a chart's unit
        ("<svg><text>Front line</text><text>Back office</text></svg>", "Страница", "Меню"),  # a diagram
        ('<p><img alt="How each role shapes the customer experience" src="x.png"></p>', "Страница", "Меню"),
    ],
)
def test_english_on_a_russian_page_is_caught(body, title, label, tmp_path):
    found = findings(body, lang="ru", title=title, label=label, tmp=tmp_path)
    assert checks(found) == {"English"}, found
    # The same page in English is fine.
    assert findings(body, title=title, label=label) == []


def test_english_marked_as_english_on_a_russian_page_is_not_counted():
    # A glossary headword in Russian with its English term beside it, marked with its language.
    body = '<dt>Клиентский опыт <span lang="en">(customer experience, the whole of it)</span></dt>'
    assert findings(body, lang="ru", title="Глоссарий", label="Меню") == []


def test_every_allowed_text_says_why():
    entries = allow_list()
    assert entries and all(len(entry.reason) > 20 for entry in entries)


# Two of the engine's templates as they were when the regressions were reported (issue 19), reduced to the
# faulty lines: HTML built as a plain string, and a second front-matter block.
OLD_TEMPLATES = {
    "pages/path.md": """{% set meta = {"title": ui("path.heading", role=role.name | t, kind=ui("path_kind." ~ path.kind))} %}
# {{ meta.title }}

<p class="cx-path__total">{{ ui("path.total_of", total="<strong>" ~ (total | minutes) ~ "</strong>", budget=budget | minutes) }}</p>
""",
    "pages/playbooks_index.md": """---
title: {{ ui("playbooks.title") | tojson }}
render_macros: false
---

# {{ ui("playbooks.title") }}
""",
}


def test_the_checks_catch_the_regressions_planted_in_a_real_build(tmp_path):
    """The faulty templates laid over the fixture portal as a project's template overrides: the built
    site shows HTML and front matter as text, and the checks say on which pages."""
    from .conftest import make_project, run_mkdocs_build

    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1), "utf-8")
    for template, text in OLD_TEMPLATES.items():
        (project / "overrides" / "cxportal" / template).parent.mkdir(parents=True, exist_ok=True)
        (project / "overrides" / "cxportal" / template).write_text(text, "utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    found = site_findings(project / "site")
    tags = {f.page for f in found if f.check == "markup as text"}
    front = {f.page for f in found if f.check == "source as text"}
    assert "roles/agent/onboarding/index.html" in tags, found
    assert front == {"playbooks/index.html"}, found
