"""Small build-time fixes for axe findings in markup the portal does not write itself.

- Material's search dialog has `role="dialog"` but no accessible name.
- pymdownx task lists render read-only checkboxes inside empty labels, so a
  screen reader announces "checkbox" with nothing to say what it is for.
Doing this once per page at build time keeps every page axe-clean without
copying Material's templates into the project. The names come from the page
language's string catalogue.
"""

from __future__ import annotations

import re
from html import escape

from ..i18n import Strings

_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_TASK = re.compile(
    r'<label class="task-list-control"><input type="checkbox" disabled(?P<checked> checked)?\s*/?>'
    r'(?P<indicator><span class="task-list-indicator"></span></label>)'
    r"(?P<text>[^<]{0,80})"
)


def label_unnamed_controls(html: str, strings: Strings | None = None) -> str:
    """The search dialog and every task-list checkbox with a name in the page's language."""
    ui = strings or Strings()

    def label_task(match: re.Match[str]) -> str:
        text = " ".join(match["text"].split())
        key = "a11y.task_done" if match["checked"] else "a11y.task_to_do"
        # The task's text is already HTML-escaped by Markdown; unescape only what an attribute needs.
        label = ui(key, text=text) if text else ui(key + "_bare")
        checked = " checked" if match["checked"] else ""
        return (
            f'<label class="task-list-control"><input type="checkbox" disabled{checked}'
            f' aria-label="{label.replace(chr(34), "&quot;")}"/>{match["indicator"]}{match["text"]}'
        )

    search = escape(ui("a11y.search_dialog"))
    html = html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{search}">', 1)
    return _TASK.sub(label_task, html)
