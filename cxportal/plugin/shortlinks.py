"""Static short links: /go/<code>/ redirects to the item, on any web server and from file://."""

from __future__ import annotations

from pathlib import Path

from ..model import Portal
from ..render import Renderer
from ..structure import playbook_src


def write_short_links(portal: Portal, renderer: Renderer, site_dir: Path) -> int:
    """Writes go/<code>/index.html in lower and upper case (static servers are case-sensitive)."""
    count = 0
    for item in portal.items.values():
        # Explicit index.html: a folder link does not open its index from file://.
        url = renderer.url_for(playbook_src(item.playbook_id))
        target = "../../" + (url + "index.html" if url.endswith("/") or not url else url) + "#" + item.anchor
        html = renderer.render(
            "pages/shortlink.html", item=item, target=target, playbook=portal.playbooks[item.playbook_id]
        )
        for variant in {item.code.lower(), item.code.upper()}:
            folder = site_dir / "go" / variant
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_text(html, "utf-8")
            count += 1
    return count
