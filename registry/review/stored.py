"""A stored record as the schema's ``Record``, and the review task that holds it."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from hunyin.schema import PARTY_FIELDS, RECORD_FIELDS, Record
from registry.errors import ApiError
from registry.offices import same_office
from warehouse.models import RecordRow, ReviewTask, User


def as_record(row: RecordRow) -> Record:
    """The record's current values (source and status are not part of what is reviewed)."""
    values: dict[str, object] = {f: getattr(row, f) for f in RECORD_FIELDS}
    for party in row.parties:
        values[party.role] = {f: getattr(party, f) for f in PARTY_FIELDS}
    return Record.model_validate(
        {"source": {"file": f"record {row.id}", "page": row.page}, **values}
    )


def record_for(session: Session, *, record_id: int, user: User) -> RecordRow:
    """The record, if it exists and ``user`` may review it (its office's stewards, or an admin)."""
    row = session.get(RecordRow, record_id)
    if row is None:
        raise ApiError(404, f"no record {record_id}")
    if user.role != "admin" and not same_office(user.office_code, row.office_code):
        raise ApiError(403, f"only the registering office ({row.office_code}) reviews this record")
    return row


def task_of(session: Session, record_id: int) -> ReviewTask | None:
    """The record's review task, if it was ever queued."""
    return session.scalar(select(ReviewTask).where(ReviewTask.record_id == record_id))
