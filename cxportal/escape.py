"""The one place where content text is made safe for the reader's browser.

Text from YAML files and front matter is plain text. It reaches generated pages
inside Markdown that also holds raw HTML, so it is escaped for both: HTML
specials become entities, and so do the characters Markdown (and its attribute
lists, abbreviations and link syntax) would act on. Python-Markdown keeps
entities as they are and the browser decodes them, so the reader sees exactly
what the author wrote, and nothing in it can become a tag, an attribute, a link
or a Jinja expression.

- `text_html`: a value placed in Markdown or HTML text or in a quoted attribute.
- `title_html`: a page or navigation title (MkDocs and Material treat titles as HTML).
- `attr_list_value`: a value inside `{ key="…" }` of a Markdown attribute list.
- `heading_text`: heading text followed by such a list.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import Markup

# HTML specials, and Markdown characters that can start a link, an image, raw HTML,
# an attribute list, emphasis, code, a table cell or an escape anywhere in a line.
_ANYWHERE = {c: f"&#{ord(c)};" for c in "&<>\"'[](){}*`\\|"}
_ANYWHERE.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_ANYWHERE_RE = re.compile("[" + re.escape("".join(_ANYWHERE)) + "]")
# Characters that only matter at the start of a line: headings, lists, quotes,
# admonitions (!!!, ???), content tabs (===), definition lists, ordered lists.
_LINE_START = re.compile(r"^(?:[#>~=!?]|[-+:_](?:\s|$)|[-_]{3}|[0-9]+[.)](?:\s|$))")
_SPACE = re.compile(r"\s*\n\s*")
_TITLE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;", "{": "&#123;", "}": "&#125;"}
_TITLE_RE = re.compile("[&<>\"'{}]")


def text_html(value: Any) -> Markup:
    """Plain text, escaped for HTML and Markdown; line breaks become spaces."""
    if isinstance(value, Markup):
        return value
    text = _SPACE.sub(" ", str(value)).strip() if value is not None else ""
    text = _ANYWHERE_RE.sub(lambda m: _ANYWHERE[m.group(0)], text)
    if _LINE_START.match(text):
        text = f"&#{ord(text[0])};{text[1:]}"
    return Markup(text)


def finalize(value: Any) -> Any:
    """Jinja `finalize` for generated pages: every string printed is text unless marked safe."""
    if isinstance(value, str):
        return text_html(value)
    return value


def title_html(value: Any) -> str:
    """A title as MkDocs expects it (HTML): escaped, with braces as entities so no Jinja sees it."""
    if isinstance(value, Markup):
        return str(value)
    return _TITLE_RE.sub(lambda m: _TITLE[m.group(0)], " ".join(str(value).split()))


def heading_text(value: str) -> str:
    """Heading text before a generated `{ … }` attribute list: braces become entities, so only the
    portal's own list at the end of the line is read as one."""
    return value.replace("{", "&#123;").replace("}", "&#125;")


def attr_list_value(value: str) -> str:
    """A value for `key="…"` in a Markdown attribute list (Python-Markdown keeps entities as written)."""
    return _TITLE_RE.sub(lambda m: _TITLE[m.group(0)], value)


_ABBREVIATION = re.compile(r"^\w[\w .,'’/-]*$")


def abbreviation(term: str, definition: str, *, tooltip_html: bool = True) -> str:
    """A Markdown abbreviation line (`*[term]: definition`) for a glossary term, or "" when the
    term could break out of it: the line is appended to every page's Markdown.

    With Material's `content.tooltips`, the `title` of the `<abbr>` is not shown by the browser
    but put into the tooltip as HTML: the definition is then escaped once more, so the reader
    sees its text (an `<img onerror>` in it stays text), as with every other field.
    """
    term = " ".join(term.split())
    if not _ABBREVIATION.match(term):
        return ""
    title = " ".join(str(definition).split())
    if tooltip_html:
        title = html.escape(title, quote=True)
    return f"\n*[{term}]: {_TITLE_RE.sub(lambda m: _TITLE[m.group(0)], title)}"
