"""Front-end benchmark: Lighthouse (mobile profile) on the portal and on plain Material, same page.

Builds the repository's portal, and the same pages as plain Material (see build.py), serves each
on 127.0.0.1 with gzip like an intranet web server would, and runs Lighthouse on Debian's
Chromium (CHROME_PATH=/usr/bin/chromium; no browser is downloaded). Prints the performance and
accessibility scores, layout shift, total blocking time, largest contentful paint and bytes
transferred for a playbook with a quiz and for the home page.

Needs Lighthouse from the npm registry: `npm install --no-save lighthouse@12` (Lighthouse 13
needs Node 22). Run: `python benchmarks/lighthouse.py [--runs 3] [--no-plain]`.
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
    return {
        "performance": report["categories"]["performance"]["score"] * 100,
        "accessibility": report["categories"]["accessibility"]["score"] * 100,
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
        "TBT ms": audits["total-blocking-time"]["numericValue"],
        "LCP ms": audits["largest-contentful-paint"]["numericValue"],
        "KB": audits["total-byte-weight"]["numericValue"] / 1024,
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--no-plain", action="store_true", help="only the portal")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: npm install --no-save lighthouse@12")
    with tempfile.TemporaryDirectory(prefix="cx-lighthouse-") as tmp:
        work = Path(tmp)
        sites = build_sites(work, plain=not args.no_plain)
        print(f"Lighthouse (mobile, gzip), median of {args.runs} runs")
        print(f"{'site':<16} {'page':<22} {'perf':>5} {'a11y':>5} {'CLS':>6} {'TBT ms':>7} {'LCP ms':>7} {'KB':>7}")
        for name, site in sites.items():
            server, base = serve(site)
            try:
                for label, path in PAGES.items():
                    results = [lighthouse(base + path, work / f"lh-{n}.json") for n in range(args.runs)]
                    m = {k: statistics.median(r[k] for r in results) for k in results[0]}
                    print(
                        f"{name:<16} {label:<22} {m['performance']:5.0f} {m['accessibility']:5.0f} {m['CLS']:6.3f} "
                        f"{m['TBT ms']:7.0f} {m['LCP ms']:7.0f} {m['KB']:7.1f}",
                        flush=True,
                    )
            finally:
                server.shutdown()


if __name__ == "__main__":
    main()
