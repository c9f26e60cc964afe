"""The events (accepted records) of a party, with the other party of each as spouse."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from warehouse.models import PartyRow, PersonLink, PersonRow, RecordRow


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
    person_id: int | None
    match: str | None
    probability: float | None


def _events(session: Session, condition: object) -> list[EventRow]:
    spouse = aliased(PartyRow)
    stmt = (
        select(
            RecordRow.id,
            PartyRow.id,
            RecordRow.record_type,
            RecordRow.registration_date,
            RecordRow.office_code,
            RecordRow.certificate_no,
            spouse.name,
            spouse.id_number,
            PersonLink.person_id,
            PersonLink.match,
            PersonLink.probability,
        )
        .join(RecordRow, RecordRow.id == PartyRow.record_id)
        .join(spouse, and_(spouse.record_id == RecordRow.id, spouse.role != PartyRow.role))
        .outerjoin(PersonLink, PersonLink.party_id == PartyRow.id)
        .where(RecordRow.status == "accepted", condition)  # type: ignore[arg-type]
        .order_by(RecordRow.registration_date, RecordRow.id)
    )
    return [EventRow(*row) for row in session.execute(stmt)]


def events_by_id18(session: Session, *, id18: str) -> list[EventRow]:
    """Parties carrying the key, and every party linked to the person holding it."""
    person_ids = select(PersonRow.id).where(PersonRow.id18 == id18)
    linked = select(PersonLink.party_id).where(PersonLink.person_id.in_(person_ids))
    return _events(session, (PartyRow.id18 == id18) | PartyRow.id.in_(linked))


def events_by_name(session: Session, *, name: str, birth_date: date) -> list[EventRow]:
    return _events(session, and_(PartyRow.name == name, PartyRow.birth_date == birth_date))


def events_of_persons(session: Session, *, person_ids: list[int]) -> list[EventRow]:
    linked = select(PersonLink.party_id).where(PersonLink.person_id.in_(person_ids))
    return _events(session, PartyRow.id.in_(linked))
