"""Content kept between builds of the same project in one process.

MkDocs runs every plugin event on each build: `cxportal serve` rebuilds after every
edit, and one `mkdocs build` builds each extra language's site as a nested build of
the same project. Loading and validating every playbook, role and quiz again for
each of those would repeat work whose inputs are unchanged. The key is each content
file's path, size and a hash of its bytes (a modification time alone can repeat
within the file system's clock tick): any edit, new or deleted file loads
everything again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


def fingerprint(folder: Path) -> tuple[tuple[str, int, str], ...]:
    """(path, size, BLAKE2 digest) of every file below `folder`, in a stable order."""
    entries = []
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            path = os.path.join(dirpath, name)
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError:
                continue
            entries.append((path, len(data), hashlib.blake2b(data, digest_size=16).hexdigest()))
    return tuple(sorted(entries))


class ContentCache(Generic[T]):
    def __init__(self) -> None:
        self.key: Hashable = None
        self.value: T | None = None

    def get(self, folder: Path, settings: Hashable, load: Callable[[], T]) -> T:
        """The cached value while `folder`'s files and `settings` are unchanged, else a fresh `load()`."""
        key = (str(folder.resolve()), settings, fingerprint(folder))
        if self.value is None or key != self.key:
            self.value, self.key = load(), key
        return self.value


# One per process: the main build, its nested language builds and serve's rebuilds share it.
SHARED: ContentCache = ContentCache()
