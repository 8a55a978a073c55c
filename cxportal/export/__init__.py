"""Exports of the portal's content for learning management systems.

Each format is one module over the same model: `gift` and `moodle_xml` write
question banks, `scorm` writes one SCORM 1.2 package per learning path. None of
them imports MkDocs. Whatever a format cannot carry faithfully is reported as an
`ExportNote` naming the quiz, the question and what was lost, never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExportNote:
    """Something an export could not carry over as the portal shows it."""

    where: str  # e.g. "quizzes/leadership-5p.yml:40" or a quiz id
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


FORMATS = ("scorm", "scorm2004", "gift", "moodle-xml")


def write_exports(renderer, site_dir, out_dir, formats, *, use_directory_urls: bool = True):
    """Write each requested format into `out_dir`; return (files written, notes on what was lost).

    `site_dir` is a built site (SCORM packages take their pages from it); question banks
    need only the model. One file per quiz bank plus one with every bank, per format.
    """
    from pathlib import Path

    from .common import exportable_quizzes
    from .gift import write_gift
    from .moodle_xml import write_moodle_xml
    from .scorm import ScormExporter

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    portal, site_url, lang = renderer.portal, renderer.site_url, renderer.lang
    written: list[Path] = []
    notes: list[ExportNote] = []
    banks = {"gift": (write_gift, "gift"), "moodle-xml": (write_moodle_xml, "xml")}
    for fmt in formats:
        if fmt in banks:
            write, suffix = banks[fmt]
            folder = out_dir / fmt
            folder.mkdir(exist_ok=True)
            quizzes = exportable_quizzes(portal)
            text, fmt_notes = write(portal, quizzes, site_url, lang)
            notes += fmt_notes
            (folder / f"all-quizzes.{suffix}").write_text(text, "utf-8")
            written.append(folder / f"all-quizzes.{suffix}")
            for quiz in quizzes:
                text, _same_notes = write(portal, [quiz], site_url, lang)
                (folder / f"{quiz.id}.{suffix}").write_text(text, "utf-8")
                written.append(folder / f"{quiz.id}.{suffix}")
        elif fmt in ("scorm", "scorm2004"):
            version = "2004" if fmt == "scorm2004" else "1.2"
            exporter = ScormExporter(renderer, Path(site_dir), use_directory_urls=use_directory_urls, version=version)
            written += exporter.export_all(out_dir / fmt)
            notes += exporter.notes
        else:
            raise ValueError(f"unknown export format {fmt!r} (use one of {', '.join(FORMATS)})")
    return written, notes
