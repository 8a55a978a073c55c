"""A second engine: ProperDocs, the maintained fork of MkDocs 1.x, builds the shipped portal and the
portal `cxportal init` writes into the same pages as MkDocs does.

MkDocs 1.x is frozen and Material 9 ends its maintenance in 2027 (docs/architecture.md): this is the
check that the portal can move to the fork today. Every file of both sites is compared byte for byte,
except the generator line Material writes into each page's head (it names the engine)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def properdocs_build(project: Path, site: Path) -> None:
    exe = Path(sys.executable).parent / "properdocs"
    if not exe.exists():
        pytest.fail("ProperDocs is not installed: run `make test` (pyproject's test extra installs it)")
    result = subprocess.run(
        [str(exe), "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def differences(mkdocs_site: Path, other_site: Path) -> list[str]:
    files = {p.relative_to(mkdocs_site) for p in mkdocs_site.rglob("*") if p.is_file()}
    others = {p.relative_to(other_site) for p in other_site.rglob("*") if p.is_file()}
    found = [f"only one engine wrote {path}" for path in sorted(files ^ others)]
    for path in sorted(files & others):
        a, b = (mkdocs_site / path).read_bytes(), (other_site / path).read_bytes()
        if path.suffix == ".html":
            a, b = GENERATOR.sub(b"", a), GENERATOR.sub(b"", b)
        if a != b:
            found.append(f"{path} differs")
    return found


def test_properdocs_builds_the_shipped_portal_into_the_same_pages(built_site, tmp_path):
    properdocs_build(ROOT, tmp_path / "site")
    assert differences(built_site, tmp_path / "site") == []


def test_properdocs_builds_the_init_portal_into_the_same_pages(init_site, tmp_path):
    project = init_site.parent
    copy = tmp_path / "portal"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site", ".site-*"))
    properdocs_build(copy, tmp_path / "site")
    assert differences(init_site, tmp_path / "site") == []


def test_the_comparison_sees_a_changed_page(built_site, tmp_path):
    changed = tmp_path / "site"
    shutil.copytree(built_site, changed)
    page = changed / "playbooks" / "leadership-5p" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</article>", b"<p>extra</p></article>", 1))
    (changed / "extra.txt").write_text("x")
    assert differences(built_site, changed) == [
        "only one engine wrote extra.txt",
        "playbooks/leadership-5p/index.html differs",
    ]
