"""The Content-Security-Policy every page carries, so that one missed spot cannot run script.

Scripts may come only from the site itself. The theme's own inline scripts are
allowed by their SHA-256 hashes, computed from the page as built but with the
page's content taken out first: a `<script>` that came from content is never
hashed, so it never runs. Inline event handlers and `javascript:` links are
blocked because 'unsafe-inline' is never granted to scripts.
"""

from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = "cx-content-security-policy"
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
NOT_JS = re.compile(r"""\btype\s*=\s*["']?(?!module|text/javascript|application/javascript)""", re.I)


def script_hashes(html: str) -> list[str]:
    """CSP hash sources of every inline JavaScript in `html` (JSON data blocks are not scripts)."""
    hashes: list[str] = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        if re.search(r"\bsrc\s*=", attrs, re.I) or NOT_JS.search(attrs):
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(theme_html: str) -> str:
    scripts = " ".join(["'self'", *script_hashes(theme_html)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",  # Material and the charts set inline styles; styles cannot run code
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def apply_policy(output: str, content: str | None) -> str:
    """Fills the policy into the page's CSP meta tag (see the theme's main.html)."""
    marker = f'content="{PLACEHOLDER}"'
    if marker not in output:
        return output
    theme_html = output.replace(content, "", 1) if content else output
    return output.replace(marker, f'content="{policy(theme_html)}"', 1)
