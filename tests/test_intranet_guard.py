"""The intranet guard flags every external load and leaves navigation links alone."""

from __future__ import annotations

from pathlib import Path

from cxportal.plugin.intranet import external_loads

from .conftest import build_in_process


def test_external_resources_are_found():
    html = """
    <link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
    <script src="//cdn.example.com/lib.js"></script>
    <img alt="x" srcset="local.png 1x, https://img.example.com/a.png 2x">
    <div style="background: url('https://img.example.com/bg.png')"></div>
    <iframe src='http://video.example.com/embed'></iframe>
    <style>@import "https://cdn.example.com/x.css";</style>
    """
    assert external_loads(html) == [
        "https://fonts.googleapis.com/css?family=Roboto",
        "//cdn.example.com/lib.js",
        "https://img.example.com/a.png",
        "http://video.example.com/embed",
        "https://img.example.com/bg.png",
        "https://cdn.example.com/x.css",
    ]


def test_links_and_local_assets_are_not_loads():
    html = """
    <a href="https://example.com/article">read more</a>
    <link rel="canonical" href="http://cx.intranet.example/page/">
    <script src="../assets/javascripts/bundle.js"></script>
    <img src="/images/logo.png">
    """
    assert external_loads(html) == []


def test_strict_build_fails_on_an_external_image(fixture_project: Path):
    page = fixture_project / "docs/index.md"
    page.write_text(page.read_text() + '\n<img alt="logo" src="https://example.com/logo.png">\n')
    result = build_in_process(fixture_project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "index.md: loads https://example.com/logo.png from another host" in output


def test_unnamed_controls_get_accessible_names():
    from cxportal.plugin.accessibility import label_unnamed_controls

    html = (
        '<div class="md-search" data-md-component="search" role="dialog">'
        '<label class="task-list-control"><input type="checkbox" disabled/>'
        '<span class="task-list-indicator"></span></label> Call one customer</li>'
    )
    fixed = label_unnamed_controls(html)
    assert 'role="dialog" aria-label="Search"' in fixed
    assert 'aria-label="To do: Call one customer"' in fixed
