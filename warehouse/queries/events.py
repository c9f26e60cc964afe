"""The events (accepted records) of parties, with the other party of each as spouse."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session, aliased

from warehouse.models import PartyRow, PersonLink, RecordRow


@dataclass(frozen=True, slots=True)
class EventRow:
    record_id: int
    party_id: int
    record_type: str | None
    registration_date: date | None
    office_code: str | None
    certificate_no: str | None
    spouse_name: str | None
    spouse_id_number: str | None
    id18: str | None
    person_id: int | None
    match: str | None
    probability: float | None


def events_where(session: Session, condition: ColumnElement[bool]) -> list[EventRow]:
    """Events of the parties matching ``condition``, in date order."""
    spouse = aliased(PartyRow)
    stmt: Any = (
        select(
            RecordRow.id,
            PartyRow.id,
            RecordRow.record_type,
            RecordRow.registration_date,
            RecordRow.office_code,
            RecordRow.certificate_no,
            spouse.name,
            spouse.id_number,
            PartyRow.id18,
            PersonLink.person_id,
            PersonLink.match,
            PersonLink.probability,
        )
        .join(RecordRow, RecordRow.id == PartyRow.record_id)
        .outerjoin(spouse, and_(spouse.record_id == RecordRow.id, spouse.role != PartyRow.role))
        .outerjoin(PersonLink, PersonLink.party_id == PartyRow.id)
        .where(RecordRow.status == "accepted", condition)
        .order_by(RecordRow.registration_date, RecordRow.id)
    )
    return [EventRow(*row) for row in session.execute(stmt)]


def events_of_persons(session: Session, *, person_ids: list[int]) -> list[EventRow]:
    """Every event linked to these persons."""
    linked = select(PersonLink.party_id).where(PersonLink.person_id.in_(person_ids))
    return events_where(session, PartyRow.id.in_(linked))


def unindexed_events_by_key(session: Session, *, id18: str) -> list[EventRow]:
    """Events carrying the key whose party the index has not linked yet."""
    return events_where(
        session, and_(PartyRow.id18 == id18, PartyRow.id.not_in(select(PersonLink.party_id)))
    )
