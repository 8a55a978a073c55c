"""Checks every internal link of the built pages: the page it points at exists, and so does the anchor.

MkDocs checks Markdown links, but the portal writes most of its links as HTML (role cards, path
steps, cite(), meeting cards, short links), which MkDocs does not look at. This module sees the
HTML of every page's content, so a strict build fails on any internal link that leads nowhere.
MkDocs-free: the plugin feeds it page URLs, origins and HTML.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field

from .problems import Problem

_HREF = re.compile(r"""<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_ID = re.compile(r"""\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass
class PageLinks:
    """What one page links to and which anchors it offers."""

    url: str  # the page's site URL, as MkDocs gives it ("" for the home page)
    origin: str  # the author's file (or the generated page's source) to report problems at
    source_text: str = ""
    hrefs: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


def page_links(url: str, origin: str, content_html: str, source_text: str = "") -> PageLinks:
    hrefs = [html.unescape(a or b) for a, b in _HREF.findall(content_html)]
    ids = {html.unescape(a or b) for a, b in _ID.findall(content_html)}
    return PageLinks(url, origin, source_text, hrefs, ids)


def resolve(href: str, from_url: str) -> tuple[str, str] | None:
    """(target site URL, fragment) of a relative link, or None for links that leave the site."""
    if not href or _SCHEME.match(href) or href.startswith("//") or href.startswith("/"):
        return None
    path, _, fragment = href.partition("#")
    path = path.split("?", 1)[0]
    if not path:
        return from_url, fragment
    if from_url == "" or from_url.endswith("/"):
        base = from_url
    else:
        base = posixpath.dirname(from_url) + "/" if posixpath.dirname(from_url) else ""
    target = posixpath.normpath(posixpath.join(base, path))
    if target == ".":
        target = ""
    elif path.endswith("/") and not target.endswith("/"):
        target += "/"
    return target, fragment


class LinkChecker:
    """Collects the pages of one build, then lists the links that lead nowhere."""

    def __init__(self) -> None:
        self.pages: dict[str, PageLinks] = {}
        self.other_urls: set[str] = set()  # assets, images, short-link folders…

    def add_page(self, links: PageLinks) -> None:
        self.pages[links.url] = links

    def page_for(self, url: str) -> PageLinks | None:
        for candidate in (url, url + "/", url.removesuffix("index.html"), url.removesuffix("/index.html") + "/"):
            if candidate in self.pages:
                return self.pages[candidate]
        if url in ("index.html", "/"):
            return self.pages.get("")
        return None

    def exists(self, url: str) -> bool:
        return self.page_for(url) is not None or url in self.other_urls or url.rstrip("/") in self.other_urls

    def problem(self, source: PageLinks, href: str, reason: str) -> Problem:
        return Problem(source.origin, _line_of(source.source_text, href), f"link '{href}' {reason}")

    def check_link(self, source: PageLinks, href: str) -> Problem | None:
        resolved = resolve(href, source.url)
        if resolved is None:
            return None
        target_url, fragment = resolved
        target = self.page_for(target_url)
        if target is None:
            if self.exists(target_url):
                return None
            return self.problem(source, href, "leads to no page of this site")
        if fragment and fragment not in target.ids:
            return self.problem(
                source, href, f"leads to '{target.url or 'the home page'}' but it has no anchor '#{fragment}'"
            )
        return None

    def broken(self) -> list[Problem]:
        problems: list[Problem] = []
        for source in self.pages.values():
            for href in dict.fromkeys(source.hrefs):
                problem = self.check_link(source, href)
                if problem is not None:
                    problems.append(problem)
        return problems


def _line_of(text: str, href: str) -> int:
    """Best guess of the line that wrote a link: the first line naming its anchor or its last path part."""
    path, _, fragment = href.partition("#")
    needles = [n for n in (fragment, posixpath.basename(path.rstrip("/")).removesuffix(".html")) if n]
    lines = text.splitlines()
    for needle in needles:
        for index, row in enumerate(lines):
            if needle.lower() in row.lower():
                return index + 1
    return 1
