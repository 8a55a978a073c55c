"""The intranet guard: finds anything in a built page that would make the browser load from another host.

Material's privacy plugin can do this too (with `assets_fetch: false` it warns on
every external asset), but it parses every page's HTML and, measured here, costs
about 30% of a 100-playbook build. A targeted scan of resource-loading attributes
gives the same guarantee for a fraction of that; a warning makes `--strict` fail.
Navigation links (`<a href>`) are not loads and are allowed.
"""

from __future__ import annotations

import re

# Elements whose URL attributes the browser fetches on its own.
_LOADING_TAG = re.compile(
    r"<(?P<tag>script|img|iframe|source|video|audio|track|embed|object|image|use|input|link)\b(?P<attrs>[^>]*)>",
    re.IGNORECASE,
)
_URL_ATTR = re.compile(
    r"""\s(?:src|href|srcset|poster|data|xlink:href|background)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
    re.IGNORECASE,
)
_REL = re.compile(r"""\srel\s*=\s*["']?([^"'>]+)""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*["']?((?:https?:)?//[^"')\s]+)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+["']((?:https?:)?//[^"']+)""", re.IGNORECASE)
_EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
# <link rel=…> values that make the browser fetch or connect.
_FETCHING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "mask-icon",
}


def external_loads(html: str) -> list[str]:
    """URLs on other hosts that loading this HTML would request, in order of appearance."""
    found: list[str] = []
    for match in _LOADING_TAG.finditer(html):
        attrs = match["attrs"]
        if match["tag"].lower() == "link":
            rel = _REL.search(attrs)
            if not rel or not set(rel.group(1).lower().split()) & _FETCHING_RELS:
                continue
        for value in _URL_ATTR.finditer(attrs):
            url = next(v for v in value.groups() if v is not None)
            for candidate in url.split(","):  # srcset lists several
                candidate = candidate.strip().split(" ")[0]
                if _EXTERNAL.match(candidate):
                    found.append(candidate)
    found += _CSS_URL.findall(html) + _CSS_IMPORT.findall(html)
    return found
