"""Counts of what the store holds, for the demo's closing summary and the CLI."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warehouse.models import PersonRow, RecordRow, ReviewTask, SourceDocument


@dataclass(frozen=True, slots=True)
class StoreSummary:
    files: int
    pages: int
    files_by_outcome: dict[str, int]
    scan_records: dict[str, int]
    ledger_rows: dict[str, int]
    open_reviews: int
    persons: int


def summarise(session: Session) -> StoreSummary:
    scans = SourceDocument.kind == "scan"
    outcomes = session.execute(
        select(SourceDocument.outcome, func.count()).where(scans).group_by(SourceDocument.outcome)
    ).all()
    by_kind = session.execute(
        select(RecordRow.source_kind, RecordRow.status, func.count()).group_by(
            RecordRow.source_kind, RecordRow.status
        )
    ).all()
    return StoreSummary(
        files=session.scalar(select(func.count()).select_from(SourceDocument)) or 0,
        pages=session.scalar(select(func.coalesce(func.sum(SourceDocument.pages), 0)).where(scans))
        or 0,
        files_by_outcome={str(o or "pending"): n for o, n in outcomes},
        scan_records={s: n for k, s, n in by_kind if k == "scan"},
        ledger_rows={s: n for k, s, n in by_kind if k == "ledger"},
        open_reviews=session.scalar(
            select(func.count()).select_from(ReviewTask).where(ReviewTask.state == "open")
        )
        or 0,
        persons=session.scalar(select(func.count()).select_from(PersonRow)) or 0,
    )
