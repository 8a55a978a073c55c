"""The `cxportal` command: check, build, serve, scaffold and report on a portal project."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import click

from .i18n import catalogue_problems
from .loader import translation_lang
from .model import PATH_KINDS, Portal
from .problems import Problem, errors, report, warnings
from .project import load_portal
from .render import Renderer, format_minutes
from .settings import PortalSettings
from .structure import role_quizzes
from .translations import Coverage, coverage, docs_translation

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # mkdocs-material 9.8 banner


def _settings(config_file: Path) -> PortalSettings:
    """The project's settings as a build reads them (MkDocs' config loading); a bad mkdocs.yml ends the command."""
    from .plugin.config import SettingsError, load_settings  # MkDocs is imported only here

    try:
        return load_settings(config_file)
    except SettingsError as error:
        click.echo(str(error), err=True)
        sys.exit(1)


def _load(config_file: Path) -> tuple[Portal, list[Problem], PortalSettings]:
    """The project's settings, content and every problem: the content's and its string catalogues'."""
    settings = _settings(config_file)
    portal, problems = load_portal(settings)
    catalogues = [p for folder in settings.strings_dirs() for p in catalogue_problems(folder, settings.project_dir)]
    return portal, catalogues + problems, settings


config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The project's mkdocs.yml.",
)


@click.group()
@click.version_option(package_name="cxportal")
def main() -> None:
    """Build and check a training portal from playbooks, roles and quizzes."""


@main.command()
@config_option
@click.option("--content-only", is_flag=True, help="Check the content files only, not the site's pages and links.")
@click.option("--strict", is_flag=True, help="Fail on warnings too (the quiz quality check, missing sources).")
@click.option(
    "--stats",
    "stats_csv",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A questions.csv from `cxportal report`: list its flagged questions as notes at their lines.",
)
def check(config_file: Path, content_only: bool, strict: bool, stats_csv: Path | None) -> None:
    """Validate all content, then every page as a strict build would; list every problem as file:line: message."""
    portal, problems, _ = _load(config_file)
    if stats_csv is not None:
        from .report.flagged import flagged_questions

        problems = [*problems, *flagged_questions(stats_csv, portal)]
    if problems:
        click.echo(report(problems), err=True)
    if errors(problems) or (strict and warnings(problems)):
        sys.exit(1)
    if not content_only:
        from .plugin.dryrun import check_site  # MkDocs is imported only here

        failures = check_site(config_file)
        if failures:
            click.echo("\n".join(failures), err=True)
            sys.exit(1)
    click.echo(
        f"OK: {len(portal.playbooks)} playbooks, {len(portal.items)} codes, {len(portal.roles)} roles, "
        f"{len(portal.quizzes)} quizzes, {sum(len(q.questions) for q in portal.quizzes.values())} questions."
    )


def _mkdocs(*args: str) -> int:
    return subprocess.call([sys.executable, "-m", "mkdocs", *args])


@main.command()
@config_option
@click.option("-d", "--site-dir", type=click.Path(file_okay=False), help="Where to write the site.")
@click.option("--strict/--no-strict", default=True, show_default=True, help="Fail on any warning.")
def build(config_file: Path, site_dir: str | None, strict: bool) -> None:
    """Build the static site (the previous site stays untouched if the build fails)."""
    args = ["build", "-f", str(config_file)] + (["-d", site_dir] if site_dir else []) + (["--strict"] if strict else [])
    sys.exit(_mkdocs(*args))


@main.command()
@config_option
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on.")
def serve(config_file: Path, dev_addr: str) -> None:
    """Serve the portal locally and rebuild on every change (choose the port with --dev-addr)."""
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise click.BadParameter("use HOST:PORT, e.g. 127.0.0.1:8001", param_hint="--dev-addr")
    busy = _port_in_use(host, int(port))
    if busy:
        raise click.ClickException(
            f"{dev_addr} is already in use ({busy}). Stop the other server, or choose another port: "
            f"cxportal serve --dev-addr {host}:{int(port) + 1}  (or: make serve ADDR={host}:{int(port) + 1})"
        )
    # In this process, not a child: a signal that ends `cxportal serve` ends the server with it,
    # so no orphan keeps the port. An edit rebuilds only the pages it affects (cxportal/plugin/serve.py).
    from mkdocs.exceptions import MkDocsException

    from .plugin.serve import serve as serve_portal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(0))
    _console_logging()
    try:
        serve_portal(str(config_file), dev_addr)
    except OSError as error:
        raise click.ClickException(f"could not serve on {dev_addr}: {error.strerror or error}") from None
    except MkDocsException as error:
        raise click.ClickException(str(error)) from None
    except KeyboardInterrupt:
        click.echo("Stopped.")


def _port_in_use(host: str, port: int) -> str:
    """Why the address cannot be bound, or "" when it is free."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: TIME_WAIT is free
        try:
            probe.bind((host, port))
        except OSError as error:
            return error.strerror or str(error)
    return ""


def _console_logging() -> None:
    """MkDocs' own console format (its CLI sets this up; calling serve directly does not)."""
    from mkdocs.__main__ import ColorFormatter

    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    log = logging.getLogger("mkdocs")
    log.addHandler(handler)
    log.setLevel(logging.INFO)


SCAFFOLDS = {
    "playbook": "scaffold/playbook.md",
    "role": "scaffold/role.yml",
    "quiz": "scaffold/quiz.yml",
    "activity": "scaffold/activity.md",
}


@main.command()
@config_option
@click.argument("kind", type=click.Choice(sorted(SCAFFOLDS)))
@click.argument("name")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(config_file: Path, kind: str, name: str, force: bool) -> None:
    """Scaffold a valid playbook, role, quiz or practice activity named NAME (a lower-case id)."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        raise click.BadParameter(
            "use lower-case letters, digits and dashes, e.g. 'complaint-basics'", param_hint="NAME"
        )
    portal, _problems, settings = _load(config_file)
    root = settings.content_path
    target = {
        "playbook": root / f"{name}.md",
        "role": root / "roles" / f"{name}.yml",
        "quiz": root / "quizzes" / f"{name}.yml",
        "activity": root / "activities" / f"{name}.md",
    }[kind]
    if target.exists() and not force:
        raise click.ClickException(f"{target} already exists (use --force to overwrite)")
    playbook = name if kind != "quiz" or name in portal.playbooks else next(iter(sorted(portal.playbooks)), name)
    project = config_file.parent
    schemas = ensure_schemas(project)
    owners = [p.owner for p in portal.playbooks.values()]
    renderer = Renderer(portal)
    text = renderer.scaffold(
        SCAFFOLDS[kind],
        name=name,
        today=dt.date.today().isoformat(),
        title=name.replace("-", " ").capitalize(),
        playbook=playbook,
        code_prefix=_code_prefix(name, {i.split("-")[0] for i in portal.items}),
        first_playbook=next(iter(sorted(portal.playbooks)), name),
        first_code=next(iter(sorted(portal.items)), "XX-1"),
        # Relative to the new file's folder, so editors find the schema in this project.
        schema_dir=Path(os.path.relpath(schemas, target.parent.resolve())).as_posix(),
        owner=max(set(owners), key=owners.count) if owners else "Training team",
        kind=next((r.kind for r in sorted(portal.roles.values(), key=lambda r: r.id)), "staff"),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    click.echo(f"Created {target}")


SCHEMA_KINDS = ("playbook", "role", "quiz", "glossary", "season")


def write_schemas(directory: Path) -> list[Path]:
    """Copies the JSON Schemas of every content file into `directory` (for editors' YAML support)."""
    from importlib import resources

    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in SCHEMA_KINDS:
        text = resources.files("cxportal").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
        target = directory / f"{kind}.schema.json"
        target.write_text(text, "utf-8")
        written.append(target)
    return written


def ensure_schemas(project: Path) -> Path:
    """The project's schema folder: `schemas/` (written now if missing), or this repository's own copy."""
    for candidate in (project / "schemas", project / "cxportal" / "schemas"):
        if (candidate / "role.schema.json").is_file():
            return candidate.resolve()
    write_schemas(project / "schemas")
    return (project / "schemas").resolve()


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"))
def schema(directory: Path) -> None:
    """Write the JSON Schemas of playbooks, roles, quizzes, glossary and season into DIRECTORY."""
    for path in write_schemas(directory):
        click.echo(f"Wrote {path}")


INIT_TEMPLATES = "init"


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="Training portal", show_default=True, help="The site's name.")
@click.option("--force", is_flag=True, help="Write into a folder that already has an mkdocs.yml.")
def init(directory: Path, name: str, force: bool) -> None:
    """Start a new portal in DIRECTORY: mkdocs.yml, a home page, one playbook, one role, one quiz."""
    from .model import Portal
    from .render import TEMPLATES

    if (directory / "mkdocs.yml").exists() and not force:
        raise click.ClickException(f"{directory / 'mkdocs.yml'} already exists (use --force to overwrite)")
    renderer = Renderer(Portal())
    source = TEMPLATES / INIT_TEMPLATES
    for template in sorted(p for p in source.rglob("*") if p.is_file()):
        rel = template.relative_to(source).as_posix()
        text = renderer.render(f"{INIT_TEMPLATES}/{rel}", site_name=name, owner=name, today=dt.date.today().isoformat())
        target = directory / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
        click.echo(f"Created {target}")
    write_schemas(directory / "schemas")
    click.echo(f"Created {directory / 'schemas'}/ (JSON Schemas for your editor)")
    click.echo(f"\nNext: cd {directory} && mkdocs serve   (or mkdocs build --strict)")


def _code_prefix(name: str, taken: set[str]) -> str:
    """A short upper-case code prefix for a new playbook that no other playbook uses."""
    letters = "".join(part[0] for part in name.split("-") if part).upper() or "X"
    prefix, n = letters[:4], 2
    while prefix in taken:
        prefix, n = f"{letters[:3]}{n}", n + 1
    return prefix


@main.command()
@config_option
def stats(config_file: Path) -> None:
    """Per role: path lengths against budgets, and quiz counts."""
    portal, problems, settings = _load(config_file)
    budgets = settings.budgets
    header = f"{'role':<24} {'kind':<12} " + " ".join(f"{k:>22}" for k in PATH_KINDS) + f" {'quizzes':>8}"
    click.echo(header)
    click.echo("-" * len(header))
    for role in sorted(portal.roles.values(), key=lambda r: (r.kind, r.id)):
        cells = []
        for kind in PATH_KINDS:
            path = role.paths.get(kind)
            minutes = portal.path_minutes(path) if path else 0
            flag = " !" if minutes > budgets[kind] else "  "
            cells.append(f"{format_minutes(minutes):>9} / {format_minutes(budgets[kind]):<8}{flag}")
        quizzes = role_quizzes(portal, role)  # the same list the role page shows
        click.echo(f"{role.id:<24} {role.kind:<12} " + " ".join(f"{c:>22}" for c in cells) + f" {len(quizzes):>8}")
    click.echo(
        f"\n{len(portal.playbooks)} playbooks, {len(portal.items)} codes, {len(portal.quizzes)} quizzes "
        f"({sum(len(q.questions) for q in portal.quizzes.values())} questions)."
    )
    _translation_coverage(settings, portal)
    if errors(problems):
        click.echo(f"{len(errors(problems))} problem(s): run 'cxportal check' to list them.", err=True)
        sys.exit(1)


def _translation_coverage(settings: PortalSettings, portal: Portal) -> None:
    """Per language: how much of the portal its readers get in their language."""
    languages = set(settings.languages) | set(portal.translations) | set(portal.quiz_translations)
    if not languages:
        return
    docs_dir = settings.docs_dir or settings.project_dir / "docs"
    originals = [p for p in sorted(docs_dir.rglob("*.md")) if not translation_lang(p)] if docs_dir.is_dir() else []
    header = f"{'language':<10} {'playbooks':>12} {'quizzes':>12} {'pages':>12} {'text fields':>14}"
    click.echo("\nTranslation coverage\n" + header + "\n" + "-" * len(header))
    for lang in sorted(languages):
        docs = {str(p): docs_translation(p, lang).is_file() for p in originals}
        cov = coverage(portal, lang, docs)
        cells = [
            f"{a}/{b} {Coverage.percent(a, b):>4}" for a, b in (cov.playbooks, cov.quizzes, cov.docs, cov.text_fields)
        ]
        click.echo(f"{lang:<10} {cells[0]:>12} {cells[1]:>12} {cells[2]:>12} {cells[3]:>14}")


@main.command()
@config_option
@click.argument(
    "formats", nargs=-1, required=True, type=click.Choice(["scorm", "scorm2004", "gift", "moodle-xml", "all"])
)
@click.option(
    "-o",
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("exports"),
    show_default=True,
    help="Where to write the files.",
)
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="A built site to take SCORM pages from (default: build one into a temporary folder).",
)
def export(config_file: Path, formats: tuple[str, ...], out_dir: Path, site_dir: Path | None) -> None:
    """Export for an LMS: SCORM 1.2 and 2004 packages per role path, GIFT and Moodle XML question banks."""
    import tempfile

    from .export import FORMATS, write_exports

    portal, problems, settings = _load(config_file)
    if errors(problems):
        click.echo(report(problems), err=True)
        sys.exit(1)
    wanted = list(FORMATS) if "all" in formats else list(dict.fromkeys(formats))
    renderer = Renderer(portal, site_name=settings.site_name, site_url=settings.site_url, lang=settings.main_lang)
    with tempfile.TemporaryDirectory(prefix="cxportal-export-") as tmp:
        if any(fmt.startswith("scorm") for fmt in wanted) and site_dir is None:
            site_dir = Path(tmp) / "site"
            click.echo("Building the site for the SCORM packages…", err=True)
            if _mkdocs("build", "-q", "-f", str(config_file), "-d", str(site_dir)) != 0:
                sys.exit(1)
        try:
            written, notes = write_exports(
                renderer, site_dir, out_dir, wanted, use_directory_urls=settings.use_directory_urls
            )
        except Exception as error:  # an ExportError names the step and the missing page
            raise click.ClickException(str(error)) from None
    for note in notes:
        click.echo(f"note: {note}", err=True)
    click.echo(
        f"Wrote {len(written)} file(s) to {out_dir}/ ({', '.join(wanted)}); {len(notes)} note(s) on what a format cannot keep."
    )


@main.command(name="report")
@config_option
@click.option("--lrs", help="The LRS's xAPI root, e.g. https://lrs.intranet/xAPI/ (statements are read from it).")
@click.option("--lrs-user", envvar="CXPORTAL_LRS_USER", default="", help="LRS user (or CXPORTAL_LRS_USER).")
@click.option(
    "--lrs-password", envvar="CXPORTAL_LRS_PASSWORD", default="", help="LRS password (or CXPORTAL_LRS_PASSWORD)."
)
@click.option("--since", default="", help="Only records stored after this time (ISO 8601).")
@click.option("--until", default="", help="Only records stored up to this time (ISO 8601).")
@click.option(
    "--progress",
    "progress_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A progress file exported from the portal (repeatable): the report without an LRS.",
)
@click.option(
    "--roster",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="CSV with columns person (email), name, team, role, left: teams, roles and who left.",
)
@click.option("--trust", multiple=True, help="An LRS authority (mailto:…) allowed to record for other people.")
@click.option("--lang", default=None, help="The report's language (en, ru, uk; default: the site's).")
@click.option(
    "-o",
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("report"),
    show_default=True,
    help="Where to write index.html and the CSV files.",
)
def report_command(
    config_file: Path,
    lrs: str | None,
    lrs_user: str,
    lrs_password: str,
    since: str,
    until: str,
    progress_files: tuple[Path, ...],
    roster: Path | None,
    trust: tuple[str, ...],
    lang: str | None,
    out_dir: Path,
) -> None:
    """Team progress, question statistics and playbook versions from the LRS or progress files."""
    from .i18n import Strings, is_language_tag
    from .report import LrsError, LrsSource, ReportInputs, build_report
    from .report.output import write_report

    if not lrs and not progress_files:
        raise click.UsageError("give --lrs URL or at least one --progress FILE")
    portal, problems, settings = _load(config_file)
    if errors(problems):
        click.echo(report(problems), err=True)
        sys.exit(1)
    if not settings.site_url:
        raise click.ClickException(f"{config_file}: site_url is not set; the records' activity ids are built from it")
    lang = lang or settings.main_lang
    if not is_language_tag(lang):
        raise click.BadParameter(f"{lang!r} is not a language code such as en, ru or uk", param_hint="--lang")
    source = LrsSource(lrs, lrs_user, lrs_password, since, until) if lrs else None
    inputs = ReportInputs(settings.site_url, source, progress_files, roster, trust, lang)
    strings = Strings(lang, settings.strings_dirs())
    try:
        result = build_report(inputs, portal)
    except LrsError as error:
        raise click.ClickException(str(error)) from None
    written = write_report(result, portal, strings, out_dir)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    for reason, count in result.tally.malformed.most_common():
        click.echo(f"note: left out {count} record(s): {reason}", err=True)
    click.echo(
        f"Wrote {len(written)} files to {out_dir}/: {result.tally.used} records used, {result.tally.skipped} left out, "
        f"{result.duplicates} duplicates counted once; {len({r.person for r in result.team})} people, "
        f"{len(result.questions)} questions."
    )


if __name__ == "__main__":
    main()
