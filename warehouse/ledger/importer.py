"""Importing ledger files into the store, file by file, with an account of every row."""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from warehouse.bulk.upsert import load_frame
from warehouse.documents import register_document
from warehouse.ledger.prepare import Quarantined, prepare_ledger

ENGINE = "ledger"
# How many quarantined rows a document's reason names; the count is always complete.
_REASONS_SHOWN = 20


@dataclass(slots=True)
class LedgerSummary:
    """What became of every row read: the last four counts add up to ``rows_read``."""

    rows_read: int = 0
    imported: int = 0
    already_present: int = 0
    to_review: int = 0
    quarantined: int = 0
    quarantine: list[tuple[str, Quarantined]] = field(default_factory=list)

    def add(self, other: "LedgerSummary") -> None:
        """Fold another file's summary into this one."""
        self.rows_read += other.rows_read
        self.imported += other.imported
        self.already_present += other.already_present
        self.to_review += other.to_review
        self.quarantined += other.quarantined
        self.quarantine += other.quarantine

    def counts(self) -> dict[str, int]:
        """The ``--json`` summary of ``contracts.md``."""
        return {
            "rows_read": self.rows_read,
            "imported": self.imported,
            "already_present": self.already_present,
            "to_review": self.to_review,
            "quarantined": self.quarantined,
        }


def _reason(quarantined: list[Quarantined]) -> str | None:
    if not quarantined:
        return None
    shown = "; ".join(f"row {q.row}: {q.reason}" for q in quarantined[:_REASONS_SHOWN])
    more = len(quarantined) - _REASONS_SHOWN
    return f"{len(quarantined)} rows quarantined: {shown}" + (f"; {more} more" if more > 0 else "")


def import_ledger(
    session: Session, path: Path, *, office_code: str | None = None, batch: str | None = None
) -> LedgerSummary:
    """Import one ledger file in the caller's transaction; raises on an unreadable file."""
    prepared = prepare_ledger(path, office_code=office_code)
    data = path.read_bytes()
    document_id = register_document(
        session,
        sha256=hashlib.sha256(data).hexdigest(),
        path=path.name,
        kind="ledger",
        batch=batch,
        size_bytes=len(data),
        pages=prepared.rows_read,
        outcome="records",
        reason=_reason(prepared.quarantined),
    )
    result = load_frame(
        session.connection(),
        prepared.staged,
        source_kind="ledger",
        source_document_id=document_id,
        batch=batch,
        engine=ENGINE,
    )
    return LedgerSummary(
        rows_read=prepared.rows_read,
        imported=result.inserted + result.updated - result.to_review,
        already_present=result.unchanged + prepared.repeated,
        to_review=result.to_review,
        quarantined=len(prepared.quarantined),
        quarantine=[(path.name, q) for q in prepared.quarantined],
    )
