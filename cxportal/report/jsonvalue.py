"""Typed reads of untrusted JSON (statements, progress files): a wrong type reads as empty, never raises."""

from __future__ import annotations

from typing import Any


def text(data: Any, key: str) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else ""


def mapping(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}
