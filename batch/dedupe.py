"""Merging copies of one registration (a scan and a ledger row, two scans of one page).

The survivor is an accepted copy if there is one, else the oldest. Every copy's provenance is
moved onto the survivor, so both readings stay on record; the other copies are marked
``duplicate`` and leave the person index.
"""

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from validation.cross import check_store
from warehouse.linkage import link_records
from warehouse.models import FieldProvenance, RecordRow, ReviewTask


def merge_duplicates(session: Session, *, batch: str | None = None) -> int:
    """Merge every group of duplicate records (touching ``batch``); returns copies retired."""
    groups = [
        i.record_ids for i in check_store(session, batch=batch) if i.rule == "duplicate-record"
    ]
    retired: list[int] = []
    for ids in groups:
        rows = list(session.scalars(select(RecordRow).where(RecordRow.id.in_(ids))))
        survivor = min(rows, key=lambda r: (r.status != "accepted", r.id))
        for row in rows:
            if row.id == survivor.id:
                continue
            session.execute(
                update(FieldProvenance)
                .where(FieldProvenance.record_id == row.id)
                .values(record_id=survivor.id)
            )
            session.execute(
                update(ReviewTask)
                .where(ReviewTask.record_id == row.id, ReviewTask.state == "open")
                .values(state="duplicate")
            )
            row.status = "duplicate"
            note = {"rule": "duplicate-record", "severity": "warning", "field": None}
            row.issues = [*row.issues, note | {"message": f"a copy of record {survivor.id}"}]
            retired.append(row.id)
    session.flush()
    if retired:
        link_records(session, record_ids=retired)
    return len(retired)
