"""cxportal as a package another team adopts: init, a non-CX project, settings, links, check == build."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cxportal.cli import main

from .conftest import build_in_process, run_mkdocs_build

LIBRARY = Path(__file__).resolve().parent / "fixtures" / "library"
# Words of this repository's CX content that must never reach another organisation's portal.
CX_WORDS = re.compile(
    r"customer|\bCX\b|5P|5I|silo|boot camp|problem zone|back office|front line|CX office", re.IGNORECASE
)


def init_project(tmp_path: Path, overlay: Path | None = None) -> Path:
    """`cxportal init`, then the fixture's own content on top (nothing from the engine is copied)."""
    project = tmp_path / "portal"
    result = CliRunner().invoke(main, ["init", str(project), "--name", "Riverside Library onboarding"])
    assert result.exit_code == 0, result.output
    if overlay is not None:
        shutil.copytree(overlay, project, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    return project


def check(project: Path, *args: str):
    return CliRunner().invoke(main, ["check", "-f", str(project / "mkdocs.yml"), *args])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def broken_hrefs(site: Path) -> list[tuple[str, str]]:
    """Every <a href> of the built site that leads to no file or no anchor."""
    site = site.resolve()
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in sorted(site.rglob("*.html")):
        for href in re.findall(r'<a\b[^>]*?\shref="([^"]*)"', page.read_text("utf-8")):
            href = html.unescape(href)
            if not href or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", href):
                continue
            path, _, fragment = href.partition("#")
            path = path.split("?")[0]
            if path.startswith("/"):
                target = (site / path.lstrip("/")).resolve()
            else:
                target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append((str(page.relative_to(site)), href))
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'\sid="([^"]*)"', target.read_text("utf-8")))
                if fragment not in ids[target]:
                    broken.append((str(page.relative_to(site)), href))
    return broken


def test_init_builds_strictly_the_first_time(tmp_path: Path):
    project = init_project(tmp_path)
    for path in (
        "mkdocs.yml",
        "docs/index.md",
        "playbooks/welcome.md",
        "playbooks/roles/new-colleague.yml",
        "playbooks/quizzes/welcome.yml",
        "schemas/role.schema.json",
        # The card's layout: the project's own macros module and its theme overrides.
        "macros/__init__.py",
        "overrides/cxportal/strings/en.yml",
    ):
        assert (project / path).is_file(), path
    # The scaffolds' schema lines point at files that exist in the project.
    for yml in (project / "playbooks").rglob("*.yml"):
        first = yml.read_text().splitlines()[0]
        schema = first.split("$schema=", 1)[1]
        assert (yml.parent / schema).resolve().is_file(), first
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert check(project).exit_code == 0
    page = (project / "site/playbooks/welcome/index.html").read_text()
    # The Markdown settings the portal needs were added by the plugin: anchored item headings,
    # no literal attribute lists.
    assert 'id="wel-1"' in page and "{ #" not in page and "{#" not in page
    assert 'class="cx-quiz' in page
    # The example macros state facts from the content and mkdocs.yml, in words, with the plural the count needs.
    home = re.sub(r"\s+", " ", (project / "site/index.html").read_text())
    assert "This portal has 1 playbook so far, and your first path is planned to fit within 3 hours." in home


def test_a_non_cx_portal_gets_every_generated_page(library_site: Path):
    for page in (
        "roles/index.html",
        "roles/desk-lead/index.html",
        "roles/desk-lead/onboarding/index.html",
        "roles/new-colleague/refresher/index.html",
        "quizzes/index.html",
        "quizzes/lending/index.html",
        "codes/index.html",
        "changes/index.html",
        "manager/index.html",
        "playbooks/lending/card/index.html",
        "opening-hours/index.html",
    ):
        assert (library_site / page).is_file(), page
    assert "playbooks/lending/index.html#lend-1" in (library_site / "go/lend-1/index.html").read_text()
    roles = (library_site / "roles/index.html").read_text()
    # Kinds and their titles come from the project's role_kinds, in its order.
    assert roles.index("Desk staff") < roles.index("Team leads")
    # Checklists and content tabs render (extensions the plugin added).
    lending = (library_site / "playbooks/lending/index.html").read_text()
    assert 'type="checkbox"' in lending and "[ ]" not in lending
    assert 'class="tabbed-set' in lending
    # A page in docs/ with a name the engine does not know is in the navigation.
    assert 'href="opening-hours/"' in (library_site / "index.html").read_text()


def test_a_template_in_custom_dir_replaces_the_packaged_one(library_site: Path):
    page = (library_site / "opening-hours/index.html").read_text()
    assert 'class="cx-cite library-cite" href="../playbooks/lending/#lend-2">LEND-2</a>' in page


def test_no_word_of_the_cx_content_reaches_another_portal(library_site: Path):
    found = {}
    for page in library_site.rglob("*.html"):
        text = re.sub(r"<script\b.*?</script>|<[^>]+>", " ", page.read_text("utf-8"), flags=re.S)
        words = set(CX_WORDS.findall(text))
        if words:
            found[str(page.relative_to(library_site))] = sorted(words)
    assert not found, found


def test_every_link_resolves_without_directory_urls(tmp_path: Path):
    project = init_project(tmp_path, LIBRARY)
    edit(project / "mkdocs.yml", "site_name:", "use_directory_urls: false\nsite_name:")
    result = build_in_process(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    assert (site / "roles/desk-lead.html").is_file()
    assert 'href="../playbooks/lending.html#lend-2"' in (site / "roles/desk-lead.html").read_text()
    assert broken_hrefs(site) == []
    assert (site / "go/lend-1/index.html").read_text().count("../../playbooks/lending.html#lend-1") >= 1


# Each way to break a project: what the build says, and check must fail on it too.
BREAKAGES = {
    "unknown macro argument": (
        "docs/opening-hours.md",
        'cite("LEND-2")',
        'cite("LEND-9")',
        "docs/opening-hours.md:3: cite(): unknown code",
    ),
    "macro syntax error": (
        "docs/opening-hours.md",
        'cite("LEND-2") }}',
        'cite("LEND-2" }}',
        "docs/opening-hours.md:3: macro error",
    ),
    "broken internal link": (
        "docs/opening-hours.md",
        "The library opens",
        '<a href="../playbooks/lending/#no-such-anchor">Lending</a> The library opens',
        "docs/opening-hours.md:3: link '../playbooks/lending/#no-such-anchor'",
    ),
    "misspelt plugin option": (
        "mkdocs.yml",
        "role_kinds:",
        "budget: {onboarding: 60}\n      role_kinds:",
        "mkdocs.yml:9: unknown cxportal option 'budget' (did you mean 'budgets'?)",
    ),
    "conflicting Markdown setting": (
        "mkdocs.yml",
        "plugins:",
        "markdown_extensions:\n  - pymdownx.tabbed:\n      alternate_style: false\nplugins:",
        "pymdownx.tabbed: alternate_style is False; the portal needs True",
    ),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_check_fails_on_everything_the_strict_build_fails_on(tmp_path: Path, name: str):
    path, old, new, message = BREAKAGES[name]
    project = init_project(tmp_path, LIBRARY)
    edit(project / path, old, new)
    checked = check(project)
    assert checked.exit_code == 1, checked.output
    assert message in checked.output
    assert "Traceback" not in checked.output
    built = build_in_process(project)
    assert built.returncode != 0
    assert message in built.stdout + built.stderr
    assert "Traceback" not in built.stdout + built.stderr


def test_mkdocs_macros_settings_are_fixed_and_authors_keep_their_own_macros(tmp_path: Path):
    project = init_project(tmp_path, LIBRARY)
    # The author's own macro beside the examples `cxportal init` wrote into macros/__init__.py;
    # mkdocs-macros is listed with its default Jinja comment "{#", which would swallow {#anchor} headings.
    edit(
        project / "macros/__init__.py",
        "def define_env(env: Any) -> None:\n",
        "def define_env(env: Any) -> None:\n    @env.macro\n    def shout(text):\n        return text.upper()\n\n",
    )
    assert "  - macros:\n      module_name: macros" in (project / "mkdocs.yml").read_text()
    edit(project / "docs/opening-hours.md", "The library", "{{ shout('late') }}. The library")
    result = build_in_process(project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project / "site/opening-hours/index.html").read_text()
    assert "LATE." in page and "library-cite" in page
    assert 'id="first-shift"' in (project / "site/playbooks/lending/index.html").read_text()


def test_intranet_theme_font_is_named_with_its_fix(tmp_path: Path):
    project = init_project(tmp_path)
    edit(project / "mkdocs.yml", "  font: false", "  font: {text: Roboto}")
    result = build_in_process(project)
    assert result.returncode != 0
    assert "set `font: false` under `theme:`" in result.stdout + result.stderr


def test_schema_command_writes_every_schema(tmp_path: Path):
    result = CliRunner().invoke(main, ["schema", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == [
        "glossary.schema.json",
        "playbook.schema.json",
        "quiz.schema.json",
        "role.schema.json",
        "season.schema.json",
    ]


def test_the_package_ships_every_file_it_needs():
    """`pip install` (not only an editable install) must carry the templates, theme, assets and schemas."""
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parent.parent
    globs = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["cxportal"]
    package = root / "cxportal"
    for path in package.rglob("*"):
        if path.is_dir() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(package).as_posix()
        # setuptools' "**/" also matches no folder at all.
        assert any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(rel, g.replace("**/", "")) for g in globs), rel


def test_the_macros_work_as_a_pluglet_without_the_plugin(tmp_path: Path):
    """The migration path to builders that run mkdocs-macros' define_env but no MkDocs plugins."""
    project = init_project(tmp_path)
    (project / "mkdocs.yml").write_text(
        "site_name: No plugin\ntheme: {name: material, font: false}\n"
        'plugins:\n  - macros:\n      modules: [cxportal.macros]\n      j2_comment_start_string: "{##"\n'
        '      j2_comment_end_string: "##}"\n'
        "extra:\n  cxportal: {role_kinds: {staff: Staff}}\n"
    )
    # The project's own macros (macros/) read the portal through the plugin (cxportal.api): not here.
    home = project / "docs/index.md"
    home.write_text(home.read_text().split("This portal has")[0] + '\n{{ role_card("new-colleague") }}\n')
    result = build_in_process(project, strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'href="playbooks/welcome/#wel-1" data-cx-code="WEL-1"' in (project / "site/index.html").read_text()


def test_a_main_html_of_ones_own_extends_the_portals(tmp_path: Path):
    project = init_project(tmp_path, LIBRARY)
    main_html = project / "overrides/main.html"
    main_html.write_text('{% extends "base.html" %}\n{% block announce %}Library news{% endblock %}\n')
    result = build_in_process(project)
    assert result.returncode != 0
    assert "overrides/main.html:1: replaces the portal's main.html" in result.stdout + result.stderr
    main_html.write_text('{% extends "cxportal/main.html" %}\n{% block announce %}Library news{% endblock %}\n')
    result = build_in_process(project)
    assert result.returncode == 0, result.stdout + result.stderr
    home = (project / "site/index.html").read_text()
    assert "Library news" in home and "assets/cxportal/cxportal.css" in home


def test_a_broken_template_override_is_named_with_its_line(tmp_path: Path):
    project = init_project(tmp_path, LIBRARY)
    override = project / "overrides/cxportal/pages/role.md"
    override.parent.mkdir(parents=True)
    override.write_text("---\ntitle: x\n---\n\n# {{ role.nickname }}\n")
    message = "overrides/cxportal/pages/role.md:5: template error while rendering roles/"
    checked = check(project)
    assert checked.exit_code == 1 and message in checked.output
    built = build_in_process(project)
    assert built.returncode != 0 and message in built.stdout + built.stderr
    assert "Traceback" not in built.stdout + built.stderr


def test_the_other_portal_speaks_russian_when_its_theme_does(tmp_path: Path):
    """theme.language: ru turns the whole interface Russian, Material's chrome and the portal's strings alike."""
    project = init_project(tmp_path, LIBRARY)
    edit(project / "mkdocs.yml", "  name: material\n", "  name: material\n  language: ru\n")
    result = build_in_process(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    roles = (site / "roles/index.html").read_text("utf-8")
    assert "Все роли" in roles and "All roles" not in roles
    assert 'export const lang = "ru";' in (site / "assets/cxportal/strings.js").read_text("utf-8")
    assert "Коды" in (site / "codes/index.html").read_text("utf-8")
