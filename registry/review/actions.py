"""What a steward does to a queued record: correct fields, approve, reject.

A correction is validated again at once and written with who, when, the old and the new value
to ``field_provenance`` and to the audit log. Approval needs no ``error`` left; it accepts the
record and links its parties into the person index, with no rerun of the batch.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from hunyin.domain.dates import parse_date
from hunyin.domain.idnumber import upgrade
from hunyin.domain.text import compact
from hunyin.schema import Issue, Record, dotted_fields
from registry.audit import record_audit
from registry.errors import ApiError
from registry.review.stored import as_record, task_of
from validation.catalog import rules
from validation.rules import check_record
from warehouse.linkage import link_records
from warehouse.models import FieldProvenance, RecordRow, User
from warehouse.models.base import utcnow

EDITABLE = frozenset(dotted_fields())
PURPOSE = "数据质量复核"


def _value(field: str, text: str | None) -> Any:
    """A typed value from what the steward typed (blank clears the field)."""
    value = compact(text)
    if value is None or not field.endswith("_date"):
        return value.upper() if value and field.endswith("id_number") else value
    day = parse_date(value)
    if day is None:
        raise ApiError(422, f"{field}: not a date", details=[{"field": field}])
    return day


def _text(value: object) -> str | None:
    return value.isoformat() if isinstance(value, date) else None if value is None else str(value)


def _corrected(record: Record, changes: dict[str, Any]) -> Record:
    data = record.model_dump()
    for field, value in changes.items():
        role, _, name = field.rpartition(".")
        (data[role] if role else data)[name] = value
    try:
        return Record.model_validate(data)
    except ValidationError as exc:
        fields = [".".join(map(str, e["loc"])) for e in exc.errors()]
        raise ApiError(422, "a corrected value is not allowed", details=fields) from exc


def _store(row: RecordRow, record: Record, issues: list[Issue]) -> None:
    for field in ("record_type", "registration_date", "office_code", "office_name"):
        setattr(row, field, getattr(record, field))
    row.certificate_no, row.registrar = record.certificate_no, record.registrar
    for party in row.parties:
        values = record.party(party.role).model_dump()  # type: ignore[arg-type]
        for name, value in values.items():
            setattr(party, name, value)
        party.id18 = upgrade(party.id_number)
    # The content hash stays the source's (``warehouse.reviews``): re-importing the same source
    # must find it unchanged and keep this correction.
    row.issues = [i.model_dump() for i in issues]


def correct(
    session: Session,
    *,
    row: RecordRow,
    user: User,
    values: Mapping[str, str | None],
    reason: str | None,
) -> list[Issue]:
    """Apply the steward's values; returns the record's issues after validating it again."""
    unknown = sorted(set(values) - EDITABLE)
    if unknown:
        raise ApiError(422, "unknown fields", details=unknown)
    before = as_record(row)
    wanted = {f: _value(f, v) for f, v in values.items()}
    changes = {f: v for f, v in wanted.items() if before.get(f) != v}
    after = _corrected(before, changes)
    # Rule issues are recomputed; other doubts (low confidence…) stay unless their field changed.
    kept = [
        Issue.model_validate(i)
        for i in row.issues or []
        if i.get("rule") not in rules() and i.get("field") not in changes
    ]
    issues = kept + check_record(after)
    was_accepted = row.status == "accepted"
    _store(row, after, issues)
    row.status = "needs_review"
    task = task_of(session, row.id)
    if task is not None:
        task.reasons = row.issues
    session.add_all(
        FieldProvenance(
            record_id=row.id,
            field=field,
            value=_text(value),
            engine="steward",
            confidence=1.0,
            source_document_id=row.source_document_id,
            page=row.page,
            previous_value=_text(before.get(field)),
            corrected_by=user.name,
        )
        for field, value in changes.items()
    )
    session.flush()
    if was_accepted:
        link_records(session, record_ids=[row.id])  # leaves the index until approved again
    record_audit(
        session,
        user=user,
        action="review_correct",
        purpose=reason or PURPOSE,
        subject=f"record {row.id}",
        # the audit writer masks ID numbers in old and new values
        details={
            "record_id": row.id,
            "changes": [
                {"field": f, "old": _text(before.get(f)), "new": _text(v)}
                for f, v in sorted(changes.items())
            ],
        },
    )
    return issues


def _resolve(session: Session, *, row: RecordRow, user: User, state: str) -> None:
    task = task_of(session, row.id)
    if task is not None:
        task.state, task.resolved_by, task.resolved_at = state, user.name, utcnow()


def approve(session: Session, *, row: RecordRow, user: User, note: str | None) -> list[Issue]:
    """Accept the record into the store when no ``error`` is left; returns its issues."""
    issues = check_record(as_record(row))
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        details = [{"field": i.field, "rule": i.rule, "message": i.message} for i in errors]
        raise ApiError(422, "errors remain: correct them before approving", details=details)
    row.status, row.issues = "accepted", [i.model_dump() for i in issues]
    _resolve(session, row=row, user=user, state="approved")
    session.flush()
    link_records(session, record_ids=[row.id])
    record_audit(
        session,
        user=user,
        action="review_approve",
        purpose=note or PURPOSE,
        subject=f"record {row.id}",
        details={"record_id": row.id, "certificate_no": row.certificate_no},
    )
    return issues


def reject(session: Session, *, row: RecordRow, user: User, reason: str) -> None:
    """Keep the record out of the store (it stays, with its provenance, for the archive)."""
    was_accepted = row.status == "accepted"
    row.status = "rejected"
    _resolve(session, row=row, user=user, state="rejected")
    session.flush()
    if was_accepted:
        link_records(session, record_ids=[row.id])
    record_audit(
        session,
        user=user,
        action="review_reject",
        purpose=reason,
        subject=f"record {row.id}",
        details={"record_id": row.id},
    )
