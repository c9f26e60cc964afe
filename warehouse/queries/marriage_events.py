"""Court divorces, deaths, void and annulled marriages, revoked declarations of death: of given
marriages, or of a person the store holds no marriage of. Statements built once, with bound
parameters."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from warehouse.models import MarriageEvent


@dataclass(frozen=True, slots=True)
class EndingEvent:
    event_id: int
    event_type: str
    event_date: date
    marriage_record_id: int | None
    role: str | None
    person_id18: str | None
    person_name: str | None
    person_birth_date: date | None
    evidence_document: str
    evidence_number: str | None
    evidence_issuer: str | None
    evidence_date: date | None
    archive_note: str
    office_code: str | None
    source_kind: str
    # For a revoked declaration of death: whether it revives the marriage (read by the registry).
    revives: bool | None = None


ENDING_COLUMNS = select(
    MarriageEvent.id,
    MarriageEvent.event_type,
    MarriageEvent.event_date,
    MarriageEvent.marriage_record_id,
    MarriageEvent.role,
    MarriageEvent.person_id18,
    MarriageEvent.person_name,
    MarriageEvent.person_birth_date,
    MarriageEvent.evidence_document,
    MarriageEvent.evidence_number,
    MarriageEvent.evidence_issuer,
    MarriageEvent.evidence_date,
    MarriageEvent.archive_note,
    MarriageEvent.office_code,
    MarriageEvent.source_kind,
).order_by(MarriageEvent.event_date, MarriageEvent.id)
_OF_MARRIAGES = ENDING_COLUMNS.where(
    MarriageEvent.marriage_record_id.in_(bindparam("records", expanding=True))
)
_UNATTACHED_OF_KEY = ENDING_COLUMNS.where(
    MarriageEvent.marriage_record_id.is_(None), MarriageEvent.person_id18 == bindparam("key")
)
_UNATTACHED_BY_NAME = ENDING_COLUMNS.where(
    MarriageEvent.marriage_record_id.is_(None),
    MarriageEvent.person_id18.is_(None),
    MarriageEvent.person_name == bindparam("name"),
    MarriageEvent.person_birth_date == bindparam("born"),
)


def _run(session: Session, stmt: Any, params: dict[str, Any]) -> list[EndingEvent]:
    return [EndingEvent(*row) for row in session.execute(stmt, params)]


def events_of_marriages(session: Session, *, record_ids: list[int]) -> list[EndingEvent]:
    """Every event of these marriage records, in date order."""
    if not record_ids:
        return []
    return _run(session, _OF_MARRIAGES, {"records": record_ids})


def unattached_events(
    session: Session, *, id18: str | None, name: str | None, birth_date: date | None
) -> list[EndingEvent]:
    """Deaths entered for a person of whom no marriage was found: by key, else by name and
    birth date (only those entered without a number)."""
    if id18 is not None:
        return _run(session, _UNATTACHED_OF_KEY, {"key": id18})
    if name is None or birth_date is None:
        return []
    return _run(session, _UNATTACHED_BY_NAME, {"name": name, "born": birth_date})
