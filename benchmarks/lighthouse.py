"""Front-end benchmark: Lighthouse (mobile profile) on the portal and on plain Material, same page.

Builds the repository's portal, and the same pages as plain Material (see build.py), serves each
on 127.0.0.1 with gzip like an intranet web server would, and runs Lighthouse on Debian's
Chromium (CHROME_PATH=/usr/bin/chromium; no browser is downloaded). Prints the performance and
accessibility scores and the metrics behind them (first and largest contentful paint, total
blocking time, layout shift, speed index), the render-blocking files and what they cost first paint,
requests and bytes transferred, for a playbook with a quiz and for the home page.

Lighthouse's simulated throttling scales what it measured on this machine, so the figures move
with the machine's load: the sites are measured alternately (portal, plain, portal, plain …),
medians are printed, and so are the load average and Lighthouse's benchmark index of the machine
at the time ("CPU idx", higher is faster; it drops when other work loads the CPU). Judge the portal
against plain Material from the same run as well as by its absolute score.

Needs Lighthouse from the npm registry: `npm install --no-save lighthouse@12` (Lighthouse 13
needs Node 22). Run: `python benchmarks/lighthouse.py [--runs 3] [--no-plain] [--page home] [--details] [--keep DIR]`.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import ENV, ROOT, write_plain  # noqa: E402

# Build with this checkout's cxportal, whichever checkout the virtual environment was installed from.
ENV["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
PAGES = {"playbook with a quiz": "playbooks/leadership-5p/", "home": ""}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the browser asks (as nginx or IIS do on an intranet)."""

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not path.is_file()
            or path.suffix not in COMPRESSIBLE
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run (mobile profile, simulated throttling) and the figures it gives."""
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance,accessibility",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        check=True,
        capture_output=True,
    )
    report = json.loads(out.read_text())
    audits = report["audits"]
    blocking = audits["render-blocking-resources"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        "perf": report["categories"]["performance"]["score"] * 100,
        "a11y": report["categories"]["accessibility"]["score"] * 100,
        "FCP": audits["first-contentful-paint"]["numericValue"],
        "LCP": audits["largest-contentful-paint"]["numericValue"],
        "TBT": audits["total-blocking-time"]["numericValue"],
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
        "SI": audits["speed-index"]["numericValue"],
        "block": len((blocking.get("details") or {}).get("items", [])),
        "blockms": (blocking.get("metricSavings") or {}).get("FCP", 0) or 0,
        "reqs": len(requests),
        "KB": audits["total-byte-weight"]["numericValue"] / 1024,
        # Lighthouse's own measure of this machine's speed at the time: lower when other work loads the CPU.
        "CPU": report["environment"]["benchmarkIndex"],
        # What to look at when a figure is off: which files block rendering, what runs long.
        "_blocking": [item["url"].rsplit("/", 1)[-1] for item in (blocking.get("details") or {}).get("items", [])],
        "_long": [
            f"{item['url'].rsplit('/', 1)[-1] or item['url']} {item['duration']:.0f} ms"
            for item in (audits.get("long-tasks", {}).get("details") or {}).get("items", [])
        ],
        "_a11y_failed": [
            ref["id"]
            for ref in report["categories"]["accessibility"]["auditRefs"]
            if ref.get("weight") and audits[ref["id"]].get("score") not in (None, 1)
        ],
    }


def build_sites(work: Path, plain: bool) -> dict[str, Path]:
    project = work / "portal"
    project.mkdir(parents=True)
    for name in ("docs", "playbooks", "overrides", "macros"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    sites = {"portal": work / "site-portal"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(sites["portal"])],
        cwd=project,
        env=ENV,
        check=True,
    )
    if plain:
        write_plain(project, work / "plain")
        sites["plain Material"] = work / "site-plain"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-q",
                "-f",
                str(work / "plain" / "mkdocs.yml"),
                "-d",
                str(sites["plain Material"]),
            ],
            cwd=work / "plain",
            env=ENV,
            check=True,
        )
    return sites


COLUMNS = (  # key, heading, format
    ("perf", "perf", "5.0f"),
    ("a11y", "a11y", "5.0f"),
    ("FCP", "FCP ms", "7.0f"),
    ("LCP", "LCP ms", "7.0f"),
    ("TBT", "TBT ms", "7.0f"),
    ("CLS", "CLS", "6.3f"),
    ("SI", "SI ms", "7.0f"),
    ("block", "block", "6.0f"),
    ("blockms", "blk ms", "7.0f"),
    ("reqs", "reqs", "5.0f"),
    ("KB", "KB", "7.1f"),
    ("CPU", "CPU idx", "7.0f"),
)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and site (median)")
    parser.add_argument("--no-plain", action="store_true", help="only the portal")
    parser.add_argument("--page", choices=sorted(PAGES), action="append", help="only this page (repeatable)")
    parser.add_argument("--keep", type=Path, help="keep every Lighthouse JSON report in this folder")
    parser.add_argument("--details", action="store_true", help="also list blocking files, long tasks, a11y fails")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: npm install --no-save lighthouse@12")
    pages = {label: path for label, path in PAGES.items() if not args.page or label in args.page}
    with tempfile.TemporaryDirectory(prefix="cx-lighthouse-") as tmp:
        work = Path(tmp)
        sites = build_sites(work, plain=not args.no_plain)
        servers = {name: serve(site) for name, site in sites.items()}
        reports = args.keep or work
        reports.mkdir(parents=True, exist_ok=True)
        try:
            print(f"Lighthouse 12 (mobile, simulated throttling, gzip), median of {args.runs} runs, sites alternated")
            print(f"before: {load()}", flush=True)
            header = " ".join(heading.rjust(len(format(0, fmt))) for _, heading, fmt in COLUMNS)
            print(f"{'site':<16} {'page':<22} {header}")
            for label, path in pages.items():
                results: dict[str, list[dict]] = {name: [] for name in sites}
                loads = []
                for run in range(args.runs):  # A B A B …: both sites see the same machine load
                    for name in sites:
                        slug = f"{name.split()[0]}-{label.split()[0]}-{run}"
                        results[name].append(lighthouse(servers[name][1] + path, reports / f"lh-{slug}.json"))
                    loads.append(os.getloadavg()[0])
                for name, runs in results.items():
                    row = " ".join(
                        format(statistics.median(r[key] for r in runs), fmt).rjust(len(format(0, fmt)))
                        for key, _, fmt in COLUMNS
                    )
                    print(f"{name:<16} {label:<22} {row}", flush=True)
                    if args.details:
                        last = runs[-1]
                        scores = ", ".join(f"{r['perf']:.0f}" for r in runs)
                        print(f"    perf per run: {scores}")
                        print(f"    render-blocking: {', '.join(last['_blocking']) or '-'}")
                        print(f"    long tasks: {', '.join(last['_long']) or '-'}")
                        print(f"    a11y failed: {', '.join(last['_a11y_failed']) or '-'}")
                print(f"    1-min load during the runs: {', '.join(f'{x:.2f}' for x in loads)}", flush=True)
            print(f"after: {load()}")
        finally:
            for server, _ in servers.values():
                server.shutdown()


if __name__ == "__main__":
    main()
