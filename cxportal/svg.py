"""The one sanitiser for SVG diagrams: what reaches a page is rebuilt from an allow-list.

A diagram is inlined into pages and SCORM step pages, so anything executable in it
(`<script>`, an `on…` handler, a `javascript:` link, HTML inside `<foreignObject>`)
would run in every reader's browser, and an external `href` would make the page
call another host. Rather than look for the bad parts, the SVG is parsed and
written out again with only the elements and attributes of drawings; every text
and attribute value is escaped on the way out. What is left out is reported at
its line, so `check` and a strict build name it; a plain build shows the diagram
without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

from .problems import Problem, closest

# Elements of drawings (SVG 1.1/2 shapes, text, painting and structure), in their SVG spelling:
# the HTML parser sees them lower-cased and they are written back as SVG spells them.
ELEMENTS = {
    name.lower(): name
    for name in (
        "svg g defs title desc symbol use switch path rect circle ellipse line polyline polygon "
        "text tspan textPath a linearGradient radialGradient stop clipPath mask pattern marker"
    ).split()
}
# Attributes of geometry, painting, text and accessibility; never an event handler or a style sheet.
ATTRIBUTES = {
    name.lower(): name
    for name in (
        "id class role lang xml:lang xmlns xmlns:xlink viewBox preserveAspectRatio width height x y x1 y1 x2 y2 "
        "cx cy r rx ry d points pathLength transform fill fill-opacity fill-rule stroke stroke-width "
        "stroke-opacity stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit "
        "opacity color display visibility font-family font-size font-weight font-style text-anchor "
        "dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing text-decoration "
        "writing-mode dx dy rotate textLength lengthAdjust startOffset offset stop-color stop-opacity "
        "gradientUnits gradientTransform spreadMethod fx fy fr patternUnits patternContentUnits "
        "patternTransform clipPathUnits maskUnits maskContentUnits clip-path clip-rule mask marker-start "
        "marker-mid marker-end markerWidth markerHeight markerUnits refX refY orient vector-effect "
        "shape-rendering text-rendering paint-order href xlink:href xlink:title tabindex focusable"
    ).split()
}
# Left out for what they do, not as a misspelling of a drawing element (no "did you mean").
EXECUTABLE = {"script", "style", "foreignobject", "iframe", "object", "embed", "image", "animate", "set", "handler"}
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
# A paint or marker may point into the diagram itself (url(#arrow)), never anywhere else.
_URL = re.compile(r"url\s*\(", re.IGNORECASE)
_LOCAL_URL = re.compile(r"^\s*url\(\s*['\"]?#[A-Za-z0-9_.:-]+['\"]?\s*\)\s*$", re.IGNORECASE)
_LOCAL_HREF = re.compile(r"^#[A-Za-z0-9_.:-]+$")


@dataclass
class CleanSvg:
    """The diagram as it may be inlined, and what was left out of it (at its line)."""

    svg: str
    problems: list[Problem] = field(default_factory=list)


class _Rebuilder(HTMLParser):
    def __init__(self, rel: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rel = rel
        self.out: list[str] = []
        self.problems: list[Problem] = []
        self.open: list[str] = []  # allowed elements open now, in their SVG spelling
        self.skipping: list[str] = []  # a left-out element whose content is left out with it
        self.done = False  # the root <svg> has closed: whatever follows is not the diagram

    def refuse(self, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.rel, self.getpos()[0], message, hint))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start(tag, attrs, closed=True)

    def start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        if self.done:
            return
        if self.skipping:
            if not closed:
                self.skipping.append(tag)
            return
        name = ELEMENTS.get(tag)
        if not self.open and tag != "svg":
            self.refuse(f"a diagram must start with <svg>, not <{tag}>: <{tag}> left out")
            name = None
        elif name is None:
            self.refuse(
                f"<{tag}> is not allowed in a diagram (only drawing elements are): left out with its content",
                None if tag in EXECUTABLE else closest(tag, ELEMENTS),
            )
        if name is None:
            if not closed:
                self.skipping.append(tag)
            return
        kept = "".join(f' {attr}="{escape(value, quote=True)}"' for attr, value in self.attributes(tag, attrs))
        self.out.append(f"<{name}{kept}{'/' if closed else ''}>")
        if not closed:
            self.open.append(name)
        elif tag == "svg":
            self.done = True

    def attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
        kept: list[tuple[str, str]] = []
        for raw, value in attrs:
            value = value or ""
            name = ATTRIBUTES.get(raw)
            if raw.startswith("aria-") and re.fullmatch(r"aria-[a-z]+", raw):
                name = raw
            if name is None:
                why = "an event handler" if raw.startswith("on") else "not a drawing attribute"
                hint = None if raw.startswith("on") else closest(raw, ATTRIBUTES)
                self.refuse(f"the attribute '{raw}' on <{tag}> is {why}: left out", hint)
                continue
            if raw in ("href", "xlink:href") and not _LOCAL_HREF.match(value.strip()):
                self.refuse(
                    f"the link '{_short(value)}' on <{tag}> leads out of the diagram "
                    "(only '#id' of the diagram itself): left out"
                )
                continue
            if raw == "xmlns" and value != SVG_NAMESPACE or raw == "xmlns:xlink" and value != XLINK_NAMESPACE:
                continue  # written by editors; the page's parser knows SVG without it
            if _URL.search(value) and not _LOCAL_URL.match(value):
                self.refuse(
                    f"'{raw}' on <{tag}> refers to '{_short(value)}' (only url(#id) of the diagram itself): left out"
                )
                continue
            kept.append((name, value))
        return kept

    def handle_endtag(self, tag: str) -> None:
        if self.done:
            return
        if self.skipping:
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
            return
        name = ELEMENTS.get(tag)
        if name is None or name not in self.open:
            return
        while self.open:  # close what the author left open inside it, as a browser would
            closing = self.open.pop()
            self.out.append(f"</{closing}>")
            if closing == name:
                break
        if not self.open:
            self.done = True

    def handle_data(self, data: str) -> None:
        if self.open and not self.skipping and not self.done:
            self.out.append(escape(data, quote=False))

    def unknown_decl(self, data: str) -> None:  # <![CDATA[…]]>: its text, escaped
        if data.upper().startswith("CDATA["):
            self.handle_data(data[len("CDATA[") :])


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 60 else value[:57] + "…"


def clean_svg(text: str, rel: str) -> CleanSvg:
    """The SVG rebuilt from allowed elements and attributes, and a problem for each part left out.

    Comments, processing instructions and a DOCTYPE (with any entities it declares) are
    dropped without a word: they never reach the page and mean nothing in it.
    """
    parser = _Rebuilder(rel)
    try:
        parser.feed(text)
        parser.close()
    except Exception as error:  # noqa: BLE001 - the HTML parser should not raise; never a traceback
        return CleanSvg("", [Problem(rel, 1, f"the diagram cannot be read: {error}")])
    if not parser.out:
        parser.problems.append(Problem(rel, 1, "the file holds no <svg> drawing"))
    for name in reversed(parser.open):  # an <svg> the file never closed
        parser.out.append(f"</{name}>")
    return CleanSvg("".join(parser.out), parser.problems)
