"""The portal's own macros (macros/) and the card's layout: facts on the docs pages come from the data.

The docs pages state how many playbooks and roles there are, the time budgets and last
season's figures. They are computed by this portal's macros module through `cxportal.api`,
so a change in the content or mkdocs.yml changes the pages, in each language with its plurals.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import importlib.util
import re
from pathlib import Path
from types import MappingProxyType, SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from cxportal import api
from cxportal.cli import main
from cxportal.i18n import Strings
from cxportal.model import Portal
from cxportal.plugin.config import SettingsError, load_settings
from cxportal.project import load_portal
from cxportal.settings import PortalSettings

from .conftest import ROOT, build_in_process, make_project


def text_of(page: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text("utf-8"))).split())


def test_the_docs_pages_state_the_facts_of_the_content_in_both_languages(built_site: Path):
    home, home_ru = text_of(built_site / "index.html"), text_of(built_site / "ru/index.html")
    assert "10 short guides, from our brand values" in home
    assert "12 roles across the front line" in home
    assert "planned to fit within 3 hours" in home and "planned to fit within 2 hours" in home
    assert "10 коротких плейбуков — от ценностей" in home_ru
    assert "12 ролей — первая линия" in home_ru
    assert "уложиться в 3 часа" in home_ru and "уложиться в 2 часа" in home_ru
    start_ru = text_of(built_site / "ru/start-here/index.html")
    assert "рассчитанный на 2 часа" in start_ru
    refresher = text_of(built_site / "refresher/index.html")
    assert "Net Promoter Score went from 31 to 41 over the season" in refresher
    assert "top satisfaction scores from 72% to 79%" in refresher
    assert "resolution time fell from 58 to 33 hours" in refresher
    refresher_ru = text_of(built_site / "ru/refresher/index.html")
    # Russian declines after «до»: «до 33 часов», and writes a space before the per cent sign.
    assert "NPS вырос с 31 до 41 за сезон" in refresher_ru
    assert "с 58 до 33 часов" in refresher_ru and "с 63 % до 71 %" in refresher_ru
    for page in (home, home_ru, refresher, refresher_ru):
        assert "{{" not in page and "cx-error" not in page


@functools.cache
def shipped() -> tuple[PortalSettings, Portal]:
    """This repository's settings and content, read once for the tests below (which never change them)."""
    settings = load_settings(ROOT / "mkdocs.yml")
    return settings, load_portal(settings)[0]


def portal_macros(settings_changes: dict[str, Any], lang: str, **content_changes: Any) -> dict[str, Any]:
    """This portal's macros module, defined against its real content and settings with some changed."""
    settings, portal = shipped()
    portal = dataclasses.replace(portal, **content_changes)
    plugin = SimpleNamespace(
        portal=portal,
        settings=dataclasses.replace(settings, **settings_changes),
        lang=lang,
        strings=Strings(lang, settings.strings_dirs()),
    )
    macros: dict[str, Any] = {}

    def macro(function, name=None):
        macros[name or function.__name__] = function
        return function

    env = SimpleNamespace(conf={"plugins": {"cxportal": plugin}}, macro=macro)
    spec = importlib.util.spec_from_file_location("_portal_macros_under_test", ROOT / "macros" / "__init__.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.define_env(env)
    return macros


def test_a_new_budget_or_season_changes_the_facts_in_each_language():
    budgets = MappingProxyType({"onboarding": 90, "refresher": 60})
    portal = shipped()[1]
    assert portal.season is not None
    nps = portal.season.metrics[0]
    wait = dataclasses.replace(nps, id="wait", unit="hours", quarters=(("Q1", 21.0), ("Q4", 1.0)))
    season = dataclasses.replace(portal.season, metrics=(wait,))
    en = portal_macros({"budgets": budgets}, "en", season=season)
    ru = portal_macros({"budgets": budgets}, "ru", season=season)
    assert en["budget"]("onboarding") == "1 hour 30 minutes" and en["budget"]("refresher") == "1 hour"
    assert ru["budget"]("onboarding") == "1 час 30 минут"
    assert en["season_change"]("wait") == "from 21 to 1 hour"
    assert ru["season_change"]("wait") == "с 21 до 1 часа"
    # Every macro of the module skips Jinja on pages that call it with literal arguments.
    assert all(api.is_fast(function) for function in en.values())


@pytest.mark.parametrize(
    ("count", "english", "russian"),
    [(1, "1 role", "1 роль"), (3, "3 roles", "3 роли"), (5, "5 roles", "5 ролей"), (21, "21 roles", "21 роль")],
)
def test_counts_take_the_plural_their_number_needs(count: int, english: str, russian: str):
    portal = shipped()[1]
    roles = {f"role-{i}": role for i, role in zip(range(count), list(portal.roles.values()) * 2, strict=False)}
    assert portal_macros({}, "en", roles=roles)["count"]("roles") == english
    assert portal_macros({}, "ru", roles=roles)["count"]("roles") == russian


def test_a_misspelt_fact_names_what_exists():
    macros = portal_macros({}, "en")
    with pytest.raises(ValueError, match="use one of playbooks, roles"):
        macros["count"]("playbok")
    with pytest.raises(ValueError, match="no metric 'nsp' in season.yml .*nps"):
        macros["season_change"]("nsp")


def test_the_api_says_when_the_plugin_is_missing():
    env = SimpleNamespace(conf={"plugins": {}})
    with pytest.raises(api.PortalNotLoaded, match="list the cxportal plugin"):
        api.portal(env)


# Settings and the card's layout --------------------------------------------------------------


def test_the_cli_reads_the_settings_a_build_reads():
    settings = load_settings(ROOT / "mkdocs.yml")
    assert settings.content_dir == "playbooks" and dict(settings.budgets) == {"onboarding": 180, "refresher": 120}
    assert settings.check.quiz_quality == "warn" and settings.languages == ("ru",)
    assert settings.custom_dir == (ROOT / "overrides").resolve()
    assert settings.strings_dirs() == ((ROOT / "overrides/cxportal/strings").resolve(),)
    assert list(settings.role_kinds) == ["front-line", "back-office", "leader"]


def test_a_misspelt_option_stops_every_command_with_its_line(tmp_path: Path):
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      budgets:", "      budget:"))
    with pytest.raises(SettingsError, match=r"mkdocs.yml:\d+: unknown cxportal option 'budget' \(did you mean"):
        load_settings(config)
    result = CliRunner().invoke(main, ["stats", "-f", str(config)])
    assert result.exit_code == 1 and "unknown cxportal option 'budget'" in result.output
    assert "Traceback" not in result.output


def test_strings_left_beside_overrides_are_named_with_where_they_go(tmp_path: Path):
    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  font: false", "  font: false\n  custom_dir: overrides", 1))
    (project / "overrides/cxportal/strings").mkdir(parents=True)
    (project / "overrides/cxportal/strings/en.yml").write_text("nav.quizzes: Check yourself\n")
    result = build_in_process(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Check yourself" in (project / "site/index.html").read_text()
    (project / "strings").mkdir()
    (project / "strings/en.yml").write_text("nav.quizzes: Old place\n")
    result = build_in_process(project)
    assert result.returncode != 0
    assert "strings/: the project's interface strings now live in overrides/cxportal/strings/" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_page_calling_only_fast_project_macros_is_not_compiled_by_jinja(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
):
    """`@api.fast` keeps the literal fast path for a project's own macros; other macros go to mkdocs-macros."""
    from mkdocs_macros.plugin import MacrosPlugin

    (fixture_project / "macros").mkdir()
    (fixture_project / "macros/__init__.py").write_text(
        "from cxportal import api\n\n\ndef define_env(env):\n"
        "    @env.macro\n    @api.fast\n    def fast_count():\n        return str(len(api.portal(env).content.playbooks))\n\n"
        "    @env.macro\n    def plain_count():\n        return str(len(api.portal(env).content.playbooks))\n"
    )
    config = fixture_project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - macros\n", "  - macros:\n      module_name: macros\n"))
    home = fixture_project / "docs/index.md"
    home.write_text(home.read_text() + "\nFast: {{ fast_count() }} playbooks.\n")
    (fixture_project / "docs/other.md").write_text("# Other\n\nPlain: {{ plain_count() }} playbooks.\n")
    compiled: list[str] = []
    real = MacrosPlugin.on_page_markdown

    def spy(self, markdown, page, config, **kwargs):
        if page.meta.get("render_macros", True) is not False and "{{" in markdown:
            compiled.append(page.file.src_uri)
        return real(self, markdown, page, config, **kwargs)

    monkeypatch.setattr(MacrosPlugin, "on_page_markdown", spy)
    result = build_in_process(fixture_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Fast: 2 playbooks." in text_of(fixture_project / "site/index.html")
    assert "Plain: 2 playbooks." in text_of(fixture_project / "site/other/index.html")
    assert "other.md" in compiled and "index.md" not in compiled
