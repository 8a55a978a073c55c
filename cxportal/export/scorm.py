"""SCORM 1.2 and 2004 (4th edition) packages: one zip per role and learning path, built from the built site.

Each step of the path (playbook, quiz, activity, page) becomes one SCO: an offline
page holding the step's article from the built site, the portal's stylesheets and
browser modules, and `runtime/scorm.js`, which finds the LMS's API, reports the
step's status, score and quiz interactions, and resumes from what the LMS kept.
The manifest lists the SCOs as items in path order in one organization, with the
ADL SCORM 1.2 metadata and the schema files it references. Every file a page uses
is inside the package; links to other portal pages point at the portal itself
(`site_url`) and open in a new tab, so nothing is loaded from another host.

A 2004 package has the same pages and runtime (in its 2004 mode) and a 2004 manifest: the steps
as items in path order under flow and choice navigation (the LMS's Continue follows the path), a
quiz's pass mark as its primary objective's minimum normalized measure. It carries no XSD files
(the ADL schema set is not on the registries this project may use) and so names none.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree as ET

from ..model import LearningPath, Portal, Role
from ..plugin.csp import policy
from ..render import Renderer
from ..structure import page_url as structure_page_url
from ..structure import step_src
from . import ExportNote
from .common import join_url

HERE = Path(__file__).parent
SCHEMAS = HERE / "scorm12"
RUNTIME = HERE / "runtime" / "scorm.js"
IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
# SCORM 2004 4th edition.
IMSCP_2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP_2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
VERSIONS = ("1.2", "2004")
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{IMSCP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?P<body>.*)</article>', re.S)
URL_ATTR = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"]*)"')
# The portal's own modules and stylesheets: the step pages and the modules they import (the quiz, the
# language's interface strings…), all from the built site so the package matches it.
PORTAL_ASSETS = "assets/cxportal"


class ExportError(Exception):
    """The built site lacks a page the package needs (build the site first)."""


@dataclass
class ScoPage:
    """One step of a path as an offline page inside the package."""

    number: int
    step_key: str
    kind: str
    title: str
    href: str  # inside the package
    html: str
    mastery: int | None = None


@dataclass
class Package:
    name: str
    title: str
    pages: list[ScoPage]
    files: dict[str, bytes] = field(default_factory=dict)  # package path -> content (assets, media)


class ScormExporter:
    """Builds SCORM 1.2 packages from a portal and its built site (`site_dir`)."""

    def __init__(
        self, renderer: Renderer, site_dir: Path, *, use_directory_urls: bool = True, version: str = "1.2"
    ) -> None:
        if version not in VERSIONS:
            raise ValueError(f"SCORM version {version!r} (use one of {', '.join(VERSIONS)})")
        self.version = version
        self.renderer = renderer
        self.portal: Portal = renderer.portal
        self.site_dir = Path(site_dir)
        self.site_url = renderer.site_url
        self.use_directory_urls = use_directory_urls
        self.notes: list[ExportNote] = []

    # Paths ---------------------------------------------------------------------------

    def paths(self) -> Iterator[tuple[Role, LearningPath]]:
        for role in sorted(self.portal.roles.values(), key=lambda r: r.id):
            yield from ((role, path) for path in role.paths.values())

    def package_name(self, role: Role, path: LearningPath) -> str:
        return f"{role.id}-{path.kind}"

    def site_page(self, url: str) -> Path:
        """The built HTML file behind a site URL such as `playbooks/x/`."""
        if url.endswith("/") or url == "":
            return self.site_dir / url / "index.html"
        return self.site_dir / url

    def page_url(self, src: str) -> str:
        return structure_page_url(src, self.use_directory_urls)

    # Building ------------------------------------------------------------------------

    def package(self, role: Role, path: LearningPath) -> Package:
        name = self.package_name(role, path)
        title = f"{role.name.get(self.renderer.lang)} — {path.kind}"
        package = Package(name=name, title=title, pages=[])
        for number, step in enumerate(path.steps, start=1):
            src = step_src(step)
            url = self.page_url(src)
            built = self.site_page(url)
            if not built.is_file():
                raise ExportError(
                    f"{step.source}: the built site has no page for {step.key} ({built}); build the site first"
                )
            article = ARTICLE.search(built.read_text("utf-8"))
            if article is None:
                raise ExportError(f"{built}: no article element; is this a Material for MkDocs page?")
            href = f"steps/{number:02d}-{step.kind}-{step.target}.html"
            body = self.rewrite(article.group("body"), url, href, package)
            mastery = None
            if step.kind == "quiz" and step.target in self.portal.quizzes:
                quiz = self.portal.quizzes[step.target]
                mastery = quiz.pass_mark if not quiz.is_self_assessment else None
            package.pages.append(
                ScoPage(number, step.key, step.kind, self.renderer.step_title(step), href, body, mastery)
            )
        folder = self.site_dir / PORTAL_ASSETS
        for asset in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if asset.is_file():
                self.copy_site_file(asset.relative_to(self.site_dir).as_posix(), package)
        for css in self.theme_stylesheets():
            self.copy_site_file(css, package)
        package.files["assets/cxportal/scorm.js"] = RUNTIME.read_bytes()
        return package

    def theme_stylesheets(self) -> list[str]:
        folder = self.site_dir / "assets" / "stylesheets"
        return sorted(f"assets/stylesheets/{p.name}" for p in folder.glob("*.min.css")) if folder.is_dir() else []

    def copy_site_file(self, site_path: str, package: Package) -> bool:
        source = self.site_dir / site_path
        if not source.is_file():
            return False
        package.files[site_path] = source.read_bytes()
        return True

    def rewrite(self, body: str, page_url: str, href: str, package: Package) -> str:
        """Point every URL in a step's article at the package or, for other portal pages, at the portal."""
        base = "https://site.invalid/" + page_url
        depth = href.count("/")

        def replace(match: re.Match[str]) -> str:
            attr, url = match.group("attr"), match.group("url")
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("//", "#", "mailto:", "data:")) or not url:
                return match.group(0)
            target = urljoin(base, url)[len("https://site.invalid/") :]
            path, _, fragment = target.partition("#")
            if path == page_url:  # a link to a section of this very page
                return f'{attr}="#{fragment}"' if fragment else match.group(0)
            site_file = self.site_dir / path
            if site_file.is_file() and (attr == "src" or path.startswith("assets/")):
                package.files.setdefault(path, site_file.read_bytes())
                return f'{attr}="{"../" * depth}{path}"'
            # Another page of the portal: it lives on the intranet, not in this package.
            absolute = join_url(self.site_url, target) if self.site_url else None
            if absolute is None:
                self.notes.append(
                    ExportNote(page_url, f"link to {target} dropped: set site_url so packages can link to the portal")
                )
                return f'{attr}="#"'
            return f'{attr}="{absolute}" target="_blank" rel="noopener"'

        return URL_ATTR.sub(replace, body)

    # Writing -------------------------------------------------------------------------

    def manifest(self, package: Package) -> str:
        if self.version == "2004":
            return self.manifest_2004(package)
        ET.register_namespace("", IMSCP)
        ET.register_namespace("adlcp", ADLCP)
        ET.register_namespace("xsi", XSI)
        root = ET.Element(
            f"{{{IMSCP}}}manifest",
            {"identifier": f"cxportal-{package.name}", "version": "1.0", f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION},
        )
        metadata = ET.SubElement(root, f"{{{IMSCP}}}metadata")
        ET.SubElement(metadata, f"{{{IMSCP}}}schema").text = "ADL SCORM"
        ET.SubElement(metadata, f"{{{IMSCP}}}schemaversion").text = "1.2"
        organizations = ET.SubElement(root, f"{{{IMSCP}}}organizations", default="org")
        organization = ET.SubElement(organizations, f"{{{IMSCP}}}organization", identifier="org")
        ET.SubElement(organization, f"{{{IMSCP}}}title").text = package.title
        resources = ET.SubElement(root, f"{{{IMSCP}}}resources")
        shared = sorted(package.files) + [f for f in schema_files()]
        for page in package.pages:
            item = ET.SubElement(
                organization,
                f"{{{IMSCP}}}item",
                identifier=f"item-{page.number:02d}",
                identifierref=f"sco-{page.number:02d}",
            )
            ET.SubElement(item, f"{{{IMSCP}}}title").text = f"{page.number}. {page.title}"
            if page.mastery:
                ET.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(page.mastery)
            resource = ET.SubElement(
                resources,
                f"{{{IMSCP}}}resource",
                {
                    "identifier": f"sco-{page.number:02d}",
                    "type": "webcontent",
                    f"{{{ADLCP}}}scormtype": "sco",
                    "href": page.href,
                },
            )
            ET.SubElement(resource, f"{{{IMSCP}}}file", href=page.href)
            ET.SubElement(resource, f"{{{IMSCP}}}dependency", identifierref="shared")
        common = ET.SubElement(
            resources,
            f"{{{IMSCP}}}resource",
            {"identifier": "shared", "type": "webcontent", f"{{{ADLCP}}}scormtype": "asset"},
        )
        for name in shared:
            ET.SubElement(common, f"{{{IMSCP}}}file", href=name)
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

    def manifest_2004(self, package: Package) -> str:
        for prefix, uri in (
            ("", IMSCP_2004),
            ("adlcp", ADLCP_2004),
            ("adlseq", ADLSEQ),
            ("adlnav", ADLNAV),
            ("imsss", IMSSS),
        ):
            ET.register_namespace(prefix, uri)
        cp = f"{{{IMSCP_2004}}}"
        root = ET.Element(f"{cp}manifest", {"identifier": f"cxportal-{package.name}", "version": "1"})
        metadata = ET.SubElement(root, f"{cp}metadata")
        ET.SubElement(metadata, f"{cp}schema").text = "ADL SCORM"
        ET.SubElement(metadata, f"{cp}schemaversion").text = "2004 4th Edition"
        organizations = ET.SubElement(root, f"{cp}organizations", default="org")
        organization = ET.SubElement(
            organizations, f"{cp}organization", {"identifier": "org", f"{{{ADLSEQ}}}objectivesGlobalToSystem": "false"}
        )
        ET.SubElement(organization, f"{cp}title").text = package.title
        resources = ET.SubElement(root, f"{cp}resources")
        for page in package.pages:
            item = ET.SubElement(
                organization, f"{cp}item", identifier=f"item-{page.number:02d}", identifierref=f"sco-{page.number:02d}"
            )
            ET.SubElement(item, f"{cp}title").text = f"{page.number}. {page.title}"
            if page.mastery:
                # The quiz's pass mark: the LMS counts the step satisfied from its score (cmi.score.scaled).
                sequencing = ET.SubElement(item, f"{{{IMSSS}}}sequencing")
                objectives = ET.SubElement(sequencing, f"{{{IMSSS}}}objectives")
                primary = ET.SubElement(
                    objectives,
                    f"{{{IMSSS}}}primaryObjective",
                    objectiveID=f"pass-{page.number:02d}",
                    satisfiedByMeasure="true",
                )
                ET.SubElement(primary, f"{{{IMSSS}}}minNormalizedMeasure").text = f"{page.mastery / 100:g}"
            resource = ET.SubElement(
                resources,
                f"{cp}resource",
                {
                    "identifier": f"sco-{page.number:02d}",
                    "type": "webcontent",
                    f"{{{ADLCP_2004}}}scormType": "sco",
                    "href": page.href,
                },
            )
            ET.SubElement(resource, f"{cp}file", href=page.href)
            ET.SubElement(resource, f"{cp}dependency", identifierref="shared")
        # The steps in path order: Continue and Previous follow the path, and the learner may also choose a step.
        sequencing = ET.SubElement(organization, f"{{{IMSSS}}}sequencing")
        ET.SubElement(sequencing, f"{{{IMSSS}}}controlMode", choice="true", flow="true")
        common = ET.SubElement(
            resources,
            f"{cp}resource",
            {"identifier": "shared", "type": "webcontent", f"{{{ADLCP_2004}}}scormType": "asset"},
        )
        for name in sorted(package.files):
            ET.SubElement(common, f"{cp}file", href=name)
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

    def page_html(self, package: Package, page: ScoPage) -> str:
        up = "../" * page.href.count("/")
        return self.renderer.render(
            "export/sco.html",
            page=page,
            package=package,
            up=up,
            lang=self.renderer.lang,
            stylesheets=[*self.theme_stylesheets(), "assets/cxportal/cxportal.css", "assets/cxportal/progress.css"],
            site_name=self.renderer.site_name,
            csp=policy(""),  # the step page has no inline script of its own: none is allowed
            version=self.version,
        )

    def write(self, package: Package, out_dir: Path) -> Path:
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / f"{package.name}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("imsmanifest.xml", self.manifest(package))
            for name in schema_files() if self.version == "1.2" else ():
                zf.write(SCHEMAS / name, name)
            for page in package.pages:
                zf.writestr(page.href, self.page_html(package, page))
            for name, content in sorted(package.files.items()):
                zf.writestr(name, content)
        return target

    def export_all(self, out_dir: Path, only: Iterable[str] | None = None) -> list[Path]:
        wanted = set(only or [])
        written = []
        for role, path in self.paths():
            name = self.package_name(role, path)
            if wanted and name not in wanted and role.id not in wanted:
                continue
            written.append(self.write(self.package(role, path), out_dir))
        return written


def schema_files() -> list[str]:
    return sorted(p.name for p in SCHEMAS.glob("*.xsd"))
