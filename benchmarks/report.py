"""Report benchmark: `cxportal report` reading cohorts of growing size from a real LRS.

For each cohort size (people), the synthetic cohort of tests/xapi_cohort.py is written into a
fresh Ralph (file-system backend, on 127.0.0.1, started here) by an import account the report
trusts (`--trust`), then `cxportal report` runs in its own process against it. Printed per size:
statements, the report's wall and CPU seconds, its peak memory (max RSS of that process alone),
and how each grows against the statements: the time is expected to grow about linearly, the
memory not at all (statements are streamed a page at a time into an on-disk store).

Ralph's own paging is part of what is measured, as a team would meet it.

Run: `python benchmarks/report.py` (sizes 500 2000 7500 people: about 7k, 28k and 105k statements),
or name the sizes: `python benchmarks/report.py 200 1000`.
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
    args = [sys.executable, "-m", "cxportal.cli", "report", "-f", str(FIXTURE / "mkdocs.yml"), "--lrs", lrs_url,
            "--lrs-user", IMPORTER[0], "--lrs-password", "not-a-secret", "--trust", IMPORTER[1], "-o", str(out)]
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
    parser.add_argument("people", nargs="*", type=int, default=[500, 2000, 7500])
    args = parser.parse_args()
    portal, _ = load_project(FIXTURE, settings=FIXTURE_SETTINGS)
    current = quiz_hash(portal.quizzes["alpha"])
    rows = []
    for people in args.people:
        cohort = Cohort("http://cx.intranet.example/", current, people=people, seed=people)
        with tempfile.TemporaryDirectory(prefix="cxportal-bench-report-") as tmp:
            with running_ralph(Path(tmp) / "lrs", dict([IMPORTER])) as lrs:
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
        print(f"{people:>6} people  {count:>7} statements  filled in {fill:6.1f} s  report: {wall:6.1f} s wall, "
              f"{cpu:6.1f} s CPU, {rss / 1024:6.1f} MiB peak   ({summary})", flush=True)
    if len(rows) > 1:
        (_, n0, _, w0, c0, m0), (_, n1, _, w1, c1, m1) = rows[0], rows[-1]
        print(f"\nstatements ×{n1 / n0:.1f}: wall ×{w1 / w0:.2f}, CPU ×{c1 / c0:.2f}, peak memory ×{m1 / m0:.2f}")


if __name__ == "__main__":
    main()
