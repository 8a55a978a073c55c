"""Compiled Jinja templates shared by every environment of the process (MkDocs-free)."""

from __future__ import annotations

import jinja2
import jinja2.bccache


class TemplateCode(jinja2.BytecodeCache):
    """Compiled Jinja templates kept in memory for the process.

    MkDocs makes a new theme environment for every build, and the renderer one per
    build too, so each language's site and each `serve` rebuild would compile the
    same templates again. Jinja checks each entry against its template's source
    checksum, so an edited template (an override in custom_dir) is compiled afresh.
    """

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CODE = TemplateCode()
