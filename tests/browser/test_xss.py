"""No content field can run script in a reader's browser or code at build time.

A small project gets a hostile payload in every YAML text field and every
front-matter field, and a quote-and-attribute payload in item headings. It must
build strictly; then Chromium visits every page, hovers, checks a quiz and
follows links, and the test fails on any script the payloads could run (a call
to the detector, a dialog, an event-handler attribute, a javascript: link) or any
template evaluated from content (49 from {{ 7*7 }}, "posix" from Python's os).

The reader-facing run bypasses the Content-Security-Policy on purpose, so escaping
alone must hold. A control page with deliberately unescaped HTML proves the
detector fires; the same page with the policy in force proves the policy blocks it.
"""

from __future__ import annotations

import functools
import http.server
import itertools
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from ..conftest import build_in_process, make_project
from .conftest import _QuietHandler

PAYLOADS = [
    "<script>window.__xss('script')</script>",
    "<img src=x onerror=\"window.__xss('img')\">",
    "[click me](javascript:window.__xss('link'))",
    '" onmouseover="window.__xss(\'attr\')" data-x="',
    "{{ 7*7 }}",
    "{{ cycler.__init__.__globals__.os.name }}",
    "<svg onload=\"alert('svg')\"></svg>",
    "' onfocus='window.__xss(\"single\")' autofocus x='",
    "*[x]: {: onclick=\"window.__xss('attr-list')\" }",
    "<a href=\"javascript:window.__xss('raw-link')\">raw link</a>",
]
TEXT_KEYS = {
    "name",
    "department",
    "summary",
    "shapes_cx",
    "why",
    "title",
    "prompt",
    "text",
    "feedback",
    "explanation",
    "hint",
    "advice",
    "feedback_true",
    "feedback_false",
    "left",
    "right",
    "definition",
    "term",
    "note",
    "owner",
    "version",
    "who",
    "what_we_did",
    "unit",
    "quarter",
    "description",
}
DETECTOR = """
window.__xssHits = [];
window.__xss = (what) => window.__xssHits.push(what);
"""
CONTROL = """\
# Control

A deliberately unescaped page: if the detector works, this runs.

<img src="x" onerror="window.__xss('control')">
"""


class _Planter:
    """Puts a different payload in each text field, cycling so every file gets every payload."""

    def __init__(self) -> None:
        self.cycle = itertools.cycle(PAYLOADS)

    def plant(self, value, key: str | None = None):
        if isinstance(value, dict):
            return {k: self.plant(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.plant(v, key) for v in value]
        if isinstance(value, str) and key in TEXT_KEYS:
            return f"{value} {next(self.cycle)}"
        return value


def plant_project(project: Path) -> None:
    planter = _Planter()
    content = project / "playbooks"
    for path in [*sorted((content / "roles").glob("*.yml")), *sorted((content / "quizzes").glob("*.yml"))]:
        data = yaml.safe_load(path.read_text("utf-8"))
        data = planter.plant(data)
        if "examples" in data:
            data["examples"] = {k: f"{v} {next(planter.cycle)}" for k, v in data["examples"].items()}
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    (content / "glossary.yml").write_text(
        yaml.safe_dump(
            planter.plant(
                [
                    {"term": "CX", "definition": "Customer experience.", "see": "AL-1"},
                    {"term": "Silo", "definition": "A team that works alone.", "see": "beta"},
                ]
            )
        ),
        "utf-8",
    )
    (content / "season.yml").write_text(
        yaml.safe_dump(
            planter.plant(
                {
                    "season": "2026",
                    "title": "Last season",
                    "summary": "How the season went.",
                    "metrics": [
                        {
                            "id": "nps",
                            "name": "NPS",
                            "unit": "points",
                            "quarters": [{"quarter": "Q1", "value": 10}, {"quarter": "Q2", "value": 12}],
                        }
                    ],
                    "quotes": [
                        {"kind": "thanks", "text": "Thank you.", "who": "A customer", "what_we_did": "We listened."}
                    ],
                }
            )
        ),
        "utf-8",
    )
    for path in sorted(content.glob("*.md")):
        _, front, body = path.read_text("utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        for key in ("title", "summary", "owner", "version"):
            meta[key] = f"{meta[key]} {next(planter.cycle)}"
        meta["description"] = f"About it {next(planter.cycle)}"
        meta["changes"] = planter.plant(meta.get("changes", []))
        for change in meta["changes"]:
            change["version"] = f"{change['version']} {next(planter.cycle)}"
        # Item headings: a title that tries to close the attribute list the heading rewrite builds.
        body = body.replace("## [AL-1] First step", '## [AL-1] First "step" onmouseover="window.__xss(\'heading\')"')
        body = body.replace("## [AL-2] Second step", "## [AL-2] Second } { onclick=\"window.__xss('brace')\" } step")
        path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body, "utf-8")
    (project / "docs" / "control.md").write_text(CONTROL, "utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("xss"))
    plant_project(project)
    site = project / "site"
    result = build_in_process(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(hostile_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def pages_of(site: Path) -> list[str]:
    return sorted(
        str(p.relative_to(site).parent) + "/" if p.parent != site else ""
        for p in site.rglob("index.html")
        if "go" not in p.relative_to(site).parts[:1]
    )


class Detector:
    """Everything that would show a payload ran: detector calls, dialogs, handler attributes, js links."""

    def __init__(self, page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def hits(self) -> list[str]:
        found = self.page.evaluate("""() => {
            const hits = [...(window.__xssHits || [])];
            for (const el of document.querySelectorAll('*')) {
                for (const attr of el.getAttributeNames()) {
                    if (attr.startsWith('on')) hits.push(`handler attribute ${attr} on <${el.localName}>`);
                }
                for (const name of ['href', 'src', 'action', 'formaction', 'xlink:href']) {
                    const value = (el.getAttribute(name) || '').replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
                    if (value.startsWith('javascript:')) hits.push(`javascript: URL in ${name} of <${el.localName}>`);
                }
            }
            return hits;
        }""")
        return found + [f"dialog: {m}" for m in self.dialogs]


@pytest.fixture
def open_context(browser):
    """A context that ignores the Content-Security-Policy: escaping alone must stop the payloads."""
    ctx = browser.new_context(bypass_csp=True)
    ctx.add_init_script(DETECTOR)
    yield ctx
    ctx.close()


def interact(page) -> None:
    """What a reader does: hover what can be hovered, check a quiz, follow in-page links."""
    for selector in (
        "article a",
        "abbr",
        "h1",
        "h2",
        "h3",
        "dt",
        "td",
        "[data-cx-title]",
        "article img",
        "article svg",
    ):
        for element in page.locator(f"{selector}:visible").all()[:6]:
            try:
                element.hover(timeout=500)
            except Exception:  # noqa: BLE001 - an element covered or detached meanwhile
                continue
    quiz = page.locator(".cx-quiz form").first
    if quiz.count():
        for hint in quiz.locator(".cx-q__hintbtn:visible").all()[:3]:
            hint.click()
        first_choice = quiz.locator("input[type=radio], input[type=checkbox]").first
        if first_choice.count() and first_choice.is_enabled():
            first_choice.check()
        check = quiz.locator("button[type=submit]:visible")  # hidden once this browser has a result
        if check.count():
            check.first.click()
            page.wait_for_timeout(200)
    for link in page.locator("article a[href^='#']").all()[:5]:
        try:
            link.click(timeout=500)
        except Exception:  # noqa: BLE001
            continue


def test_the_project_builds_without_evaluating_any_template(hostile_site: Path):
    for path in hostile_site.rglob("*.html"):
        html = path.read_text("utf-8")
        assert "posix" not in html, f"{path}: Python's os module was reached from content"
    # The payload is shown as text: {{ 7*7 }} with its braces as entities, never 49.
    role = (hostile_site / "roles" / "agent" / "index.html").read_text("utf-8")
    assert "&#123;&#123; 7&#42;7 &#125;&#125;" in role


def test_no_payload_runs_on_any_page(open_context, hostile_site: Path, hostile_url: str):
    page = open_context.new_page()
    detector = Detector(page)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    visited = []
    for rel in pages_of(hostile_site):
        if rel.startswith("control/"):
            continue
        page.goto(hostile_url + rel)
        page.wait_for_load_state("load")
        interact(page)
        text = page.locator("body").inner_text()
        assert "49" not in text, f"{rel}: a template was evaluated from content"
        assert "posix" not in text, f"{rel}: Python's os module was reached from content"
        hits = detector.hits()
        assert not hits, f"{rel}: {hits}"
        visited.append(rel)
    assert len(visited) >= 15, visited
    assert {"roles/agent/", "quizzes/alpha/", "playbooks/alpha/", "glossary/", "season/", "codes/"} <= set(visited)
    assert not errors, errors


def test_payloads_are_shown_as_the_text_the_author_wrote(open_context, hostile_url: str):
    page = open_context.new_page()
    page.goto(hostile_url + "roles/agent/")
    text = page.locator("article").inner_text()
    assert "{{ 7*7 }}" in text or "<script>" in text or "javascript:" in text
    page.goto(hostile_url + "playbooks/alpha/")
    heading = page.locator("#al-1")
    assert heading.get_attribute("data-cx-title") == 'First "step" onmouseover="window.__xss(\'heading\')"'
    assert heading.get_attribute("onmouseover") is None


def test_the_detector_fires_on_an_unescaped_control_page(open_context, hostile_url: str):
    page = open_context.new_page()
    detector = Detector(page)
    page.goto(hostile_url + "control/")
    page.wait_for_timeout(300)
    assert "control" in detector.hits()


def test_the_content_security_policy_blocks_what_escaping_might_miss(browser, hostile_url: str):
    ctx = browser.new_context()
    ctx.add_init_script(DETECTOR)
    page = ctx.new_page()
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(hostile_url + "control/")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xssHits") == []
    assert violations, "the policy did not report the blocked inline handler"
    ctx.close()
