"""Building a site: generated pages, macro errors with file:line, and atomic builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import build_in_process, make_project


def build_ok(project: Path) -> Path:
    result = build_in_process(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built once; the tests that only read its site share it."""
    project = make_project(tmp_path_factory.mktemp("built"))
    build_ok(project)
    return project


@pytest.fixture
def built_site(built_project: Path) -> Path:
    return built_project / "site"


@pytest.fixture
def built_copy(built_project: Path, tmp_path: Path) -> Path:
    """A copy of the built project (its site included) for a test that edits it and builds again."""
    return Path(shutil.copytree(built_project, tmp_path / "project", symlinks=True))


def test_generated_pages_exist_and_carry_the_data(built_project: Path):
    site = built_project / "site"
    role = (site / "roles/agent/index.html").read_text()
    assert "Every call is the company&#39;s voice." in role or "Every call is the company's voice." in role
    assert "Alpha playbook" in role and "Onboarding" in role
    # Each path on the role page has a progress bar that knows its steps.
    assert 'data-cx-progress="agent/onboarding" data-cx-steps="playbook:alpha quiz:alpha playbook:beta"' in role
    assert 'data-cx-progress="agent/refresher" data-cx-steps="page:changes playbook:beta"' in role
    onboarding = (site / "roles/agent/onboarding/index.html").read_text()
    assert onboarding.count('class="cx-path__step"') == 3
    assert 'data-cx-step="quiz:alpha"' in onboarding
    index = (site / "roles/index.html").read_text()
    assert index.index("Front line") < index.index("Back office") < index.index("Leaders")
    assert (site / "playbooks/alpha/index.html").exists()
    assert (site / "quizzes/alpha/index.html").exists()
    assert "AL-1" in (site / "codes/index.html").read_text()
    # Generated pages are never written into the source tree.
    assert not (built_project / "docs/roles").exists()
    assert not (built_project / "docs/playbooks").exists()


def test_item_headings_get_stable_anchors_and_badges(built_site: Path):
    html = (built_site / "playbooks/alpha/index.html").read_text()
    assert 'id="al-1"' in html
    assert '<span class="cx-code">AL-1</span> First step' in html
    assert 'id="objectives"' in html


def test_macros_render_cite_role_card_path_and_examples(built_site: Path):
    site = built_site
    home = (site / "index.html").read_text()
    assert 'href="playbooks/alpha/#al-1"' in home
    assert 'data-cx-role="agent"' in home
    beta = (site / "playbooks/beta/index.html").read_text()
    assert "An agent example for beta." in beta and "A clerk example for beta." in beta
    assert 'class="tabbed-set' in beta  # role examples are content tabs by role kind
    assert beta.count('class="cx-path__step"') == 3
    alpha = (site / "playbooks/alpha/index.html").read_text()
    assert 'href="../beta/#be-1"' in alpha


def test_quiz_pages_load_quiz_assets_and_others_do_not(built_site: Path):
    site = built_site
    assert "assets/cxportal/quiz.js" in (site / "playbooks/alpha/index.html").read_text()
    assert "assets/cxportal/quiz.js" not in (site / "playbooks/beta/index.html").read_text()


def test_a_built_site_carries_no_live_reload_and_no_unsafe_inline_script(fixture_project: Path):
    site = build_ok(fixture_project)
    assert not (site / "assets/cxportal/livereload.js").exists()
    for page in ("index.html", "playbooks/alpha/index.html"):
        html = (site / page).read_text("utf-8")
        assert "livereload" not in html
        policy = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]


def test_glossary_terms_become_tooltips(fixture_project: Path):
    (fixture_project / "playbooks/glossary.yml").write_text(
        "- term: listen\n  definition: Hear what the customer says.\n"
    )
    html = (build_ok(fixture_project) / "playbooks/alpha/index.html").read_text()
    assert '<abbr title="Hear what the customer says.">listen</abbr>' in html


def test_bad_content_stops_the_build_with_every_problem_and_keeps_the_old_site(built_copy: Path):
    site = built_copy / "site"  # the last good site
    marker = site / "index.html"
    before = marker.read_text()
    (built_copy / "playbooks/roles/agent.yml").write_text(
        (built_copy / "playbooks/roles/agent.yml").read_text().replace("- playbook: alpha", "- playbook: alpah")
    )
    (built_copy / "playbooks/quizzes/check.yml").write_text("id: check\ntitle: [unclosed\n")
    result = build_in_process(built_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "playbooks/roles/agent.yml:13: unknown playbook 'alpah' (did you mean 'alpha'?)" in output
    assert "playbooks/quizzes/check.yml:3: YAML syntax error" in output
    assert "Traceback" not in output
    assert marker.read_text() == before
    assert not list(built_copy.glob(".site-staging-*"))


def test_wrong_macro_argument_is_a_build_error_with_file_and_line(built_copy: Path):
    site = built_copy / "site"  # the last good site
    before = (site / "index.html").read_text()
    path = built_copy / "docs/index.md"
    path.write_text(path.read_text() + '\nSee {{ cite("AL-7") }} and {{ quiz("alpah") }}.\n')
    result = build_in_process(built_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/index.md:5: cite(): unknown code 'AL-7'" in output
    assert "docs/index.md:5: quiz(): unknown quiz 'alpah' (did you mean 'alpha'?)" in output
    assert "Traceback" not in output
    assert (site / "index.html").read_text() == before


def test_jinja_syntax_error_in_a_page_is_reported_with_its_line(fixture_project: Path):
    path = fixture_project / "playbooks/beta.md"
    path.write_text(path.read_text().replace('{{ role_examples("beta") }}', '{{ role_examples("beta" }}'))
    result = build_in_process(fixture_project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "playbooks/beta.md:18: macro error:" in output


def test_broken_macros_module_fails_loudly_with_the_real_cause(fixture_project: Path):
    # An author's own mkdocs-macros module, beside the portal's macros.
    (fixture_project / "macros").mkdir()
    (fixture_project / "macros/helpers.py").write_text("import no_such_module_here\n")
    (fixture_project / "macros/__init__.py").write_text(
        "from . import helpers  # noqa: F401\n\n\ndef define_env(env):\n    pass\n"
    )
    config = fixture_project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - macros\n", "  - macros:\n      module_name: macros\n"))
    result = build_in_process(fixture_project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "macros/helpers.py:1: the macros module 'macros' failed to import" in output
    assert "No module named 'no_such_module_here'" in output
    assert "Traceback" not in output


def test_strict_warning_keeps_the_old_site(built_copy: Path):
    site = built_copy / "site"  # the last good site
    before = (site / "index.html").read_text()
    path = built_copy / "docs/index.md"
    path.write_text(path.read_text() + "\n![logo](https://example.com/logo.png)\n")
    result = build_in_process(built_copy)
    assert result.returncode != 0
    assert "example.com" in result.stdout + result.stderr
    assert (site / "index.html").read_text() == before
    assert not list(built_copy.glob(".site-staging-*"))


def test_short_links_redirect_to_items(built_site: Path):
    site = built_site
    for variant in ("al-1", "AL-1"):
        html = (site / "go" / variant / "index.html").read_text()
        assert "../../playbooks/alpha/index.html#al-1" in html
