"""Learning records against the real stack: nginx (sign-in, /whoami, /lrs/ proxy) + Ralph + the built site.

Two signed-in people read, answer, fail, retry, pass and finish a path in Chromium; Ralph then holds
exactly the expected statements for each, read back through its statements API. For the second
person Ralph is stopped midway: nothing is lost, and a statement that reached Ralph while the
browser never heard back is not stored twice.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, RequestLog  # noqa: F401 - CHROMIUM_ARGS documents the launch
from tests.browser.records_stack import Person, Ralph, nginx
from tests.conftest import make_project, run_mkdocs_build

SITE = "http://cx.intranet.example/"
QUEUE = "cxportal:v1:records:queue"
VERB = {
    "read": "http://adlnet.gov/expapi/verbs/experienced",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "earned": "http://id.tincanapi.com/verb/earned",
    "acknowledged": "https://w3id.org/xapi/dod-isd/verbs/acknowledged",
}
VERSION_EXT = f"{SITE}xapi/extensions/version"
# What each attempt answers, and the xAPI response that must reach the LRS for it.
RIGHT = {
    "first": "a",
    "both": "a[,]b",
    "tf": "false",
    "order": "a[,]b[,]c",
    "match": "1[.]a[,]2[.]b",
    "blank": "listen[,]act",
}
WRONG = {
    "first": "b",
    "both": "a[,]c",
    "tf": "true",
    "order": "b[,]a[,]c",
    "match": "1[.]b[,]2[.]a",
    "blank": "wait[,]act",
}
ALICE = Person("alice", "alice-password", "Alice Smith")
BOB = Person("bob", "bob-password", "Bob Jones")
CAROL = Person("carol", "carol-password", "Carol White")  # the failing-LRS test's, so the others' counts stay exact


@pytest.fixture(scope="module")
def records_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture portal with records switched on, built strictly."""
    project = make_project(tmp_path_factory.mktemp("records"))
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "      sources: note\n", "      sources: note\n      records: {lrs: /lrs/, whoami: /whoami}\n"
        ),
        "utf-8",
    )
    # Alpha asks readers to confirm it, and its change to 1.1 asks again those who confirmed 1.0.
    alpha = project / "playbooks" / "alpha.md"
    text = alpha.read_text("utf-8").replace("owner: Test office\n", "owner: Test office\nacknowledge: true\n", 1)
    text = text.replace("note: Added the second step.}", "note: Added the second step., acknowledge: true}", 1)
    alpha.write_text(text, "utf-8")
    # The agent's onboarding counts for a year, then is due again.
    agent = project / "playbooks" / "roles" / "agent.yml"
    agent.write_text(
        agent.read_text("utf-8").replace("paths:\n", "renew: {onboarding: 12 months}\npaths:\n", 1), "utf-8"
    )
    # The home page's "continue" box, as this repository's and `cxportal init`'s home pages have it.
    home = project / "docs" / "index.md"
    home.write_text(home.read_text("utf-8") + '\n\n<div class="cx-continue" data-cx-continue hidden></div>\n', "utf-8")
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def stack(records_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Ralph]]:
    folder = tmp_path_factory.mktemp("stack")
    ralph = Ralph(folder / "ralph", [ALICE, BOB, CAROL])
    ralph.start()
    try:
        with nginx(records_site, folder / "nginx", ralph.address, [ALICE, BOB, CAROL]) as url:
            yield url, ralph
    finally:
        ralph.stop()


def signed_in(browser, person: Person):
    context = browser.new_context(http_credentials={"username": person.user, "password": person.password})
    log = RequestLog()
    context.on("request", lambda request: log.urls.append(request.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page, log, errors


def queued(page) -> list[dict]:
    return page.evaluate(f"() => (JSON.parse(localStorage.getItem('{QUEUE}') || '{{}}').items || [])")


def wait_until_delivered(page, timeout_ms: int = 60_000) -> None:
    page.wait_for_function(
        f"() => (JSON.parse(localStorage.getItem('{QUEUE}') || '{{}}').items || []).length === 0", timeout=timeout_ms
    )


def mark_read(page, url: str) -> None:
    page.goto(url)
    button = page.get_by_role("button", name="Mark as read")
    button.click()
    page.wait_for_function("() => document.querySelector('.cx-read__button')?.getAttribute('aria-pressed') === 'true'")


def arrange(page, order: list[str]) -> None:
    """Puts the ordering question's items in `order` with its up buttons, as a reader would."""
    items = page.locator("[data-cx-question='order'] .cx-order__item")
    for position, text in enumerate(order):
        for _ in range(len(order)):
            texts = [t.strip() for t in items.locator(".cx-order__text").all_inner_texts()]
            if texts.index(text) <= position:
                break
            items.filter(has_text=text).locator(".cx-up").click()


def answer_quiz(page, right: bool) -> None:
    q = lambda qid: page.locator(f"[data-cx-question='{qid}']")  # noqa: E731
    q("first").get_by_label("Listen" if right else "Act").check()
    q("both").get_by_label("Listen").check()
    q("both").get_by_label("Act" if right else "Ignore").check()
    q("tf").get_by_label("False" if right else "True").check()
    arrange(page, ["Listen", "Act", "Review"] if right else ["Act", "Listen", "Review"])
    selects = q("match").locator("select")
    selects.nth(0).select_option(label="AL-1" if right else "AL-2")
    selects.nth(1).select_option(label="AL-2" if right else "AL-1")
    blanks = q("blank").locator("input")
    blanks.nth(0).fill("listen" if right else "wait")
    blanks.nth(1).fill("act")
    page.get_by_role("button", name="Check").click()


def take_quiz_twice(page, url: str) -> None:
    """Fails the quiz, then retries and passes it."""
    page.goto(url + "quizzes/alpha/")
    page.locator("[data-cx-question='blank']").wait_for()
    answer_quiz(page, right=False)
    page.locator(".cx-quiz__result").get_by_text("Not passed").wait_for()
    page.get_by_role("button", name="Retry").click()
    page.locator("[data-cx-question='blank'] input").first.wait_for()
    answer_quiz(page, right=True)
    page.locator(".cx-quiz__result").get_by_text("Passed").first.wait_for()


def statements_of(ralph: Ralph, person: Person) -> list[dict]:
    return sorted(
        (s for s in ralph.statements() if s["actor"].get("mbox") == person.mbox), key=lambda s: s["timestamp"]
    )


def check_records(statements: list[dict], person: Person) -> None:
    """Exactly what the person did, each statement signed by the server as them, with the right details."""
    verbs = Counter(s["verb"]["id"] for s in statements)
    assert verbs == Counter(
        {
            VERB["read"]: 2,
            VERB["answered"]: 12,
            VERB["failed"]: 1,
            VERB["passed"]: 1,
            VERB["completed"]: 1,
            VERB["earned"]: 1,
            VERB["acknowledged"]: 1,
        }
    ), verbs
    assert len({s["id"] for s in statements}) == len(statements) == 19
    for s in statements:
        assert s["actor"] == {"objectType": "Agent", "mbox": person.mbox, "name": person.name}
        assert s["authority"]["mbox"] == person.mbox, "the server, not the page, says who sent it"
    reads = {s["object"]["id"]: s for s in statements if s["verb"]["id"] == VERB["read"]}
    assert set(reads) == {f"{SITE}playbooks/alpha/", f"{SITE}playbooks/beta/"}
    assert reads[f"{SITE}playbooks/alpha/"]["context"]["extensions"][VERSION_EXT] == "1.1"
    assert reads[f"{SITE}playbooks/alpha/"]["object"]["definition"]["name"] == {"en": "Alpha playbook"}

    failed = next(s for s in statements if s["verb"]["id"] == VERB["failed"])
    passed = next(s for s in statements if s["verb"]["id"] == VERB["passed"])
    assert failed["object"]["id"] == passed["object"]["id"] == f"{SITE}quizzes/alpha/"
    assert failed["result"]["success"] is False and passed["result"]["success"] is True
    full = passed["result"]["score"]
    assert full["raw"] == full["max"] and full["scaled"] == 1 and full["min"] == 0
    assert failed["result"]["score"]["raw"] == 2 and failed["result"]["score"]["max"] == full["max"]
    assert failed["result"]["score"]["scaled"] == pytest.approx(2 / full["max"], abs=1e-4)
    assert passed["result"]["duration"].startswith("PT") and passed["context"]["extensions"][VERSION_EXT] == "2026.11"

    # Each attempt's answers come before its result, in the standard interaction formats.
    answers = [s for s in statements if s["verb"]["id"] == VERB["answered"]]
    first, second = answers[:6], answers[6:]
    assert all(
        a["timestamp"] <= failed["timestamp"] < b["timestamp"] <= passed["timestamp"] for a in first for b in second
    )
    for attempt, expected, success in ((first, WRONG, None), (second, RIGHT, True)):
        got = {a["object"]["id"].split("#q=")[1]: a["result"]["response"] for a in attempt}
        assert got == expected
        for a in attempt:
            assert a["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
            assert a["context"]["contextActivities"]["parent"][0]["id"] == f"{SITE}quizzes/alpha/"
            if success:
                assert a["result"]["success"] is True
    kinds = {a["object"]["id"].split("#q=")[1]: a["object"]["definition"]["interactionType"] for a in second}
    assert kinds == {
        "first": "choice",
        "both": "choice",
        "tf": "true-false",
        "order": "sequencing",
        "match": "matching",
        "blank": "fill-in",
    }
    sum_of_points = sum(a["result"]["score"]["max"] for a in second)
    assert sum_of_points == full["max"]

    completed = next(s for s in statements if s["verb"]["id"] == VERB["completed"])
    assert completed["object"]["id"] == f"{SITE}roles/agent/onboarding/"
    assert completed["result"]["completion"] is True
    earned = next(s for s in statements if s["verb"]["id"] == VERB["earned"])
    assert earned["object"]["id"] == f"{SITE}roles/agent/onboarding/#certificate"
    acknowledged = next(s for s in statements if s["verb"]["id"] == VERB["acknowledged"])
    assert acknowledged["object"]["id"] == f"{SITE}playbooks/alpha/"
    assert acknowledged["context"]["extensions"][VERSION_EXT] == "1.1"


def confirm_alpha(page, url: str, changed: bool = False) -> None:
    """The home page lists Alpha as awaiting confirmation until the reader confirms it on its page."""
    page.goto(url)
    page.locator(".cx-awaiting").get_by_role("link", name="Alpha playbook").wait_for()
    page.goto(url + "playbooks/alpha/")
    asked = "This playbook has changed" if changed else "This playbook asks you to confirm"
    page.locator(".cx-ack").get_by_text(asked).wait_for()
    page.get_by_role("button", name="I have read version 1.1").click()
    page.locator(".cx-ack").get_by_text("You confirmed that you read version 1.1").wait_for()
    page.locator(".cx-records").get_by_text("Saved to your training record.").wait_for()
    page.goto(url)
    page.locator("[data-cx-continue]").wait_for(state="attached")
    page.wait_for_timeout(300)
    assert page.locator(".cx-awaiting").count() == 0


def test_two_people_records_reach_ralph_exactly_once(browser, stack) -> None:
    url, ralph = stack

    # Alice: everything delivered as she goes.
    context, page, log, errors = signed_in(browser, ALICE)
    page.goto(url + "roles/agent/onboarding/")
    mark_read(page, url + "playbooks/alpha/")
    take_quiz_twice(page, url)
    mark_read(page, url + "playbooks/beta/")
    # Finished today, so due again in a year: on the path page and the home page.
    today = dt.date.today()
    due = f"Finished on {today:%B} {today.day}, {today.year}. Due again by {today:%B} {today.day}, {today.year + 1}."
    page.goto(url + "roles/agent/onboarding/")
    page.locator(".cx-renewal").get_by_text(due).wait_for()
    page.goto(url)
    page.locator("[data-cx-continue] .cx-renewal").get_by_text(due).wait_for()
    confirm_alpha(page, url)
    wait_until_delivered(page)
    check_records(statements_of(ralph, ALICE), ALICE)
    assert not log.external(), log.external()
    assert not errors, errors
    context.close()

    # Bob: Ralph stops after his first page and comes back before the end.
    context, page, log, errors = signed_in(browser, BOB)
    page.goto(url + "roles/agent/onboarding/")
    # Bob confirmed version 1.0 long ago; the change to 1.1 asks him again.
    page.evaluate(
        "() => localStorage.setItem('cxportal:v1:progress:ack:alpha', JSON.stringify({version: '1.0', date: '2026-02-01'}))"
    )
    mark_read(page, url + "playbooks/alpha/")
    wait_until_delivered(page)
    ralph.stop()
    take_quiz_twice(page, url)
    waiting = queued(page)
    assert len(waiting) == 14  # 12 answers, failed, passed: all kept in the browser
    status = page.locator(".cx-records")
    status.get_by_text("14 records are waiting to be sent to your training record.").wait_for(timeout=30_000)
    page.close()  # the tab is closed while the LRS is down
    ralph.start()
    # The first of them reached Ralph once before, though the browser never heard back.
    assert ralph.put(waiting[0], BOB) == 204
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    mark_read(page, url + "playbooks/beta/")
    confirm_alpha(page, url, changed=True)
    wait_until_delivered(page)
    bob = statements_of(ralph, BOB)
    check_records(bob, BOB)
    assert {s["id"] for s in waiting} <= {s["id"] for s in bob}, "a statement queued while Ralph was down was lost"
    assert not log.external(), log.external()
    assert not errors, errors
    context.close()

    # Nothing else of theirs is stored.
    assert len([s for s in ralph.statements() if s["actor"]["mbox"] in (ALICE.mbox, BOB.mbox)]) == 38


def test_records_off_by_default_and_no_credential_in_pages(records_site: Path, built_fixture_without_records) -> None:
    """Without `records:` a page carries neither the module nor its settings; with it, still no secret."""
    plain = (built_fixture_without_records / "playbooks" / "alpha" / "index.html").read_text("utf-8")
    assert "records.js" not in plain and "cx:records" not in plain
    page = (records_site / "playbooks" / "alpha" / "index.html").read_text("utf-8")
    assert "records.js" in page and 'name="cx:records"' in page
    for secret in ("-lrs-secret", "Basic ", "password", ALICE.password):
        for html in records_site.rglob("*.html"):
            assert secret not in html.read_text("utf-8"), f"{secret!r} in {html}"


@pytest.fixture(scope="module")
def built_fixture_without_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("plain"))
    result = run_mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_whoami_and_lrs_need_the_right_password(stack) -> None:
    """A wrong password gets neither an identity nor the LRS; a right one cannot read statements back."""
    import base64
    import urllib.error
    import urllib.request

    url, _ = stack

    def status(path: str, password: str, method: str = "GET") -> int:
        token = base64.b64encode(f"{ALICE.user}:{password}".encode()).decode()
        request = urllib.request.Request(url + path, method=method, headers={"Authorization": f"Basic {token}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    assert status("whoami", "wrong") == 401
    assert status("lrs/statements", "wrong", "PUT") == 401
    assert status("whoami", ALICE.password) == 200
    assert status("lrs/statements", ALICE.password) == 403  # reading through the portal is refused
    assert json.loads(
        urllib.request.urlopen(
            urllib.request.Request(
                url + "whoami",
                headers={"Authorization": "Basic " + base64.b64encode(b"alice:alice-password").decode()},
            ),
            timeout=10,
        ).read()
    ) == {"name": "Alice Smith", "mbox": ALICE.mbox}


def test_an_lrs_that_fails_keeps_every_record_until_it_answers(browser, stack) -> None:
    """500, a 200 with an HTML page instead of 204, then 401: the statement stays queued and the reader
    is told calmly; when the LRS answers again it is stored exactly once."""
    url, ralph = stack
    person = CAROL
    context, page, _log, errors = signed_in(browser, person)
    answers = iter(
        [
            {"status": 500, "body": "Internal Server Error"},
            {"status": 200, "body": "<html>login</html>", "content_type": "text/html"},
            {"status": 401, "body": "signed out"},
        ]
    )
    seen: list[int] = []

    def failing(route) -> None:
        answer = next(answers, None)
        if answer is None:
            route.continue_()
            return
        seen.append(answer["status"])
        route.fulfill(**answer)

    page.route("**/lrs/**", failing)
    page.goto(url + "activities/listen-to-calls/")
    before = len(ralph.statements())
    page.get_by_role("button", name="Mark as done").click()
    status = page.locator(".cx-records")
    status.get_by_text("1 record is waiting to be sent to your training record.").wait_for()
    assert seen == [500]
    page.evaluate("() => dispatchEvent(new Event('online'))")  # the browser is back online: try now
    page.wait_for_function("() => document.querySelector('.cx-records')?.dataset.cxRecordsWaiting === '1'")
    page.wait_for_timeout(500)
    assert seen == [500, 200]
    page.evaluate("() => dispatchEvent(new Event('online'))")
    status.get_by_text("You are not signed in to the training record: 1 record is kept in this browser").wait_for()
    assert seen == [500, 200, 401]
    assert len(ralph.statements()) == before, "nothing reached the LRS while it failed"
    page.evaluate("() => dispatchEvent(new Event('online'))")
    wait_until_delivered(page)
    status.get_by_text("Saved to your training record.").wait_for()
    done = [
        s
        for s in ralph.statements()
        if s["object"]["id"] == f"{SITE}activities/listen-to-calls/" and s["actor"]["mbox"] == person.mbox
    ]
    assert len(done) == 1 and done[0]["verb"]["id"] == VERB["completed"]
    assert not errors, errors
    context.close()


def test_manager_view_shows_what_is_due_and_awaiting_confirmation(browser, stack, tmp_path: Path) -> None:
    """Two people's progress files: one finished the onboarding long ago (due again, overdue) and never
    confirmed Alpha; the other confirmed 1.1 and has not finished. The manager sees both at a glance."""
    url, _ralph = stack
    done = {
        "cxportal:v1:progress:playbook:alpha": {"read": True, "date": "2025-01-08"},
        "cxportal:v1:quiz:alpha": {
            "hash": "x",
            "score": 10,
            "max": 10,
            "percent": 100,
            "passed": True,
            "date": "2025-01-10T09:00:00Z",
        },
        "cxportal:v1:progress:playbook:beta": {"read": True, "date": "2025-01-09"},
        "cxportal:v1:progress:last": {"path": "agent/onboarding", "steps": [], "href": "/roles/agent/onboarding/"},
    }
    started = {
        "cxportal:v1:progress:playbook:alpha": {"read": True, "date": "2026-11-02"},
        "cxportal:v1:progress:ack:alpha": {"version": "1.1", "date": "2026-11-02"},
        "cxportal:v1:progress:last": {"path": "agent/onboarding", "steps": [], "href": "/roles/agent/onboarding/"},
    }
    files = []
    for name, records in (("Dana Long-ago", done), ("Eli Newcomer", started)):
        path = tmp_path / f"{name.split()[0].lower()}.json"
        path.write_text(
            json.dumps(
                {
                    "format": "cxportal-progress",
                    "version": 1,
                    "exported": "2026-12-01",
                    "name": name,
                    "records": records,
                }
            )
        )
        files.append(str(path))
    context, page, _log, errors = signed_in(browser, ALICE)
    page.goto(url + "manager/")
    page.set_input_files("[data-cx-manager-files]", files)
    table = page.locator(".cx-manager__table")
    table.wait_for()
    headers = table.locator("thead th").all_inner_texts()
    assert any("Due again" in h for h in headers) and any("Awaiting confirmation" in h for h in headers)
    dana = table.locator("tbody tr", has_text="Dana Long-ago").inner_text()
    eli = table.locator("tbody tr", has_text="Eli Newcomer").inner_text()
    assert "Onboarding: overdue since January 10, 2026" in dana
    assert "Alpha playbook, version 1.1" in dana
    assert "Alpha playbook" not in eli and "overdue" not in eli
    assert not errors, errors
    context.close()
