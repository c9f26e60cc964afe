"""Intake of one batch: every file hashed and sorted into scans and ledgers."""

from dataclasses import dataclass, field
from pathlib import Path

from hunyin.digest import sha256_of
from hunyin.inbox import Batch, files_of, is_ledger
from ocr.intake import FileInventory, inventory


@dataclass(frozen=True, slots=True)
class LedgerFile:
    file: str
    path: Path
    sha256: str
    size_bytes: int


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
