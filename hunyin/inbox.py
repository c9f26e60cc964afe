"""The archivists' inbox: one folder per office, one sub-folder per batch.

A batch's partition key is ``{office}-{batch}`` (e.g. ``532301-2018-box3``); files inside may
sit in further sub-folders. Ledgers (CSV, XLSX) and scans (images, PDF) share a batch. It lives
in the kernel because two floors meet here: the batch graph reads the inbox, the archivist's
desk in the registry writes it.
"""

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from hunyin.errors import InputError

_OFFICE = re.compile(r"^\d{6}$")
_BATCH = re.compile(r"^[\w.\-]+$")
LEDGER_SUFFIXES = {".csv", ".xlsx", ".xls"}
# Files a batch carries about itself (its manifest and answer key), not records to read.
SIDECARS = frozenset({"manifest.json", "truth.jsonl"})


@dataclass(frozen=True, slots=True)
class Batch:
    office_code: str
    name: str
    path: Path

    @property
    def key(self) -> str:
        return f"{self.office_code}-{self.name}"


def office_folders(inbox: Path) -> dict[str, int]:
    """Each office folder of the inbox with its modification time (ns), which changes whenever
    a batch folder is added to it or taken out."""
    if not inbox.is_dir():
        return {}
    return {
        p.name: p.stat().st_mtime_ns
        for p in inbox.iterdir()
        if p.is_dir() and _OFFICE.match(p.name)
    }


def discover(inbox: Path, *, offices: Collection[str] | None = None) -> list[Batch]:
    """Every batch folder under the inbox (or under the given offices only), in a stable order;
    stray files are ignored."""
    if not inbox.is_dir():
        return []
    batches = []
    for office in sorted(
        p
        for p in inbox.iterdir()
        if p.is_dir() and _OFFICE.match(p.name) and (offices is None or p.name in offices)
    ):
        for folder in sorted(p for p in office.iterdir() if p.is_dir() and _BATCH.match(p.name)):
            batches.append(Batch(office_code=office.name, name=folder.name, path=folder))
    return batches


def batch_for_key(inbox: Path, key: str) -> Batch:
    """The batch behind a partition key."""
    office, _, name = key.partition("-")
    path = inbox / office / name
    if not (_OFFICE.match(office) and name and path.is_dir()):
        raise InputError(f"no batch folder for partition {key!r} under the inbox")
    return Batch(office_code=office, name=name, path=path)


def files_under(root: Path) -> list[Path]:
    """The one rule for which files of a tree are records to read, for the inbox and for
    ``hunyin extract`` alike: every regular file in a stable order, leaving out anything hidden
    (a dot-file, or any file inside a dot-folder such as ``.thumbnails``) and the batch's
    sidecars at its top."""
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and not (p.parent == root and p.name in SIDECARS)
    )


def files_of(batch: Batch) -> list[Path]:
    """Every file of the batch to read (see ``files_under``)."""
    return files_under(batch.path)


def is_ledger(path: Path) -> bool:
    """Ledgers are spreadsheets; everything else goes to the scan intake, which sniffs content."""
    return path.suffix.lower() in LEDGER_SUFFIXES


def fingerprint(batch: Batch) -> str:
    """A digest of the batch's file names, sizes and modification times: changes with content."""
    digest = hashlib.sha256()
    for path in files_of(batch):
        stat = path.stat()
        digest.update(
            f"{path.relative_to(batch.path)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()[:16]
