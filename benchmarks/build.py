"""Build-time benchmark: the portal against plain mkdocs-material on the same content.

For each size (synthetic playbooks, with roles and quizzes in proportion) it
1. writes a portal project (playbooks, roles, quiz banks) and builds it with cxportal;
2. renders the very same pages to static Markdown (generated pages and quizzes
   included, no plugin) and builds that with plain Material, once with default
   settings and once with `navigation.prune`;
3. prints the times side by side and the ratios, and how time grows with size.

Run by hand: `make bench` (sizes 10 100 1000) or `python benchmarks/build.py 10 100`.
CI runs it only as a smoke run on the smallest size.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from cxportal.plugin.pages import GeneratedPages  # noqa: E402
from cxportal.project import load_project  # noqa: E402
from cxportal.render import Renderer  # noqa: E402
from cxportal.structure import build_nav  # noqa: E402

WORDS = (
    "customer team promise service journey complaint listen act measure improve feedback value "
    "trust colleague process handoff channel data goal leader"
).split()
BUDGETS = {"onboarding": 180, "refresher": 120}


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def write_portal(project: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    content = project / "playbooks"
    (content / "roles").mkdir(parents=True)
    (content / "quizzes").mkdir()
    (project / "docs").mkdir()
    (project / "docs/index.md").write_text("# Benchmark portal\n\nSynthetic content.\n")
    for n in range(count):
        pid = f"pb-{n:04d}"
        sections = "\n\n".join(
            f"## [B{n}-{i}] Principle {i} of playbook {n}\n\n" + "\n\n".join(paragraph(rng, 40) for _ in range(4))
            for i in range(1, 6)
        )
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
            ---

            # Playbook {n}

            ## Learning objectives {{#objectives}}

            {paragraph(rng, 30)}

            """)
            + sections
            + f'\n\n## Check yourself {{#quiz}}\n\n{{{{ quiz("{pid}") }}}}\n'
        )
        questions = "\n".join(
            textwrap.dedent(f"""\
              - id: q{q}
                type: single
                prompt: Question {q} about principle {q % 5 + 1}?
                cites: B{n}-{q % 5 + 1}
                explanation: {paragraph(rng, 12)}
                options:
                  - {{text: Right answer, correct: true, feedback: {paragraph(rng, 8)}}}
                  - {{text: Wrong answer, feedback: {paragraph(rng, 8)}}}
                  - {{text: Other answer, feedback: {paragraph(rng, 8)}}}""")
            for q in range(8)
        )
        (content / "quizzes" / f"{pid}.yml").write_text(
            f"id: {pid}\ntitle: Quiz {n}\nplaybook: {pid}\npass_mark: 75\nduration: 8\nquestions:\n{textwrap.indent(questions, '  ')}\n"
        )
    for r in range(max(3, count // 10)):
        picks = rng.sample(range(count), min(6, count))
        steps = "\n".join(f"    - playbook: pb-{p:04d}\n    - quiz: pb-{p:04d}" for p in picks)
        refresh = "\n".join(f"    - playbook: pb-{p:04d}" for p in picks[:4])
        kind = ("front-line", "back-office", "leader")[r % 3]
        (content / "roles" / f"role-{r:03d}.yml").write_text(
            f"id: role-{r:03d}\nname: Role {r}\nkind: {kind}\ndepartment: Dept {r % 7}\nsummary: Role {r}.\n"
            f"shapes_cx: Role {r} shapes experience.\npaths:\n  onboarding:\n{steps}\n  refresher:\n{refresh}\n"
        )
    config = (ROOT / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(config)


def write_plain(portal_project: Path, plain: Path, prune: bool) -> None:
    """The same pages as static Markdown for plain Material: generated pages and quizzes rendered in."""
    portal, problems = load_project(portal_project, "playbooks", BUDGETS)
    assert not problems, problems[:5]
    renderer = Renderer(portal)
    docs = plain / "docs"
    shutil.copytree(portal_project / "docs", docs)
    author_pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    for page in GeneratedPages(renderer, BUDGETS, portal_project / "playbooks"):
        src, markdown = page.src, page.markdown()
        if src.startswith("playbooks/") and src.count("/") == 1:  # the playbook itself, not its meeting card
            pid = src.split("/")[1][:-3]
            markdown = markdown.replace(
                f'{{{{ quiz("{pid}") }}}}', renderer.quiz(portal.quizzes[pid], f"playbooks/{pid}/")
            )
            markdown = "\n".join(
                line if not line.startswith("## [") else "## " + line.split("] ", 1)[1] for line in markdown.split("\n")
            )
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown)
    features = "[navigation.instant, navigation.tabs, navigation.sections" + (", navigation.prune]" if prune else "]")
    # The very navigation the portal builds, so both render the same sidebar on every page.
    nav = yaml.safe_dump({"nav": build_nav(portal, author_pages)}, sort_keys=False)
    (plain / "mkdocs.yml").write_text(
        nav
        + textwrap.dedent(f"""\
        site_name: Plain Material
        theme: {{name: material, font: false, features: {features}}}
        plugins: [search: {{lang: [en, ru]}}]
        markdown_extensions: [abbr, admonition, attr_list, md_in_html, tables, toc, pymdownx.details,
          pymdownx.superfences, {{pymdownx.tabbed: {{alternate_style: true}}}}, pymdownx.tasklist]
        """)
    )


def timed_build(project: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one `mkdocs build`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stdout}\n{result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def best_of(project: Path, runs: int) -> tuple[float, float]:
    """The fastest of several builds: the least disturbed by whatever else the machine does."""
    times = [timed_build(project) for _ in range(runs)]
    return min(t[0] for t in times), min(t[1] for t in times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[10, 100, 1000])
    parser.add_argument(
        "--runs", type=int, default=0, help="builds per variant (default: 3 up to 100 playbooks, else 1)"
    )
    parser.add_argument("--work", type=Path, default=ROOT / ".bench", help="scratch folder (deleted first)")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    rows = []
    for size in args.sizes:
        base = args.work / str(size)
        portal_dir, plain_dir, pruned_dir = base / "portal", base / "plain", base / "plain-prune"
        write_portal(portal_dir, size)
        write_plain(portal_dir, plain_dir, prune=False)
        write_plain(portal_dir, pruned_dir, prune=True)
        pages = sum(1 for _ in (plain_dir / "docs").rglob("*.md"))
        runs = args.runs or (3 if size <= 100 else 1)
        # One after another in the same run, so the three share the machine's state.
        ours, plain, pruned = best_of(portal_dir, runs), best_of(plain_dir, runs), best_of(pruned_dir, runs)
        rows.append((size, pages, ours, plain, pruned))
        print(
            f"{size:>5} playbooks ({pages} pages): portal {ours[0]:6.2f} s | plain Material {plain[0]:6.2f} s | "
            f"plain + prune {pruned[0]:6.2f} s (wall clock, best of {runs})",
            flush=True,
        )
    for label, k in (("wall-clock seconds", 0), ("CPU seconds (user + system)", 1)):
        print(f"\n{label}\n size  pages    portal     plain     prune  portal/plain  portal/prune")
        for size, pages, ours, plain, pruned in rows:
            print(
                f"{size:>5} {pages:>6} {ours[k]:>9.2f} {plain[k]:>9.2f} {pruned[k]:>9.2f} "
                f"{ours[k] / plain[k]:>13.2f} {ours[k] / pruned[k]:>13.2f}"
            )
        for (s1, _, o1, p1, q1), (s2, _, o2, p2, q2) in zip(rows, rows[1:], strict=False):
            print(
                f"growth {s1}->{s2} playbooks (x{s2 / s1:g}): portal x{o2[k] / o1[k]:.1f}, "
                f"plain x{p2[k] / p1[k]:.1f}, prune x{q2[k] / q1[k]:.1f}"
            )


if __name__ == "__main__":
    main()
