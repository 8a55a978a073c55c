"""`cxportal serve`: a clean message when the port is taken, and nothing left running after a signal."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from cxportal.plugin.serve import PortalServer
from tests.conftest import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(port: int, project: Path = ROOT) -> subprocess.Popen:
    """`cxportal serve` in `project` as a user starts it (its output on the pipe)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.Popen(
        [sys.executable, "-m", "cxportal.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        # As from a terminal: a test run started in the background (`make test &`) has SIGINT ignored,
        # and a child inheriting that would never see Ctrl-C.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_a_taken_port_gives_a_clean_message_not_a_traceback() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = serve(port)
        out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert f"127.0.0.1:{port} is already in use" in out and "--dev-addr 127.0.0.1:" in out
    assert "Traceback" not in out


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_the_server_and_frees_the_port(sig, fixture_project: Path) -> None:
    # The small fixture portal: what is tested is the signal, not the build (the real portal's takes 10+ s).
    port = free_port()
    proc = serve(port, fixture_project)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(1)
        else:
            pytest.fail("cxportal serve did not start")
        proc.send_signal(sig)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in out
    # Nothing kept the port: a new server could start on it at once.
    with socket.socket() as again:
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=90) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def wait_until_served(proc: subprocess.Popen, url: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if fetch(url)[0] == 200:
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail("cxportal serve did not start")


def test_requests_during_a_full_rebuild_get_a_whole_page_never_a_404(fixture_project: Path) -> None:
    port = free_port()
    proc = serve(port, fixture_project)
    url = f"http://127.0.0.1:{port}/quizzes/alpha/"
    try:
        wait_until_served(proc, url)
        quiz = fixture_project / "playbooks" / "quizzes" / "alpha.yml"
        title = next(line for line in quiz.read_text("utf-8").splitlines() if line.startswith("title:"))
        edit(quiz, title, "title: Quiz on the renamed steps")  # YAML: a full build into a new folder
        answers: list[tuple[int, str]] = []

        def reader() -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                answers.append(fetch(url))
                if "Quiz on the renamed steps" in answers[-1][1]:
                    return

        readers = [threading.Thread(target=reader) for _ in range(4)]
        for thread in readers:
            thread.start()
        for thread in readers:
            thread.join()
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
    statuses = Counter(status for status, _ in answers)
    assert set(statuses) == {200}, f"answers during the rebuild: {dict(statuses)}"
    assert any("Quiz on the renamed steps" in text for _, text in answers), "the rebuilt page was never served"
    # Each answer is the last good page or the new one, whole.
    assert all("</html>" in text for _, text in answers)


# Single-page rebuilds ---------------------------------------------------------------------------
# The server's builds run in this process, without the HTTP side: `rebuild()` is what the server
# calls after the watcher saw a change.


@pytest.fixture
def served(fixture_project: Path) -> Iterator[PortalServer]:
    # A hand-written page besides the home page (whose navigation title is "Home" whatever its heading).
    (fixture_project / "docs" / "notes.md").write_text("# Team notes\n\nNotes for the team.\n", "utf-8")
    server = PortalServer(str(fixture_project / "mkdocs.yml"), "127.0.0.1:8000")
    config = server.start()
    yield server
    server.close(config)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def page(server: PortalServer, url: str) -> str:
    assert server.site_dir is not None
    return (server.site_dir / url / "index.html").read_text("utf-8")


def search_entries(server: PortalServer, prefix: str = "") -> list[dict]:
    assert server.site_dir is not None
    return json.loads((server.site_dir / prefix / "search" / "search_index.json").read_text("utf-8"))["docs"]


def test_an_edit_to_a_playbook_rebuilds_that_page_and_its_search_entries(served: PortalServer) -> None:
    project = Path(served.config_file).parent
    before = search_entries(served)
    site, builds = served.site_dir, served.builds
    edit(project / "playbooks" / "alpha.md", "It matters because", "Zanzibarian listening matters because")
    served.rebuild()
    assert (served.site_dir, served.builds) == (site, builds)  # no full build: the same folder, one page written
    assert "Zanzibarian listening" in page(served, "playbooks/alpha")
    after = search_entries(served)
    assert [e["location"] for e in after] == [e["location"] for e in before]  # every page's entries, in place
    changed = [e for e in after if "Zanzibarian" in e["text"]]
    assert [e["location"] for e in changed] == ["playbooks/alpha/#al-1"]
    assert [e for e in after if e not in changed] == [e for e in before if e["location"] != "playbooks/alpha/#al-1"]
    assert "Zanzibarian" not in page(served, "codes")  # AL-1's summary is its first sentence
    # An edit to that sentence: the generated pages that list the summary follow, still without a full build.
    edit(project / "playbooks" / "alpha.md", "The first step is to listen.", "The first step is quiet listening.")
    served.rebuild()
    assert served.builds == builds
    assert "quiet listening" in page(served, "codes") and "quiet listening" in page(served, "playbooks/alpha/card")
    assert any("quiet listening" in e["text"] for e in search_entries(served) if e["location"].startswith("codes/"))
    # A docs page too, and a second edit after the first.
    edit(project / "docs" / "index.md", "\n\n", "\n\nQuixotic welcome text.\n\n")
    served.rebuild()
    assert served.builds == builds
    assert "Quixotic welcome text" in (served.site_dir / "index.html").read_text("utf-8")
    assert any("Quixotic" in e["text"] for e in search_entries(served) if e["location"].split("#")[0] == "")
    assert any("Zanzibarian" in e["text"] for e in search_entries(served))


def test_a_title_change_rebuilds_everything_so_every_page_names_it(served: PortalServer) -> None:
    project = Path(served.config_file).parent
    builds = served.builds
    assert "Alpha playbook" in page(served, "playbooks/beta")  # the navigation of another page
    edit(project / "playbooks" / "alpha.md", "title: Alpha playbook", "title: Alpha renamed")
    served.rebuild()
    assert served.builds == builds + 1
    assert "Alpha renamed" in page(served, "playbooks/beta")
    # A docs page's own title (its first heading) is in the navigation too.
    assert "Team notes" in page(served, "playbooks/beta")
    edit(project / "docs" / "notes.md", "# Team notes", "# Notes of the team")
    served.rebuild()
    assert served.builds == builds + 2
    assert "Notes of the team" in page(served, "playbooks/beta") and "Team notes" not in page(served, "playbooks/beta")
    # Its text alone is a single page again.
    edit(project / "docs" / "notes.md", "Notes for the team.", "Notes for the whole team.")
    served.rebuild()
    assert served.builds == builds + 2
    assert "Notes for the whole team." in page(served, "notes")


def test_a_yaml_edit_rebuilds_everything(served: PortalServer) -> None:
    project = Path(served.config_file).parent
    quiz = project / "playbooks" / "quizzes" / "alpha.yml"
    title = next(line for line in quiz.read_text("utf-8").splitlines() if line.startswith("title:"))
    builds = served.builds
    edit(quiz, title, "title: Quiz on the renamed steps")
    served.rebuild()
    assert served.builds == builds + 1
    assert "Quiz on the renamed steps" in page(served, "quizzes/alpha")
    # A new page is in every page's navigation: everything again, too.
    (project / "docs" / "faq.md").write_text("# Questions asked often\n\nAsk away.\n", "utf-8")
    served.rebuild()
    assert served.builds == builds + 2
    assert "Questions asked often" in page(served, "playbooks/beta")
    served.rebuild()  # nothing changed since: nothing to build
    assert served.builds == builds + 2


def test_a_broken_macro_is_reported_at_its_line_and_the_last_good_page_stays(
    served: PortalServer, caplog: pytest.LogCaptureFixture
) -> None:
    project = Path(served.config_file).parent
    playbook = project / "playbooks" / "alpha.md"
    good = page(served, "playbooks/alpha")
    edit(playbook, "It matters because", "{{ cite('NO-1') }} matters because")
    line = next(i + 1 for i, row in enumerate(playbook.read_text("utf-8").splitlines()) if "NO-1" in row)
    builds = served.builds
    served.rebuild()
    assert served.builds == builds
    assert f"playbooks/alpha.md:{line}:" in caplog.text and "NO-1" in caplog.text
    assert page(served, "playbooks/alpha") == good
    assert not any("NO-1" in e["text"] for e in search_entries(served))
    # The fix is the next edit: the page follows.
    edit(playbook, "{{ cite('NO-1') }} matters because", "Fixed text matters because")
    served.rebuild()
    assert served.builds == builds
    assert "Fixed text matters" in page(served, "playbooks/alpha")


def test_a_broken_anchor_made_by_an_edit_is_reported(served: PortalServer, caplog: pytest.LogCaptureFixture) -> None:
    project = Path(served.config_file).parent
    edit(project / "docs" / "index.md", "\n\n", "\n\nSee [nowhere](playbooks/alpha.md#no-such-anchor).\n\n")
    served.rebuild()
    assert "no-such-anchor" in caplog.text
    # The fixture builds in strict mode, where a warning keeps the last good page (as mkdocs build --strict does).
    assert "nowhere" not in (served.site_dir / "index.html").read_text("utf-8")


def test_a_translation_edit_reaches_the_other_language(fixture_project: Path) -> None:
    edit(fixture_project / "mkdocs.yml", "      version:", "      languages: [ru]\n      version:")
    original = (fixture_project / "playbooks" / "alpha.md").read_text("utf-8")
    translated = original.replace("title: Alpha playbook", 'title: Альфа\ntranslation_of: "1.1"').replace(
        "The first step is to listen.", "Первый шаг — выслушать."
    )
    (fixture_project / "playbooks" / "alpha.ru.md").write_text(translated, "utf-8")
    server = PortalServer(str(fixture_project / "mkdocs.yml"), "127.0.0.1:8000")
    config = server.start()
    try:
        builds = server.builds
        edit(fixture_project / "playbooks" / "alpha.ru.md", "Первый шаг", "Самый первый шаг")
        served_before = page(server, "playbooks/alpha")
        server.rebuild()
        assert server.builds == builds
        assert "Самый первый шаг" in page(server, "ru/playbooks/alpha")
        assert page(server, "playbooks/alpha") == served_before
        assert any("Самый первый шаг" in e["text"] for e in search_entries(server, "ru"))
        assert "Самый первый шаг" in page(server, "ru/codes") and "Самый первый шаг" not in page(server, "codes")
        # The English original without a translation: both sites show the edit.
        edit(fixture_project / "playbooks" / "beta.md", "it is short", "it is quite short")
        server.rebuild()
        assert server.builds == builds
        assert "quite short" in page(server, "playbooks/beta") and "quite short" in page(server, "ru/playbooks/beta")
    finally:
        server.close(config)


def test_a_build_that_fails_keeps_the_last_good_site(served: PortalServer, caplog: pytest.LogCaptureFixture) -> None:
    project = Path(served.config_file).parent
    quiz = project / "playbooks" / "quizzes" / "alpha.yml"
    good = quiz.read_text("utf-8")
    site, builds = served.site_dir, served.builds
    before = page(served, "quizzes/alpha")
    quiz.write_text(good.replace("title:", "title: [unclosed", 1), "utf-8")
    served.rebuild()
    assert served.builds == builds + 1 and served.site_dir == site  # tried, and kept the served site
    assert "playbooks/quizzes/alpha.yml:" in caplog.text
    assert page(served, "quizzes/alpha") == before
    # The next edit to a playbook's text builds everything (the failed build's plugins hold its state).
    edit(project / "playbooks" / "alpha.md", "It matters because", "Meanwhile it matters because")
    quiz.write_text(good, "utf-8")
    served.rebuild()
    assert served.builds == builds + 2 and served.site_dir != site
    assert "Meanwhile it matters" in page(served, "playbooks/alpha")


def test_meeting_cards_print_the_sites_own_host_in_every_language_under_serve(fixture_project: Path) -> None:
    # serve replaces site_url with its own address, for the main language only; a card printed
    # from a preview named 127.0.0.1 in English and the real host in Russian.
    edit(fixture_project / "mkdocs.yml", "      version:", "      languages: [ru]\n      version:")
    server = PortalServer(str(fixture_project / "mkdocs.yml"), "127.0.0.1:8000")
    config = server.start()
    try:
        english, russian = page(server, "playbooks/alpha/card"), page(server, "ru/playbooks/alpha/card")
    finally:
        server.close(config)
    assert ">cx.intranet.example/go/al-1/<" in english
    assert ">cx.intranet.example/ru/go/al-1/<" in russian  # the Russian short link opens the Russian page
    for html in (english, russian):
        assert "127.0.0.1" not in html.split("<article", 1)[1]
        assert '<meta name="cx:site-url" content="http://cx.intranet.example/' in html
