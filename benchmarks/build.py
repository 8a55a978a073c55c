"""Build-time benchmark: the portal against plain mkdocs-material on the same pages.

For each size N (N synthetic playbooks, one quiz each, N/10 roles, the shipped glossary,
season and diagrams, hand-written pages calling every macro) it

1. writes a portal project and builds it once with a dump hook that records every page's
   final Markdown (macros expanded, headings rewritten, abbreviations added: whatever the
   engine does) and the navigation the portal gives MkDocs;
2. writes that Markdown as a plain Material project: the same pages, the same navigation,
   the same Markdown extensions, theme features and palette as the portal's mkdocs.yml,
   with `navigation.prune`, and without the cxportal and macros plugins or the theme overrides;
3. builds portal and plain alternately (A B A B …), each build in its own subprocess, and
   prints medians of CPU seconds (user + system), wall seconds and peak memory (max RSS);
4. profiles one portal and one plain build (cProfile, CPU time; at 100 playbooks or more) and prints where the portal's extra
   time goes, grouped by package.

Optional: `--serve` measures edit-to-reload under `cxportal serve` at 100 playbooks (or the
largest size given): edit one playbook, poll the served page until it shows the change.

Run by hand: `make bench` (10 and 100), `python benchmarks/build.py 10 100 1000 --serve`.
CI runs `benchmarks/build.py 10` only as a smoke run: its figures are not judged.
Front-end figures (Lighthouse) come from `benchmarks/lighthouse.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
DUMP_HOOK = '''\
"""Benchmark hook: writes every page's final Markdown and the navigation for the plain build, per language."""
import json
import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link, Section

ROOT = Path(os.environ["CXBENCH_DUMP"])


def _out(config):
    return ROOT / str(config.theme.get("language") or "en")


def _entry(item):
    if isinstance(item, Section):
        return {item.title: [_entry(child) for child in item.children]}
    if isinstance(item, Link):
        return {item.title: item.url}
    return {item.title: item.file.src_uri} if item.title else item.file.src_uri


@event_priority(-1000)
def on_nav(nav, config, files):
    out = _out(config)
    out.mkdir(parents=True, exist_ok=True)
    (out / "nav.json").write_text(json.dumps([_entry(item) for item in nav.items]))
    search = config.plugins.get("material/search") or config.plugins.get("search")
    settings = {"site_url": config.site_url, "language": config.theme.get("language")}
    if search is not None:
        settings["search"] = {"lang": search.config.lang, "pipeline": search.config.pipeline}
    (out / "settings.json").write_text(json.dumps(settings))


@event_priority(-1000)  # after every plugin has changed the Markdown
def on_page_markdown(markdown, page, config, files):
    portal = config.plugins.get("cxportal")
    if portal is not None and hasattr(portal, "html_stash"):
        # The finished blocks the portal carries past Markdown: plain Material converts them like any HTML.
        markdown = portal.html_stash.restore(markdown)
    meta = {k: v for k, v in page.meta.items() if not k.startswith("cx_") and k != "render_macros"}
    head = "---\\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\\n\\n" if meta else ""
    target = _out(config) / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(head + markdown, "utf-8")
    return markdown
'''

WORDS = (
    "customer team promise service journey complaint listen act measure improve feedback value "
    "trust colleague process handoff channel data goal leader"
).split()
# Glossary terms that appear in the synthetic text, as they do in the shipped playbooks.
TERMS = ("CX", "NPS", "VoC", "CSAT", "journey map", "service blueprint", "first-contact resolution")


def paragraph(rng: random.Random, words: int) -> str:
    picks = [rng.choice(TERMS) if rng.random() < 0.03 else rng.choice(WORDS) for _ in range(words)]
    text = " ".join(picks)
    return text[0].upper() + text[1:] + "."


# Writing the portal project ------------------------------------------------------------------


def write_portal(project: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    content = project / "playbooks"
    (content / "roles").mkdir(parents=True)
    (content / "quizzes").mkdir()
    shutil.copytree(ROOT / "playbooks" / "diagrams", content / "diagrams")
    diagrams = sorted(p.stem for p in (content / "diagrams").glob("*.svg"))
    for n in range(count):
        pid = f"pb-{n:04d}"
        cites = " ".join(f'{{{{ cite("B{rng.randrange(count)}-{rng.randint(1, 5)}") }}}}' for _ in range(3))
        sections = "\n\n".join(
            f"## [B{n}-{i}] Principle {i} of playbook {n}\n\n" + "\n\n".join(paragraph(rng, 40) for _ in range(4))
            for i in range(1, 6)
        )
        diagram = f'\n\n{{{{ diagram("{diagrams[n % len(diagrams)]}") }}}}\n' if n % 5 == 0 and diagrams else ""
        (content / f"{pid}.md").write_text(
            textwrap.dedent(f"""\
            ---
            id: {pid}
            title: Playbook {n}
            summary: Synthetic playbook number {n}.
            audiences: [all]
            duration: 5
            version: "1.0"
            reviewed: 2026-11-01
            owner: Benchmark
            changes:
              - {{version: "1.0", date: 2026-11-01, note: First publication.}}
            ---

            # Playbook {n}

            ## Learning objectives {{#objectives}}

            {paragraph(rng, 30)}

            """)
            + sections
            + diagram
            + f"\n\n## Related {{#related}}\n\nSee also {cites}.\n\n"
            + f'## In your role {{#roles}}\n\n{{{{ role_examples("{pid}") }}}}\n\n'
            + f'## Check yourself {{#quiz}}\n\n{{{{ quiz("{pid}") }}}}\n'
        )
        questions = "\n".join(
            textwrap.dedent(f"""\
              - id: q{q}
                type: {"multiple" if q % 4 == 3 else "single"}
                prompt: Question {q} about principle {q % 5 + 1}?
                cites: B{n}-{q % 5 + 1}
                explanation: {paragraph(rng, 12)}
                options:
                  - {{text: Right answer, correct: true, feedback: {paragraph(rng, 8)}}}
                  - {{text: {"Also right" if q % 4 == 3 else "Wrong answer"}, correct: {str(q % 4 == 3).lower()}, feedback: {paragraph(rng, 8)}}}
                  - {{text: Other answer, feedback: {paragraph(rng, 8)}}}""")
            for q in range(8)
        )
        (content / "quizzes" / f"{pid}.yml").write_text(
            f"id: {pid}\ntitle: Quiz {n}\nplaybook: {pid}\npass_mark: 75\nduration: 8\nquestions:\n{textwrap.indent(questions, '  ')}\n"
        )
    roles = max(3, count // 10)
    for r in range(roles):
        picks = rng.sample(range(count), min(6, count))
        steps = "\n".join(f"    - playbook: pb-{p:04d}\n    - quiz: pb-{p:04d}" for p in picks)
        refresh = "\n".join(f"    - playbook: pb-{p:04d}" for p in picks[:4])
        examples = "\n".join(f"  pb-{p:04d}: {paragraph(rng, 25)}" for p in picks)
        kind = ("front-line", "back-office", "leader")[r % 3]
        (content / "roles" / f"role-{r:03d}.yml").write_text(
            f"id: role-{r:03d}\nname: Role {r}\nkind: {kind}\ndepartment: Dept {r % 7}\nsummary: Role {r}.\n"
            f"shapes_cx: Role {r} shapes experience.\nexamples:\n{examples}\n"
            f"paths:\n  onboarding:\n{steps}\n  refresher:\n    - page: changes\n    - page: season\n{refresh}\n"
        )
    # The shipped glossary and season, with glossary references pointed at synthetic codes.
    glossary = yaml.safe_load((ROOT / "playbooks/glossary.yml").read_text("utf-8"))
    for index, term in enumerate(glossary):
        if "see" in term:
            term["see"] = f"B{index % count}-{index % 5 + 1}"
    (content / "glossary.yml").write_text(yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False), "utf-8")
    shutil.copy(ROOT / "playbooks/season.yml", content / "season.yml")
    docs = project / "docs"
    docs.mkdir()
    cards = "\n\n".join(f'{{{{ role_card("role-{r:03d}") }}}}' for r in range(min(roles, 6)))
    (docs / "index.md").write_text(
        f'# Benchmark portal\n\n{paragraph(rng, 60)}\n\n<div class="cx-continue" data-cx-continue></div>\n\n{cards}\n'
    )
    (docs / "start-here.md").write_text(
        f'---\ncx_nav: start\n---\n# Start here\n\n{paragraph(rng, 60)}\n\n{{{{ path("role-000") }}}}\n'
    )
    (docs / "refresher.md").write_text(
        f'---\ncx_nav: refresher\n---\n# Refresher\n\n{paragraph(rng, 60)}\n\n{{{{ path("role-001", "refresher") }}}}\n'
    )
    (docs / "for-leaders.md").write_text(
        "---\ncx_nav: leaders\n---\n# For leaders\n\n"
        + "\n".join(f'- {{{{ cite("B{rng.randrange(count)}-{rng.randint(1, 5)}") }}}}' for _ in range(12))
        + "\n"
    )
    (docs / "authoring.md").write_text(
        "---\ncx_nav: authors\n---\n# Writing content\n\n" + "\n\n".join(paragraph(rng, 50) for _ in range(8)) + "\n"
    )
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for shared in ("overrides", "macros"):
        if (ROOT / shared).is_dir():
            shutil.copytree(ROOT / shared, project / shared, ignore=shutil.ignore_patterns("__pycache__"))


class _Tagged(str):
    """A `!!python/name:…` value of mkdocs.yml (Material's emoji index), kept so the copy still loads."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Tagged, lambda dumper, value: dumper.represent_scalar(str(value), ""))


def dump_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def portal_settings(project: Path) -> dict:
    loader = type("_Lenient", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda _loader, tag, _node: _Tagged(tag))
    return yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=loader)


def write_plain(portal_project: Path, plain: Path) -> str:
    """Dump the portal's final pages and navigation, per language, and make them plain Material projects.

    The portal builds a site per language (site/ and site/ru/ for `languages: [ru]`); plain Material
    gets the same: `mkdocs.yml` for the main language and `mkdocs.<lang>.yml` (docs-<lang>/) for each
    other, with that language's theme language and search settings, built into site/<lang>/.
    """
    dump = portal_project.parent / "dump"
    shutil.rmtree(dump, ignore_errors=True)
    dump.mkdir(parents=True)
    hook = portal_project.parent / "dump_hook.py"
    hook.write_text(DUMP_HOOK)
    settings = portal_settings(portal_project)
    settings["hooks"] = [str(hook)]
    dump_config = portal_project / "mkdocs.dump.yml"
    dump_config.write_text(dump_yaml(settings))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(dump_config), "-d", str(dump / "site")],
        cwd=portal_project,
        capture_output=True,
        text=True,
        env={**ENV, "CXBENCH_DUMP": str(dump)},
    )
    dump_config.unlink()
    if result.returncode:
        raise SystemExit(f"portal build failed in {portal_project}:\n{result.stdout}\n{result.stderr}")
    shutil.rmtree(plain, ignore_errors=True)
    main_lang = str(settings["theme"].get("language") or "en")
    langs = [main_lang] + sorted(p.name for p in dump.iterdir() if (p / "nav.json").is_file() and p.name != main_lang)
    theme = {k: v for k, v in settings["theme"].items() if k != "custom_dir"}
    extensions = [e for e in settings.get("markdown_extensions", []) if "cxportal" not in str(e)]
    plugins = [
        p
        for p in settings.get("plugins", [])
        if not (isinstance(p, dict) and {"cxportal", "macros"} & set(p)) and p not in ("cxportal", "macros")
    ]
    for lang in langs:
        docs = "docs" if lang == main_lang else f"docs-{lang}"
        shutil.copytree(dump / lang / "docs", plain / docs)
        site = json.loads((dump / lang / "settings.json").read_text())
        lang_plugins = []
        for p in plugins:
            name = next(iter(p)) if isinstance(p, dict) else p
            if name in ("search", "material/search") and site.get("search"):
                options = {k: v for k, v in site["search"].items() if v is not None}
                lang_plugins.append({name: {**(p[name] if isinstance(p, dict) else {}), **options}})
            else:
                lang_plugins.append(p)
        config = {
            "site_name": "Plain Material",
            "site_url": site.get("site_url"),
            "docs_dir": docs,
            "theme": {**theme, "language": lang},
            "plugins": lang_plugins,
            "markdown_extensions": extensions,
            "extra": {"generator": False},
            "nav": json.loads((dump / lang / "nav.json").read_text()),
        }
        name = "mkdocs.yml" if lang == main_lang else f"mkdocs.{lang}.yml"
        (plain / name).write_text(dump_yaml(config))
    features = ", ".join(theme.get("features", []))
    return (
        f"plain Material: the portal's pages in {len(langs)} language(s) {langs}, one build each, "
        f"the portal's navigation, {len(extensions)} Markdown extensions, features [{features}], "
        f"plugins {[next(iter(p)) if isinstance(p, dict) else p for p in plugins]}"
    )


def site_builds(project: Path) -> list[tuple[Path, str]]:
    """(config file, site sub-folder) of each build a project needs: mkdocs.yml, then mkdocs.<lang>.yml into <lang>/."""
    extra = sorted(project.glob("mkdocs.*.yml"))
    return [(project / "mkdocs.yml", "")] + [(config, config.name.split(".")[1]) for config in extra]


# Measuring ----------------------------------------------------------------------------------


def child_main(project: Path) -> None:
    """Runs one project's builds as a child and prints its own figures: the caller's RUSAGE_CHILDREN would mix
    builds. Plain Material builds once per language, one after the other, into the same site folder."""
    start = time.perf_counter()
    site = project.parent / f"site-{project.name}"
    logs, ok = [], True
    for config, sub in site_builds(project):
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site / sub)],
            cwd=project,
            env=ENV,
            capture_output=True,
            text=True,
        )
        logs.append(result.stdout + result.stderr)
        ok = ok and result.returncode == 0
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "ok": ok,
                "log": "\n".join(logs),
                "wall": wall,
                "cpu": usage.ru_utime + usage.ru_stime,
                "rss_mib": usage.ru_maxrss / 1024,
            }
        )
    )


def measure(project: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(project)], capture_output=True, text=True, env=ENV)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    if not figures["ok"]:
        raise SystemExit(f"build failed in {project}:\n{figures['log']}")
    return figures


def alternate(portal: Path, plain: Path, runs: int) -> tuple[dict, dict]:
    """A B A B …: both sides see the same machine load; medians resist one disturbed run."""
    samples: dict[str, list[dict]] = {"portal": [], "plain": []}
    for _ in range(runs):
        samples["portal"].append(measure(portal))
        samples["plain"].append(measure(plain))

    def median(side: str) -> dict:
        return {k: statistics.median(s[k] for s in samples[side]) for k in ("cpu", "wall", "rss_mib")}

    return median("portal"), median("plain")


def package_of(filename: str) -> str:
    """Groups a profiled function by its top-level package (or a label for built-ins)."""
    if filename.startswith("~") or filename.startswith("<"):
        return "(built-in)"
    parts = Path(filename).parts
    for marker in ("site-packages", "lib-dynload"):
        if marker in parts:
            rest = parts[parts.index(marker) + 1 :]
            return rest[0].removesuffix(".py") if rest else marker
    if "cxportal" in parts:
        return "cxportal." + Path(filename).stem
    if "macros" in parts:
        return "project macros"
    if "python3" in "".join(parts[:4]) or "lib" in parts:
        return "stdlib." + Path(filename).stem
    return Path(filename).stem


PROFILE_RUNNER = """
import cProfile, runpy, sys, time
out = sys.argv.pop(1)
sys.argv[0] = "mkdocs"
# CPU time, not wall time: on a shared machine, waiting for a core is not the build's cost.
profiler = cProfile.Profile(time.process_time)
try:
    profiler.runcall(runpy.run_module, "mkdocs", run_name="__main__")
except SystemExit:
    pass
profiler.dump_stats(out)
"""


def profile(project: Path) -> dict[str, float]:
    """cProfile self time by package over every build of the project (each language for plain Material)."""
    site = project.parent / f"site-{project.name}"
    by_package: dict[str, float] = {}
    for index, (config, sub) in enumerate(site_builds(project)):
        out = project.parent / f"{project.name}.{index}.prof"
        subprocess.run(
            [sys.executable, "-c", PROFILE_RUNNER, str(out), "build", "-q", "-f", str(config), "-d", str(site / sub)],
            cwd=project,
            env=ENV,
            capture_output=True,
            check=True,
        )
        stats = pstats.Stats(str(out)).stats.items()  # type: ignore[attr-defined]
        for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats:
            key = package_of(filename)
            if key.startswith("cxportal.") and key != "cxportal":
                key = "cxportal (" + key.split(".", 1)[1] + ")"
            by_package[key] = by_package.get(key, 0.0) + tottime
    return by_package


def print_profile(portal: dict[str, float], plain: dict[str, float], top: int = 14) -> None:
    keys = sorted(set(portal) | set(plain), key=lambda k: portal.get(k, 0) - plain.get(k, 0), reverse=True)
    gap = sum(portal.values()) - sum(plain.values())
    print(f"\nwhere the portal's extra time goes (cProfile self time by package, gap {gap:.2f} s):")
    print(f"  {'package':<34} {'portal':>8} {'plain':>8} {'extra':>8}")
    for key in keys[:top]:
        print(
            f"  {key:<34} {portal.get(key, 0):8.2f} {plain.get(key, 0):8.2f} {portal.get(key, 0) - plain.get(key, 0):8.2f}"
        )
    print(f"  {'total':<34} {sum(portal.values()):8.2f} {sum(plain.values()):8.2f} {gap:8.2f}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def serve_reload(
    project: Path, edits: int = 3, source: str = "playbooks/pb-0001.md", page: str = "playbooks/pb-0001/"
) -> list[float]:
    """Wall seconds from saving `source` until a browser on `page` shows the change under `cxportal serve`.

    The clock starts just before the file is written. A thread waits on the page's livereload poll
    (/livereload/<epoch>/<id>, as the browser's script does); when the server answers with a newer
    epoch it fetches the page again, as the browser's reload does, and the clock stops once that
    page holds the edit. The same run also polls the page every 20 ms: both figures are printed.
    The server runs from a copy of mkdocs.yml with `strict: false`: the synthetic quizzes draw
    warnings by design, and in strict mode the server would refuse to serve them.
    """
    import re
    import threading

    port = free_port()
    cli = Path(sys.executable).parent / "cxportal"
    settings = portal_settings(project)
    settings["strict"] = False
    config = project / "mkdocs.serve.yml"
    config.write_text(dump_yaml(settings), "utf-8")
    server = subprocess.Popen(
        [str(cli), "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/{page}"
    path = project / source
    original = path.read_text("utf-8")
    times = []
    try:
        deadline = time.monotonic() + 900
        while "livereload(" not in fetch(url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("cxportal serve did not start")
            time.sleep(0.2)
        for n in range(edits):
            time.sleep(1.5)  # let the watcher settle after the previous build
            epoch, request = re.findall(r"livereload\((\d+),\s*(\d+)\)", fetch(url))[-1]
            marker = f"Benchmark edit number {n} {time.time_ns()}"
            reloaded: list[float] = []

            def browser(
                epoch: str = epoch, request: str = request, marker: str = marker, reloaded: list[float] = reloaded
            ) -> None:
                while not reloaded:
                    answer = fetch(f"http://127.0.0.1:{port}/livereload/{epoch}/{request}")
                    if answer.strip().isdigit() and int(answer) > int(epoch):
                        if marker in fetch(url):  # the reload
                            reloaded.append(time.perf_counter())
                        return

            watcher = threading.Thread(target=browser, daemon=True)
            watcher.start()
            time.sleep(0.1)  # the poll is waiting on the server
            start = time.perf_counter()
            path.write_text(original.replace("\n## ", f"\n{marker}\n\n## ", 1), "utf-8")
            while marker not in fetch(url):
                if time.perf_counter() - start > 300:
                    raise SystemExit("the edit never reached the served page")
                time.sleep(0.02)
            polled = time.perf_counter() - start
            watcher.join(timeout=300)
            if not reloaded:
                raise SystemExit("livereload did not bring the edit to the browser")
            times.append(reloaded[0] - start)
            print(
                f"  edit {n}: browser reloaded with the edit {times[-1]:.2f} s, page polled {polled:.2f} s", flush=True
            )
    finally:
        path.write_text(original, "utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        config.unlink()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 100])
    parser.add_argument("--runs", type=int, default=0, help="builds per side (default: 3 up to 100 playbooks, else 1)")
    parser.add_argument("--no-profile", action="store_true", help="skip the profile summary")
    parser.add_argument("--serve", action="store_true", help="also measure edit-to-reload under `cxportal serve`")
    parser.add_argument("--work", type=Path, default=ROOT / ".bench", help="scratch folder (deleted first)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child_main(args.child)
    shutil.rmtree(args.work, ignore_errors=True)
    print(
        "portal: the synthetic project (N playbooks + N quizzes, N/10 roles, shipped glossary, season and "
        "diagrams; every macro) built by cxportal + mkdocs-macros with the repository's mkdocs.yml"
    )
    rows = []
    for size in args.sizes:
        base = args.work / str(size)
        portal_dir, plain_dir = base / "portal", base / "plain"
        write_portal(portal_dir, size)
        described = write_plain(portal_dir, plain_dir)
        if size == args.sizes[0]:
            print(described, flush=True)
        pages = sum(1 for _ in plain_dir.glob("docs*/**/*.md"))  # every language's pages
        runs = args.runs or (3 if size <= 100 else 1)
        ours, plain = alternate(portal_dir, plain_dir, runs)
        rows.append((size, pages, runs, ours, plain))
        print(
            f"{size:>5} playbooks ({pages} pages, median of {runs}): portal {ours['cpu']:.2f} CPU-s "
            f"{ours['wall']:.2f} s {ours['rss_mib']:.0f} MiB | plain {plain['cpu']:.2f} CPU-s "
            f"{plain['wall']:.2f} s {plain['rss_mib']:.0f} MiB",
            flush=True,
        )
        # The profile says little at the smoke size (imports dominate) and would slow CI's smoke run.
        if size == args.sizes[-1] and size >= 100 and not args.no_profile:
            print_profile(profile(portal_dir), profile(plain_dir))
    print(
        "\n size  pages  runs | CPU s: portal  plain  ratio | wall s: portal  plain  ratio | MiB: portal  plain  ratio"
    )
    for size, pages, runs, o, p in rows:
        print(
            f"{size:>5} {pages:>6} {runs:>5} | {o['cpu']:13.2f} {p['cpu']:6.2f} {o['cpu'] / p['cpu']:6.2f} |"
            f" {o['wall']:14.2f} {p['wall']:6.2f} {o['wall'] / p['wall']:6.2f} |"
            f" {o['rss_mib']:11.0f} {p['rss_mib']:6.0f} {o['rss_mib'] / p['rss_mib']:6.2f}"
        )
    for (s1, _, _, o1, p1), (s2, _, _, o2, p2) in zip(rows, rows[1:], strict=False):
        print(
            f"growth {s1}->{s2} playbooks (x{s2 / s1:g}), CPU: portal x{o2['cpu'] / o1['cpu']:.1f}, "
            f"plain x{p2['cpu'] / p1['cpu']:.1f}"
        )
    if args.serve:
        size = 100 if 100 in args.sizes else args.sizes[-1]
        times = serve_reload(args.work / str(size) / "portal")
        print(
            f"\nserve at {size} playbooks, edit one playbook -> changed page served: "
            f"median {statistics.median(times):.2f} s wall ({', '.join(f'{t:.2f}' for t in times)})"
        )


if __name__ == "__main__":
    main()
