"""Small build-time fixes for axe findings in markup the portal does not write itself.

- Material's search dialog has `role="dialog"` but no accessible name.
- pymdownx task lists render read-only checkboxes inside empty labels, so a
  screen reader announces "checkbox" with nothing to say what it is for.
Doing this once per page at build time keeps every page axe-clean without
copying Material's templates into the project.
"""

from __future__ import annotations

import re

_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_TASK = re.compile(
    r'<label class="task-list-control"><input type="checkbox" disabled(?P<checked> checked)?\s*/?>'
    r'(?P<indicator><span class="task-list-indicator"></span></label>)'
    r"(?P<text>[^<]{0,80})"
)


def _label_task(match: re.Match[str]) -> str:
    state = "Done" if match["checked"] else "To do"
    text = " ".join(match["text"].split())
    label = f"{state}: {text}" if text else state
    label = label.replace('"', "&quot;")
    checked = " checked" if match["checked"] else ""
    return (
        f'<label class="task-list-control"><input type="checkbox" disabled{checked} aria-label="{label}"/>'
        f"{match['indicator']}{match['text']}"
    )


def label_unnamed_controls(html: str, search_label: str = "Search") -> str:
    html = html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + f' aria-label="{search_label}">', 1)
    return _TASK.sub(_label_task, html)
