"""Builds into a staging folder and swaps it into place only after a good build.

A failed build (bad content, a macro error, a strict-mode warning) therefore
leaves the last good site exactly as it was.
"""

from __future__ import annotations

import logging
import shutil
import uuid
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class StagedSite:
    def __init__(self, target: Path) -> None:
        self.target = target.resolve()
        self.staging = self.target.parent / f".site-staging-{uuid.uuid4().hex[:8]}"
        # Count warnings as MkDocs does, to know whether --strict is about to abort the build.
        self.warnings = _WarningCounter()
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def failed_strict(self, config: MkDocsConfig) -> bool:
        return bool(config.strict) and self.warnings.count > 0

    def swap(self) -> None:
        old = self.target.parent / f".site-old-{uuid.uuid4().hex[:8]}"
        if self.target.exists():
            self.target.rename(old)
        self.staging.rename(self.target)
        shutil.rmtree(old, ignore_errors=True)
        self.close()

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self.close()

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
