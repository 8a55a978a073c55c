"""Loaded by every Python process of the test's Ralph (its PYTHONPATH names this folder), and only by them.

Ralph's file-system LRS backend (5.1.0, and upstream today) writes its one statements file with
the "create" operation, so the first statement is stored and every later write fails with
"fs_lrs.jsonl already exists". Appending is what a file-based LRS must do; this is the only change,
and docs/records.md says so. An organisation runs Ralph on a database backend instead.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND
