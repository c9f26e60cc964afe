"""Loading the results of reading a batch of scans: records, blanks and quarantined files."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from batch.evidence import weigh
from hunyin.schema import Outcome, Record
from validation.routing import in_audit_sample
from warehouse.keys import scan_key
from warehouse.loading import Keyed, LoadResult, upsert_records
from warehouse.models import RecordRow, ReviewTask, SourceDocument


@dataclass(slots=True)
class ScanLoadSummary:
    load: LoadResult
    blank_pages: int
    quarantined_files: int
    audit_sampled: int


def load_scan_results(
    session: Session,
    *,
    results: Sequence[Record | Outcome],
    batch: str,
    audit_rate: float,
) -> ScanLoadSummary:
    """Upsert the records on (file SHA-256, page) and mark each document's final outcome."""
    shas = {r.source.sha256 for r in results if r.source.sha256}
    doc_ids = {
        sha: doc_id
        for sha, doc_id in session.execute(
            select(SourceDocument.sha256, SourceDocument.id).where(SourceDocument.sha256.in_(shas))
        )
    }
    records = [weigh(session, record=r) for r in results if isinstance(r, Record)]
    items = [
        Keyed(
            key=scan_key(sha256=str(r.source.sha256), page=r.source.page or 1),
            record=r,
            source_document_id=doc_ids.get(str(r.source.sha256)),
        )
        for r in records
    ]
    result = upsert_records(session, items=items, source_kind="scan", batch=batch, engine="ocr")
    with_records = {r.source.sha256 for r in records}
    blanks = [o for o in results if isinstance(o, Outcome) and o.status == "blank"]
    for sha in shas:
        outcome = "records" if sha in with_records else "blank"
        session.execute(
            update(SourceDocument)
            .where(SourceDocument.sha256 == sha, SourceDocument.outcome.is_(None))
            .values(outcome=outcome)
        )
    sampled = _draw_audit_sample(
        session, keys=[i.key for i in items if i.record.status == "accepted"], rate=audit_rate
    )
    quarantined = sum(1 for o in results if isinstance(o, Outcome) and o.status == "quarantined")
    return ScanLoadSummary(
        load=result, blank_pages=len(blanks), quarantined_files=quarantined, audit_sampled=sampled
    )


def _draw_audit_sample(session: Session, *, keys: list[str], rate: float) -> int:
    drawn = [k for k in keys if in_audit_sample(key=k, rate=rate)]
    rows = session.execute(
        select(RecordRow.id, RecordRow.batch, RecordRow.office_code)
        .outerjoin(ReviewTask, ReviewTask.record_id == RecordRow.id)
        .where(RecordRow.natural_key.in_(drawn), ReviewTask.id.is_(None))
    ).all()
    session.add_all(
        ReviewTask(
            record_id=row.id,
            kind="audit_sample",
            reasons=[{"rule": "audit-sample", "message": "drawn for a routine human check"}],
            batch=row.batch,
            office_code=row.office_code,
        )
        for row in rows
    )
    session.flush()
    return len(rows)
