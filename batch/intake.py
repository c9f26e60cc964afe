"""Intake of one batch: every file hashed and sorted into scans and ledgers."""

from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy.orm import Session

from hunyin.digest import sha256_of
from hunyin.inbox import Batch, files_of, is_ledger
from hunyin.schema import Outcome, Source
from ocr.intake import FileInventory, inventory
from warehouse.documents import earlier_version


@dataclass(frozen=True, slots=True)
class LedgerFile:
    file: str
    path: Path
    sha256: str
    size_bytes: int
    refused: str | None = None


@dataclass(slots=True)
class BatchIntake:
    batch_key: str
    root: Path
    scans: list[FileInventory] = field(default_factory=list)
    ledgers: list[LedgerFile] = field(default_factory=list)

    @property
    def files(self) -> int:
        return len(self.scans) + len(self.ledgers)

    @property
    def quarantined(self) -> list[FileInventory]:
        return [s for s in self.scans if s.outcome is not None]


def take_in(batch: Batch, *, max_pixels: int) -> BatchIntake:
    """Inventory every file of the batch; an unusable scan is kept with its quarantine reason."""
    intake = BatchIntake(batch_key=batch.key, root=batch.path)
    for path in files_of(batch):
        rel = path.relative_to(batch.path).as_posix()
        if is_ledger(path):
            intake.ledgers.append(
                LedgerFile(
                    file=rel, path=path, sha256=sha256_of(path), size_bytes=path.stat().st_size
                )
            )
        else:
            intake.scans.append(inventory(path, root=batch.path, max_pixels=max_pixels))
    return intake


def changed_since_intake(session: Session, *, path: Path, sha256: str) -> str | None:
    """Why a file must not be read as new: its path was stored before with other bytes."""
    before = earlier_version(session, path=str(path.resolve()), sha256=sha256)
    if before is None:
        return None
    return (
        f"changed since intake: this path held other bytes (document {before.id}, SHA-256 "
        f"{before.sha256[:12]}…); not read as a new file: a corrected ledger or a new scan "
        f"goes in under a name of its own (see `hunyin fixity`)"
    )


def refuse_changed(session: Session, *, intake: BatchIntake) -> BatchIntake:
    """A file whose path was stored before with other bytes is quarantined, not read as new:
    an altered scan must reach a human, never slip in beside the reading of the original."""
    scans = []
    for scan in intake.scans:
        reason = changed_since_intake(session, path=intake.root / scan.file, sha256=scan.sha256)
        if reason and scan.outcome is None:
            outcome = Outcome(
                status="quarantined",
                source=Source(file=scan.file, sha256=scan.sha256),
                reason=reason,
            )
            scan = replace(scan, outcome=outcome)
        scans.append(scan)
    ledgers = [
        replace(
            ledger, refused=changed_since_intake(session, path=ledger.path, sha256=ledger.sha256)
        )
        for ledger in intake.ledgers
    ]
    return BatchIntake(batch_key=intake.batch_key, root=intake.root, scans=scans, ledgers=ledgers)
