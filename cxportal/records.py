"""Learning records: the xAPI vocabulary the portal uses and the settings records.js reads (docs/records.md).

MkDocs-free: the plugin checks the `records:` option with these rules and hands
`browser_settings` to the page as JSON; records.js builds and sends the statements.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

ADL = "http://adlnet.gov/expapi/verbs/"
# Event → default verb IRI (published vocabularies: ADL, the Tin Can registry, the DoD ISD profile).
EVENTS: dict[str, str] = {
    "read": ADL + "experienced",
    "practised": ADL + "completed",
    "answered": ADL + "answered",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "assessed": ADL + "completed",
    "path_completed": ADL + "completed",
    "certificate": "http://id.tincanapi.com/verb/earned",
    "acknowledged": "https://w3id.org/xapi/dod-isd/verbs/acknowledged",
}
# The English display word of each default verb (an override keeps the event's word).
DISPLAY: dict[str, str] = {
    "read": "experienced",
    "practised": "completed",
    "answered": "answered",
    "passed": "passed",
    "failed": "failed",
    "assessed": "completed",
    "path_completed": "completed",
    "certificate": "earned",
    "acknowledged": "acknowledged",
}
_PATH = re.compile(r"^/(?:[A-Za-z0-9._~!$&'()*+,;=:@%-]+/?)*$")


def is_same_origin_path(value: str) -> bool:
    """An absolute path on the portal's own host ('/lrs/'), never another host or a scheme."""
    return bool(_PATH.match(value)) and not value.startswith("//")


def is_iri(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def browser_settings(lrs: str, whoami: str, verbs: dict[str, str], base: str) -> dict[str, Any]:
    """What records.js needs: where to send, who is reading, the verbs, and the activity-id base."""
    lrs = lrs if lrs.endswith("/") else lrs + "/"
    chosen = {event: {"id": verbs.get(event, iri), "display": DISPLAY[event]} for event, iri in EVENTS.items()}
    return {"lrs": lrs, "whoami": whoami, "base": base if base.endswith("/") else base + "/", "verbs": chosen}


def settings_json(settings: dict[str, Any]) -> str:
    """The settings as JSON safe inside an HTML attribute (the template escapes it once more)."""
    return json.dumps(settings, ensure_ascii=False, sort_keys=True)
