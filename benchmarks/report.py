"""Report benchmark: `cxportal report` reading cohorts of growing size from a real LRS.

For each size, the synthetic cohort of tests/xapi_cohort.py (the same people, taking the course
again each season: more statements, not more people) is written into a fresh Ralph (file-system
backend, on 127.0.0.1, started here) by an import account the report trusts (`--trust`), then
`cxportal report` runs in its own process against it. Printed per size: statements, the report's
wall and CPU seconds, its peak memory (max RSS of that process alone), and how each grows with the
statements: the report's CPU is expected to grow about linearly, its memory not at all (statements
are streamed a page at a time into an on-disk store). The wall time includes Ralph's own paging,
as a team would meet it; Ralph's file-system backend reads its whole file for every page.

Run: `python benchmarks/report.py` (1000 people over 1, 3 and 8 seasons: about 14k, 42k and 111k
statements), or name the seasons and people: `python benchmarks/report.py 1 2 --people 200`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cxportal.project import load_project  # noqa: E402
from cxportal.render import quiz_hash  # noqa: E402
from tests.helpers import FIXTURE_SETTINGS  # noqa: E402
from tests.ralph import running_ralph  # noqa: E402
from tests.xapi_cohort import Cohort  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "portal"
IMPORTER = ("importer", "mailto:importer@cx.intranet.example")
BATCH = 2000


def run_report(lrs_url: str, out: Path) -> tuple[float, float, int, str]:
    """Wall s, CPU s and max RSS (KiB) of one `cxportal report` process, and its summary line."""
    args = [
        sys.executable,
        "-m",
        "cxportal.cli",
        "report",
        "-f",
        str(FIXTURE / "mkdocs.yml"),
        "--lrs",
        lrs_url,
        "--lrs-user",
        IMPORTER[0],
        "--lrs-password",
        "not-a-secret",
        "--trust",
        IMPORTER[1],
        "-o",
        str(out),
    ]
    start = time.monotonic()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    stdout = process.stdout.read() if process.stdout else ""
    stderr = process.stderr.read() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"cxportal report failed:\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("seasons", nargs="*", type=int, default=[1, 3, 8])
    parser.add_argument("--people", type=int, default=1000)
    args = parser.parse_args()
    portal, _ = load_project(FIXTURE, settings=FIXTURE_SETTINGS)
    current = quiz_hash(portal.quizzes["alpha"])
    rows = []
    people = args.people
    for seasons in args.seasons:
        cohort = Cohort("http://cx.intranet.example/", current, people=people, seasons=seasons)
        with (
            tempfile.TemporaryDirectory(prefix="cxportal-bench-report-") as tmp,
            running_ralph(Path(tmp) / "lrs", dict([IMPORTER])) as lrs,
        ):
            batch: list[dict] = []
            count, fill_start = 0, time.monotonic()
            for _user, statements in cohort.statements():
                batch += statements
                if len(batch) >= BATCH:
                    assert lrs.post(IMPORTER[0], batch) == 200
                    count, batch = count + len(batch), []
            if batch:
                assert lrs.post(IMPORTER[0], batch) == 200
                count += len(batch)
            fill = time.monotonic() - fill_start
            wall, cpu, rss, summary = run_report(lrs.url, Path(tmp) / "out")
        rows.append((people, count, fill, wall, cpu, rss))
        print(
            f"{people:>6} people  {count:>7} statements  filled in {fill:6.1f} s  report: {wall:6.1f} s wall, "
            f"{cpu:6.1f} s CPU, {rss / 1024:6.1f} MiB peak   ({summary})",
            flush=True,
        )
    if len(rows) > 1:
        (_, n0, _, w0, c0, m0), (_, n1, _, w1, c1, m1) = rows[0], rows[-1]
        print(f"\nstatements ×{n1 / n0:.1f}: wall ×{w1 / w0:.2f}, CPU ×{c1 / c0:.2f}, peak memory ×{m1 / m0:.2f}")


if __name__ == "__main__":
    main()
