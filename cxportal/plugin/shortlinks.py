"""Static short links: /go/<code>/ redirects to the item, on any web server and from file://."""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup

from ..model import Portal
from ..render import Renderer
from ..structure import playbook_src
from .csp import script_hashes


def write_short_links(portal: Portal, renderer: Renderer, site_dir: Path) -> int:
    """Writes go/<code>/index.html in lower and upper case (static servers are case-sensitive)."""
    count = 0
    for item in portal.items.values():
        # Explicit index.html: a folder link does not open its index from file://.
        url = renderer.url_for(playbook_src(item.playbook_id))
        target = "../../" + (url + "index.html" if url.endswith("/") or not url else url) + "#" + item.anchor
        # The page's only script, allowed by its hash: nothing else on the page can run.
        # index.html is needed from file:// only; over http the clean folder URL is the one to land on.
        script = Markup(
            'var t = {}; if (location.protocol !== "file:") t = t.replace(/\\/index\\.html(?=#|$)/, "/"); location.replace(t);'
        ).format(Markup(json.dumps(target)))
        csp = f"default-src 'self'; script-src {' '.join(script_hashes(f'<script>{script}</script>'))}"
        html = renderer.render(
            "pages/shortlink.html",
            item=item,
            target=target,
            script=script,
            csp=csp,
            playbook=portal.playbooks[item.playbook_id],
        )
        for variant in {item.code.lower(), item.code.upper()}:
            folder = site_dir / "go" / variant
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_text(html, "utf-8")
            count += 1
    return count
