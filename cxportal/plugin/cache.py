"""Content kept between `cxportal serve` rebuilds while no content file changed.

MkDocs reloads the configuration and runs every plugin event on each rebuild; loading
and validating every playbook, role and quiz again after an edit to a hand-written page
would repeat work whose inputs are unchanged. The key is each content file's path,
modification time and size: any edit, new or deleted file loads everything again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


def fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime in ns, size) of every file below `folder`, in a stable order."""
    entries = []
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            path = os.path.join(dirpath, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            entries.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(entries))


class ContentCache(Generic[T]):
    def __init__(self) -> None:
        self.key: Hashable = None
        self.value: T | None = None

    def get(self, folder: Path, settings: Hashable, load: Callable[[], T]) -> T:
        """The cached value while `folder`'s files and `settings` are unchanged, else a fresh `load()`."""
        key = (settings, fingerprint(folder))
        if self.value is None or key != self.key:
            self.value, self.key = load(), key
        return self.value
