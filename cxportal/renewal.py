"""How long a finished learning path counts before it is due again (`renew: {refresher: 12 months}` in a role).

A period is a whole number of days, weeks, months or years. It is kept in the canonical form
"12 month" that progress.js and manager.js read (one place adds it to a date: progress.js).
"""

from __future__ import annotations

import re
from dataclasses import replace
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Portal

UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}
_PERIOD = re.compile(r"^\s*(?P<count>[+-]?\d+)\s*(?P<unit>[A-Za-z]+)\s*$")


def parse_period(value: object) -> tuple[str, str | None]:
    """("12 month", None) for a good period, or ("", the problem) for a bad one."""
    match = _PERIOD.match(str(value)) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if match is None:
        return "", f"'{value}' is not a period such as '12 months', '6 weeks' or '1 year'"
    count, unit = int(match["count"]), match["unit"].lower()
    if unit not in UNITS:
        return "", f"unknown unit '{match['unit']}' in '{value}' (use days, weeks, months or years)"
    if count <= 0:
        return "", f"'{value}' must be a positive period, such as '12 months'"
    return f"{count} {UNITS[unit]}", None


def with_default_renewal(portal: Portal, defaults: dict[str, str]) -> Portal:
    """`portal` with mkdocs.yml's `renew:` periods (already checked) on every path whose role sets none."""
    if not defaults:
        return portal
    roles = {}
    for role_id, role in portal.roles.items():
        paths = {
            kind: path if path.renew or kind not in defaults else replace(path, renew=parse_period(defaults[kind])[0])
            for kind, path in role.paths.items()
        }
        roles[role_id] = replace(role, paths=MappingProxyType(paths))
    return replace(portal, roles=MappingProxyType(roles))
