"""What a steward does to a queued record: correct fields, approve, reject.

A correction is validated again at once and written with who, when, the old and the new value
to ``field_provenance``, to the audit log and to a new version of the page's PAGE XML file
(the machine's reading is kept as it was). A corrected record never leaves the store
unseen: it stays accepted when no error is left, or waits in an open review task (and the
status service shows it as a candidate meanwhile). Approval needs no ``error`` left, the
reader's own doubts included, unless a role in ``OVERRIDE_ROLES`` overrides them with a reason;
it accepts the record and links its parties into the person index. A rejection keeps its reason.
Afterwards every record is accepted, in an open task, or rejected with a reason.
"""

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from hunyin.domain.dates import parse_date
from hunyin.domain.idnumber import upgrade
from hunyin.domain.text import checked_text, compact
from hunyin.schema import Issue, Record, dotted_fields
from hunyin.settings import get_settings
from ocr.pagexml import stored_page_file, write_correction
from registry.audit import record_audit
from registry.errors import ApiError
from registry.review.stored import as_record, task_of
from validation.catalog import rules
from validation.rules import check_record
from warehouse.linkage import link_records
from warehouse.models import FieldProvenance, RecordRow, ReviewTask, SourceDocument, User
from warehouse.models.base import utcnow
from warehouse.reviews import sync_task

EDITABLE = frozenset(dotted_fields())
PURPOSE = "数据质量复核"
# Who may approve a record while errors remain, saying why (the override is audited).
OVERRIDE_ROLES = frozenset({"admin"})


def _value(field: str, text: str | None) -> Any:
    """A typed value from what the steward typed (blank clears the field)."""
    if text is not None and text.strip():
        try:
            checked_text(text)
        except ValueError as exc:
            raise ApiError(422, f"{field}: {exc}", details=[{"field": field}]) from exc
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
    # Rule issues are recomputed; the reader's doubts (low confidence, a bad format…) stay
    # unless the steward typed the field, which confirms or corrects it.
    kept = [i for i in reader_issues(row) if i.field not in wanted]
    issues = kept + check_record(after)
    was_accepted = row.status == "accepted"
    _store(row, after, issues)
    if not (was_accepted and not errors_of(issues)):
        # Sent back, or still doubtful: it waits in an open task, never outside every queue.
        row.status = "needs_review"
        _open_task(session, row=row)
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
    _page_version(session, row=row, changes=changes, by=user.name)
    if was_accepted:
        # Linked again with its new values, or out of the index until approved again.
        link_records(session, record_ids=[row.id])
    record_audit(
        session,
        user=user,
        action="review_correct",
        purpose=reason or PURPOSE,
        subject=f"record {row.id}",
        # the audit writer masks ID numbers in old and new values
        details={
            "record_id": row.id,
            "status": row.status,
            "changes": [
                {"field": f, "old": _text(before.get(f)), "new": _text(v)}
                for f, v in sorted(changes.items())
            ],
        },
    )
    return issues


def _page_version(session: Session, *, row: RecordRow, changes: Mapping[str, Any], by: str) -> None:
    """The steward's values as a new version of the page's PAGE XML file."""
    doc = session.get(SourceDocument, row.source_document_id) if row.source_document_id else None
    if doc is None or row.source_kind != "scan" or not changes:
        return
    settings = get_settings()
    path = stored_page_file(
        var_dir=settings.var_dir,
        inbox_dir=settings.inbox_dir,
        scan=Path(doc.path),
        page=row.page or 1,
    )
    if path is not None:
        write_correction(path, changes={f: _text(v) for f, v in changes.items()}, by=by)


def reader_issues(row: RecordRow) -> list[Issue]:
    """The stored issues no record rule recomputes: the reader's doubts about its readings."""
    return [Issue.model_validate(i) for i in row.issues or [] if i.get("rule") not in rules()]


def errors_of(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "error"]


def _open_task(session: Session, *, row: RecordRow) -> ReviewTask:
    """The record's task, open with its current issues (``warehouse.reviews``' rule)."""
    sync_task(
        session,
        record_id=row.id,
        source_kind=row.source_kind,
        reasons=row.issues or [],
        batch=row.batch,
        office_code=row.office_code,
    )
    session.flush()
    task = task_of(session, row.id)
    assert task is not None
    return task


def _resolve(session: Session, *, row: RecordRow, user: User, state: str, note: str | None) -> None:
    task = task_of(session, row.id) or _open_task(session, row=row)
    task.state, task.resolved_by, task.resolved_at = state, user.name, utcnow()
    task.resolution = note


def approve(
    session: Session,
    *,
    row: RecordRow,
    user: User,
    note: str | None,
    override: bool = False,
) -> list[Issue]:
    """Accept the record into the store when no ``error`` is left; returns its issues.

    ``override`` accepts it with errors left, for ``OVERRIDE_ROLES`` only and with a reason.
    """
    issues = reader_issues(row) + check_record(as_record(row))
    errors = errors_of(issues)
    if errors and override:
        if user.role not in OVERRIDE_ROLES:
            raise ApiError(403, f"only {', '.join(sorted(OVERRIDE_ROLES))} may override errors")
        if not compact(note):
            raise ApiError(422, "an override needs a reason", details=[{"field": "reason"}])
    elif errors:
        raise ApiError(
            422,
            "errors remain: correct the fields or reject the record before approving",
            details=[{"field": i.field, "rule": i.rule, "message": i.message} for i in errors],
        )
    row.status, row.issues = "accepted", [i.model_dump() for i in issues]
    _resolve(session, row=row, user=user, state="approved", note=note if errors else None)
    session.flush()
    link_records(session, record_ids=[row.id])
    audited: dict[str, Any] = {"record_id": row.id, "certificate_no": row.certificate_no}
    if errors:
        audited["overridden"] = [{"field": i.field, "rule": i.rule} for i in errors]
    record_audit(
        session,
        user=user,
        action="review_override" if errors else "review_approve",
        purpose=note or PURPOSE,
        subject=f"record {row.id}",
        details=audited,
    )
    return issues


def reject(session: Session, *, row: RecordRow, user: User, reason: str) -> None:
    """Keep the record out of the store (it stays, with its provenance, for the archive)."""
    reason = reason.strip()
    if not reason:
        raise ApiError(422, "a rejection needs a reason", details=[{"field": "reason"}])
    was_accepted = row.status == "accepted"
    row.status = "rejected"
    _resolve(session, row=row, user=user, state="rejected", note=reason[:200])
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
