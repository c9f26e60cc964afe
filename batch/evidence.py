"""Evidence from outside the page, weighed before a scan's records are loaded: the ledger row
of the same office and certificate number, and the registrars seen at the office that year.

A ledger value that agrees with the scan confirms the field; one that differs is a doubt shown
to the steward with both values (ID numbers masked). Nothing is copied from the ledger into the
record: the scan says what it says, and the steward decides.
"""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from hunyin.domain.idnumber import mask
from hunyin.schema import Issue, Record
from ocr.extraction import settled
from ocr.forms import routing
from warehouse.models import RecordRow
from warehouse.queries.evidence import ledger_twin, registrars_at

_RECORD_FIELDS = ("record_type", "registration_date", "registrar")
_PARTY_FIELDS = ("name", "sex", "birth_date", "id_number", "ethnicity")


def _ledger_values(row: RecordRow) -> dict[str, Any]:
    values: dict[str, Any] = {f: getattr(row, f) for f in _RECORD_FIELDS}
    for party in row.parties:
        values |= {f"{party.role}.{f}": getattr(party, f) for f in _PARTY_FIELDS}
    return values


def _shown(field: str, value: Any) -> str:
    text = value.isoformat() if isinstance(value, date) else str(value)
    return (mask(text) or "") if field.endswith("id_number") else text


def _against_ledger(
    record: Record, row: RecordRow, confidence: dict[str, float], issues: list[Issue]
) -> None:
    agree = float(routing()["agreement_confidence"])
    for field, theirs in _ledger_values(row).items():
        ours = record.get(field)
        if theirs is None:
            continue
        if ours == theirs:
            confidence[field] = max(confidence.get(field, 0.0), agree)
            continue
        read = "nothing" if ours is None else _shown(field, ours)
        issues.append(
            Issue(
                field=field,
                rule="ledger-disagrees",
                message=f"{field}: the scan reads {read}, ledger row {row.id} has "
                f"{_shown(field, theirs)}",
            )
        )


def weigh(session: Session, *, record: Record) -> Record:
    """The record with what the store knows weighed in; accepted when that settles every
    field, sent to review when the store disagrees."""
    confidence = dict(record.confidence)
    issues = list(record.issues)
    if record.office_code and record.certificate_no:
        row = ledger_twin(
            session, office_code=record.office_code, certificate_no=record.certificate_no
        )
        if row is not None:
            _against_ledger(record, row, confidence, issues)
    if record.office_code and record.registration_date and record.registrar:
        known = registrars_at(
            session, office_code=record.office_code, year=record.registration_date.year
        )
        if record.registrar in known:
            agree = float(routing()["agreement_confidence"])
            confidence["registrar"] = max(confidence.get("registrar", 0.0), agree)
    if confidence == record.confidence and issues == record.issues:
        return record
    status = record.status
    if any(i.rule == "ledger-disagrees" for i in issues):
        status = "needs_review"
    elif status == "needs_review" and settled(confidence, issues):
        status = "accepted"
    return record.model_copy(update={"confidence": confidence, "issues": issues, "status": status})
