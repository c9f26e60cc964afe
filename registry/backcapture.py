"""A steward's back-capture: a registration of the past entered from its paper (a certificate a
party brings, a register page the archive holds) that no scan or ledger of the store carries.

The window registers only today's registrations; this is the other path, with its own audit.
The record is checked by the same record rules as every archived one (the certificate number
as written against its era, the ages, the ID numbers), stored with ``source_kind
"back_capture"`` and linked at once, so that every office's status answer shows it.
"""

import datetime as dt
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hunyin.errors import ConflictError
from registry.deps import ensure_acts_for
from registry.errors import ApiError
from registry.live.records import build_record, record_doc, store_record
from registry.schemas import BackCaptureIn
from validation.rules import check_record
from warehouse.models import CurrentMarriage, PersonLink, RecordRow, User

SOURCE_KIND = "back_capture"


def back_capture_key(body: BackCaptureIn) -> str:
    """The record's natural key: the office, type, day and certificate number as written."""
    return (
        f"back-capture:{body.office_code}:{body.kind}:{body.date.isoformat()}:{body.certificate_no}"
    )


def _on_record(session: Session, body: BackCaptureIn) -> RecordRow | None:
    """A record of the store (from any source) of the same registration, unless rejected."""
    return session.scalar(
        select(RecordRow)
        .where(
            RecordRow.office_code == body.office_code,
            RecordRow.record_type == body.kind,
            RecordRow.certificate_no == body.certificate_no,
            RecordRow.status != "rejected",
        )
        .limit(1)
    )


def _persons(session: Session, row: RecordRow) -> list[dict[str, Any]]:
    """The person each party was linked to, as the index has it now."""
    links = {
        link.party_id: link
        for link in session.scalars(
            select(PersonLink).where(PersonLink.party_id.in_([p.id for p in row.parties]))
        )
    }
    return [
        {
            "role": party.role,
            "person_id": links[party.id].person_id if party.id in links else None,
            "match": links[party.id].match if party.id in links else None,
        }
        for party in row.parties
        if party.name
    ]


def back_capture(
    session: Session, *, body: BackCaptureIn, user: User, today: dt.date
) -> dict[str, Any]:
    """Check and store the registration; raises ApiError (403, 422) or ConflictError (409).
    A steward captures the own office's registrations, an admin any office's."""
    ensure_acts_for(user, body.office_code)
    if not body.date < today:
        raise ApiError(
            422,
            f"a back-capture is of a past registration: {body.date} is not before today "
            f"({today.isoformat()})",
            code="not_past",
            details=[{"loc": ["body", "date"], "msg": "must be before today at the office"}],
        )
    same = _on_record(session, body)
    if same is not None:
        raise ConflictError(f"this registration is on record already (record {same.id})")
    record = build_record(
        record_type=body.kind,
        day=body.date,
        office_code=body.office_code,
        certificate_no=body.certificate_no,
        registrar=body.registrar,
        parties=body.parties,
        prior_statuses={p.sex: p.declared_status for p in body.parties},
        source_kind=SOURCE_KIND,
    )
    issues = check_record(record)
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise ApiError(
            422,
            "the registration fails the record rules",
            code="invalid_record",
            details=[i.model_dump() for i in errors],
        )
    record = record.model_copy(update={"issues": issues})
    row = store_record(
        session,
        record=record,
        key=back_capture_key(body),
        source_kind=SOURCE_KIND,
        parties=body.parties,
    )
    if body.kind == "divorce":
        # A live marriage a party still holds as current, registered before this divorce,
        # ended with it: the window would refuse them a new marriage otherwise.
        keys = [p.id18 for p in body.parties if p.id18]
        session.execute(
            delete(CurrentMarriage).where(
                CurrentMarriage.id18.in_(keys), CurrentMarriage.since <= body.date
            )
        )
    session.flush()
    return {**record_doc(row), "issues": row.issues or [], "persons": _persons(session, row)}
