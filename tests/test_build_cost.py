"""What makes builds cheaper must not change what they produce.

Each shortcut here has a slow, obvious twin (Jinja for macro calls, Markdown for
finished HTML blocks, a fresh load for content, a fresh compile for templates);
these tests hold the shortcut to the twin's result.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from cxportal.macros import COMMENT_END, COMMENT_START, expand_simple_calls, macro_environment
from cxportal.plugin.cache import ContentCache
from cxportal.stash import HtmlStash
from cxportal.template_cache import TemplateCode

from .conftest import build_in_process


def _functions() -> dict:
    return {
        "quiz": lambda quiz_id: f'<div class="q">{quiz_id}</div>',
        "path": lambda role, kind="onboarding": f"<ol>{role}/{kind}</ol>",
        "cite": lambda code: f"<a>{code}</a>",
    }


PAGES = [
    '# T {#top}\n\nText {{ cite("AL-1") }} and {{cite(\'AL-2\')}}.\n\n{{ quiz("alpha") }}\n',
    '{{ path("agent") }}\n{{ path( "agent" , \'refresher\' ) }}\n\nПривет {#якорь}\n',
    "No macros at all, only } and { braces {#anchor}\n",
    '## Head {#head}\n\n{{ quiz("a") }}',  # no trailing newline
]


@pytest.mark.parametrize("markdown", PAGES)
def test_literal_calls_expand_exactly_as_jinja_expands_them(markdown: str):
    jinja = macro_environment(_functions()).from_string(markdown).render()
    fast = expand_simple_calls(markdown, _functions(), ("{%", COMMENT_START), lambda _line: None)
    assert fast == jinja


@pytest.mark.parametrize(
    "markdown",
    [
        '{% if true %}{{ quiz("a") }}{% endif %}',  # a block tag
        f'{COMMENT_START} note {COMMENT_END}{{{{ quiz("a") }}}}',  # a comment
        "{{ config.site_name }}",  # a variable
        "{{ quiz(name) }}",  # a variable argument
        '{{ quiz("a") | upper }}',  # a filter
        '{{ my_macro("a") }}',  # not one of the portal's macros
        '{{- quiz("a") -}}',  # whitespace control
        '{{ quiz("a\\"b") }}',  # an escape inside the literal
        '{{ quiz("a", "b", "c") }}',  # too many arguments: Jinja reports it
    ],
)
def test_anything_but_literal_portal_calls_is_left_to_jinja(markdown: str):
    called = []
    functions = {name: (lambda *a, n=name: called.append(n) or "") for name in _functions()}
    functions["quiz"] = lambda quiz_id: called.append("quiz") or ""
    assert expand_simple_calls(markdown, functions, ("{%", COMMENT_START), lambda _line: None) is None
    assert called == []  # nothing ran, so nothing was reported twice


def test_each_call_knows_its_line():
    lines: list[int | None] = []
    functions = {"cite": lambda code: lines.append(seen[-1]) or code}
    seen: list[int | None] = []
    markdown = 'one\n{{ cite("A") }}\nthree\n\nfive {{ cite("B") }}\n'
    expand_simple_calls(markdown, functions, ("{%",), seen.append)
    assert lines == [2, 5] and seen[-1] is None


def test_stash_restores_blocks_and_unwraps_their_paragraph():
    stash = HtmlStash()
    token = stash.put('<div class="cx-quiz">x</div>').strip()
    other = stash.put("<svg></svg>").strip()
    html = f"<p>{token}</p>\n<p>see {other} here</p>"
    assert stash.restore(html) == '<div class="cx-quiz">x</div>\n<p>see <svg></svg> here</p>'
    forged = "cxstash000000000000n0"  # another build's key: content cannot name a block
    assert stash.restore(f"<p>{forged}</p>") == f"<p>{forged}</p>"


def test_built_pages_carry_the_blocks_not_the_tokens(built_site: Path):
    quiz = (built_site / "quizzes/leadership-5p/index.html").read_text("utf-8")
    assert '<div class="cx-quiz"' in quiz and '<p><div class="cx-quiz"' not in quiz
    start = (built_site / "start-here/index.html").read_text("utf-8")
    assert '<ol class="cx-path"' in start and "<p><ol" not in start  # a block, not inside a paragraph
    for index in (built_site / "search/search_index.json", built_site / "ru/search/search_index.json"):
        assert "cxstash" not in index.read_text("utf-8")
    for page in built_site.rglob("*.html"):
        assert "cxstash" not in page.read_text("utf-8"), page


def test_content_cache_sees_an_edit_that_keeps_size_and_time(tmp_path: Path):
    content = tmp_path / "playbooks"
    content.mkdir()
    file = content / "a.md"
    file.write_text("alpha")
    stat = file.stat()
    cache: ContentCache[str] = ContentCache()
    assert cache.get(content, (), lambda: file.read_text()) == "alpha"
    assert cache.get(content, (), lambda: "not loaded again") == "alpha"
    file.write_text("omega")  # same size
    os.utime(file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same time
    assert cache.get(content, (), lambda: file.read_text()) == "omega"
    assert cache.get(content, ("other settings",), lambda: "reloaded") == "reloaded"


def test_shared_template_code_follows_an_edited_template(tmp_path: Path):
    code = TemplateCode()
    template = tmp_path / "t.html"
    template.write_text("one {{ x }}")

    def render() -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=code, auto_reload=False)
        return env.get_template("t.html").render(x=1)

    assert render() == "one 1" and code.code  # compiled once and kept
    template.write_text("two {{ x }}")
    assert render() == "two 1"


def test_fast_macro_errors_are_reported_at_their_line(fixture_project: Path):
    path = fixture_project / "playbooks/beta.md"
    lines = path.read_text().split("\n")
    lines.insert(len(lines) - 1, 'Also {{ cite("ZZ-9") }}.')
    path.write_text("\n".join(lines))
    result = build_in_process(fixture_project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"playbooks/beta.md:{len(lines) - 1}: cite(): unknown code 'ZZ-9'" in output, output
    assert "Traceback" not in output


def test_project_macro_of_the_same_name_wins(fixture_project: Path):
    macros = fixture_project / "main.py"
    macros.write_text('def define_env(env):\n    @env.macro\n    def cite(code):\n        return "MY CITE " + code\n')
    config = fixture_project / "mkdocs.yml"
    text = config.read_text()
    assert "- macros" in text, "the fixture lists mkdocs-macros"
    result = build_in_process(fixture_project)
    assert result.returncode == 0, result.stdout + result.stderr
    home = (fixture_project / "site/index.html").read_text()
    assert "MY CITE AL-1" in home


def test_languages_share_one_load_of_the_content(fixture_project: Path, monkeypatch: pytest.MonkeyPatch):
    """The nested Russian build reuses the English build's loaded and validated content."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import cxportal.plugin.plugin as plugin_module

    config_file = fixture_project / "mkdocs.yml"
    config_file.write_text(config_file.read_text().replace("  - cxportal:\n", "  - cxportal:\n      languages: [ru]\n"))
    loads = []
    real = plugin_module.load_project
    monkeypatch.setattr(plugin_module, "load_project", lambda *a, **k: loads.append(a) or real(*a, **k))
    monkeypatch.chdir(fixture_project)
    config = load_config(config_file=str(config_file), site_dir=str(fixture_project / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    assert (fixture_project / "site/ru/index.html").is_file()
    assert len(loads) <= 1  # none when an earlier test in this process loaded the same content
