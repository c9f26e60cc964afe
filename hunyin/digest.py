"""Content digests: a file is known by its SHA-256, whatever its name or folder."""

import hashlib
from pathlib import Path


def sha256_of(path: Path) -> str:
    """The file's SHA-256, read in 1 MiB chunks so that large scans never sit in memory whole."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
