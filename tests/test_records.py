"""The `records:` option: off by default, and every bad setting a `mkdocs.yml:line` error (docs/records.md)."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from cxportal.records import EVENTS, browser_settings, is_same_origin_path
from tests.conftest import run_mkdocs_build


def with_records(project: Path, records: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("      sources: note\n", f"      sources: note\n      records:\n{records}"), "utf-8")


def line_of(project: Path, text: str) -> int:
    return next(i for i, row in enumerate((project / "mkdocs.yml").read_text().splitlines(), 1) if text in row)


def test_every_bad_setting_is_listed_at_its_line(fixture_project: Path) -> None:
    with_records(
        fixture_project,
        "        lrs: http://lrs.example.com/xAPI/\n"
        "        whoami: not a path\n"
        "        verbs:\n"
        "          red: http://adlnet.gov/expapi/verbs/experienced\n"
        "          passed: passed\n",
    )
    result = run_mkdocs_build(fixture_project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    lrs, whoami = line_of(fixture_project, "lrs: http"), line_of(fixture_project, "whoami:")
    red, passed = line_of(fixture_project, "red:"), line_of(fixture_project, "passed: passed")
    assert f"mkdocs.yml:{lrs}: records: lrs must be a path on the portal's own server" in output
    assert f"mkdocs.yml:{whoami}: records: whoami must be a path" in output
    assert f"mkdocs.yml:{red}: records: unknown verb override 'red'" in output and "(did you mean 'read'?)" in output
    assert f"mkdocs.yml:{passed}: records: the verb for 'passed' must be an http(s) IRI" in output


def test_records_need_site_url(fixture_project: Path) -> None:
    with_records(fixture_project, "        lrs: /lrs/\n")
    config = fixture_project / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url: .*\n", "", config.read_text("utf-8"), flags=re.M), "utf-8")
    result = run_mkdocs_build(fixture_project)
    assert result.returncode != 0
    assert "records need site_url" in result.stdout + result.stderr


def test_a_verb_override_reaches_the_page(fixture_project: Path) -> None:
    with_records(
        fixture_project, "        lrs: /lrs/\n        verbs: {read: 'http://activitystrea.ms/schema/1.0/read'}\n"
    )
    result = run_mkdocs_build(fixture_project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (fixture_project / "site" / "playbooks" / "alpha" / "index.html").read_text("utf-8")
    settings = json.loads(unescape(re.search(r'<meta name="cx:records" content="([^"]*)"', html)[1]))
    assert settings["verbs"]["read"]["id"] == "http://activitystrea.ms/schema/1.0/read"
    assert settings["verbs"]["passed"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert settings["lrs"] == "/lrs/" and settings["whoami"] == "/whoami"
    assert settings["base"] == "http://cx.intranet.example/"
    assert 'src="../../assets/cxportal/records.js"' in html or "assets/cxportal/records.js" in html


def test_paths_and_defaults() -> None:
    assert is_same_origin_path("/lrs/") and is_same_origin_path("/api/xapi")
    for bad in ("//evil.example/lrs/", "http://lrs/", "lrs/", "/lrs/ x", "javascript:alert(1)"):
        assert not is_same_origin_path(bad), bad
    settings = browser_settings("/lrs", "/whoami", {}, "http://cx.intranet.example")
    assert settings["lrs"] == "/lrs/" and settings["base"] == "http://cx.intranet.example/"
    assert set(settings["verbs"]) == set(EVENTS)


def test_acknowledged_versions_follow_the_marked_change(fixture_project: Path) -> None:
    from cxportal.project import load_project

    alpha = fixture_project / "playbooks" / "alpha.md"
    text = alpha.read_text("utf-8")
    alpha.write_text(text.replace("owner: Test office\n", "owner: Test office\nacknowledge: true\n", 1), "utf-8")
    portal, problems = load_project(fixture_project)
    assert not [p for p in problems if p.severity == "error"], problems
    assert portal.playbooks["alpha"].acknowledged_versions() == ("1.1", "1.0")  # any confirmation counts
    assert portal.playbooks["beta"].acknowledged_versions() == ()  # beta asks nothing
    alpha.write_text(
        alpha.read_text("utf-8").replace(
            "note: Added the second step.}", "note: Added the second step., acknowledge: true}"
        ),
        "utf-8",
    )
    portal, _ = load_project(fixture_project)
    assert portal.playbooks["alpha"].acknowledged_versions() == ("1.1",)  # a reader of 1.0 is asked again


def test_acknowledge_must_be_true_or_false(fixture_project: Path) -> None:
    from cxportal.project import load_project

    alpha = fixture_project / "playbooks" / "alpha.md"
    alpha.write_text(
        alpha.read_text("utf-8").replace("owner: Test office\n", "owner: Test office\nacknowledge: yes please\n", 1),
        "utf-8",
    )
    _portal, problems = load_project(fixture_project)
    line = next(i for i, row in enumerate(alpha.read_text().splitlines(), 1) if row.startswith("acknowledge:"))
    assert any(p.path.endswith("alpha.md") and p.line == line and "acknowledge" in p.message for p in problems), (
        problems
    )


def test_periods() -> None:
    from cxportal.renewal import parse_period

    assert parse_period("12 months") == ("12 month", None)
    assert parse_period("1 Year") == ("1 year", None)
    assert parse_period("6 weeks")[0] == "6 week"
    for bad in ("-3 months", "0 days", "soon", "12 fortnights", "", True):
        period, problem = parse_period(bad)
        assert period == "" and problem, bad


def test_a_bad_renewal_is_an_error_at_its_line(fixture_project: Path) -> None:
    from cxportal.project import load_project

    role = fixture_project / "playbooks" / "roles" / "agent.yml"
    role.write_text(role.read_text("utf-8").replace("paths:\n", "renew:\n  refresher: -3 months\npaths:\n", 1), "utf-8")
    portal, problems = load_project(fixture_project)
    line = next(i for i, row in enumerate(role.read_text().splitlines(), 1) if "-3 months" in row)
    assert [str(p) for p in problems if "renew" in p.message] == [
        f"playbooks/roles/agent.yml:{line}: renew: refresher: '-3 months' must be a positive period, such as '12 months'"
    ]


def test_a_bad_portal_wide_renewal_is_an_error_at_its_mkdocs_line(fixture_project: Path) -> None:
    config = fixture_project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "      sources: note\n",
            "      sources: note\n      renew:\n        refresher: -3 months\n        onbording: 1 year\n",
        ),
        "utf-8",
    )
    result = run_mkdocs_build(fixture_project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    bad, typo = line_of(fixture_project, "refresher: -3"), line_of(fixture_project, "onbording:")
    assert f"mkdocs.yml:{bad}: renew: refresher: '-3 months' must be a positive period" in output
    assert (
        f"mkdocs.yml:{typo}: renew: unknown path 'onbording' (onboarding or refresher) (did you mean 'onboarding'?)"
        in output
    )


def test_the_portal_wide_renewal_reaches_paths_without_their_own(fixture_project: Path) -> None:
    config = fixture_project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "      sources: note\n", "      sources: note\n      renew: {refresher: 2 years}\n"
        ),
        "utf-8",
    )
    role = fixture_project / "playbooks" / "roles" / "lead.yml"
    role.write_text(role.read_text("utf-8").replace("paths:\n", "renew: {refresher: 6 months}\npaths:\n", 1), "utf-8")
    result = run_mkdocs_build(fixture_project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = fixture_project / "site" / "roles"
    assert 'data-cx-renew="2 year"' in (site / "agent" / "refresher" / "index.html").read_text("utf-8")
    assert 'data-cx-renew="6 month"' in (site / "lead" / "refresher" / "index.html").read_text("utf-8")
    assert "data-cx-renew" not in (site / "agent" / "onboarding" / "index.html").read_text("utf-8")
