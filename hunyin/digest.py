"""Content digests: a file is known by its SHA-256, whatever its name or folder; a record by the
SHA-256 of its values, whichever path loaded it."""

import hashlib
from collections.abc import Iterable
from pathlib import Path

# What no value contains: separates the values and stands for a missing one in the hashed text.
VALUE_SEPARATOR = "\x1f"
NULL_VALUE = "\x00"


def sha256_of(path: Path) -> str:
    """The file's SHA-256, read in 1 MiB chunks so that large scans never sit in memory whole."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def values_digest(values: Iterable[str | None]) -> str:
    """SHA-256 (hex) of values as text, in order, a missing one distinct from an empty one."""
    text = VALUE_SEPARATOR.join(NULL_VALUE if v is None else v for v in values)
    return hashlib.sha256(text.encode()).hexdigest()
