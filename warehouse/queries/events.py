"""The events (accepted records) of parties, with the other party of each as spouse; and the
records still waiting for review that carry a person's number or name and birth date.

The statements are built once, with bound parameters: a status query then costs only its
round trips, not the building and compiling of SQL.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, bindparam, or_, select, union
from sqlalchemy.orm import Session, aliased

from warehouse.models import LinkPrediction, PartyRow, PersonLink, PersonRow, RecordRow


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
    person_name: str | None
    person_sex: str | None
    person_birth_date: date | None
    person_key: str | None
    scored: bool
    role: str | None = None


_SPOUSE = aliased(PartyRow, name="spouse")
_OTHER_LINK = aliased(PersonLink, name="other_link")
# Whether linkage scored the party against any other: most were not, and then a status query
# need not look for candidates at all.
_SCORED = or_(
    select(LinkPrediction.id).where(LinkPrediction.party_l == PartyRow.id).exists(),
    select(LinkPrediction.id).where(LinkPrediction.party_r == PartyRow.id).exists(),
)
_PERSON = aliased(PersonRow, name="key_person")
_KEY_PARTY = aliased(PartyRow, name="key_party")
_COLUMNS = (
    select(
        RecordRow.id,
        PartyRow.id,
        RecordRow.record_type,
        RecordRow.registration_date,
        RecordRow.office_code,
        RecordRow.certificate_no,
        _SPOUSE.name,
        _SPOUSE.id_number,
        PartyRow.id18,
        PersonLink.person_id,
        PersonLink.match,
        PersonLink.probability,
        PersonRow.name,
        PersonRow.sex,
        PersonRow.birth_date,
        PersonRow.id18,
        _SCORED,
        PartyRow.role,
    )
    .join(RecordRow, RecordRow.id == PartyRow.record_id)
    .outerjoin(_SPOUSE, and_(_SPOUSE.record_id == RecordRow.id, _SPOUSE.role != PartyRow.role))
    .outerjoin(PersonLink, PersonLink.party_id == PartyRow.id)
    .outerjoin(PersonRow, PersonRow.id == PersonLink.person_id)
    .order_by(RecordRow.registration_date, RecordRow.id)
)
_EVENTS = _COLUMNS.where(RecordRow.status == "accepted")
_PENDING = _COLUMNS.where(RecordRow.status == "needs_review")
_PENDING_OF_KEY = _PENDING.where(PartyRow.id18 == bindparam("key"))
_PENDING_BY_NAME = _PENDING.where(
    PartyRow.name == bindparam("name"), PartyRow.birth_date == bindparam("born")
)
_OF_PERSONS = _EVENTS.where(
    PartyRow.id.in_(
        select(PersonLink.party_id).where(
            PersonLink.person_id.in_(bindparam("persons", expanding=True))
        )
    )
)
_OF_PARTIES = _EVENTS.where(PartyRow.id.in_(bindparam("parties", expanding=True)))
_BY_NAME = _EVENTS.where(
    PartyRow.name == bindparam("name"), PartyRow.birth_date == bindparam("born")
)
# One round trip for a key: the parties of the person holding it, and any party carrying it that
# the index has not linked yet. A union of indexed look-ups, where an OR would scan.
_KEY_PARTIES = union(
    select(_OTHER_LINK.party_id)
    .join(_PERSON, _PERSON.id == _OTHER_LINK.person_id)
    .where(_PERSON.id18 == bindparam("key")),
    select(_KEY_PARTY.id).where(_KEY_PARTY.id18 == bindparam("key")),
)
_OF_KEY = _EVENTS.where(PartyRow.id.in_(_KEY_PARTIES))


def _run(session: Session, stmt: Any, params: dict[str, Any]) -> list[EventRow]:
    return [EventRow(*row) for row in session.execute(stmt, params)]


def events_of_persons(session: Session, *, person_ids: list[int]) -> list[EventRow]:
    """Every event linked to these persons, in date order."""
    return _run(session, _OF_PERSONS, {"persons": person_ids}) if person_ids else []


def events_of_parties(session: Session, *, party_ids: list[int]) -> list[EventRow]:
    """The events of these parties, in date order."""
    return _run(session, _OF_PARTIES, {"parties": party_ids}) if party_ids else []


def events_by_name(session: Session, *, name: str, birth_date: date) -> list[EventRow]:
    """The events of every party with this name and birth date."""
    return _run(session, _BY_NAME, {"name": name, "born": birth_date})


def events_of_key(session: Session, *, id18: str) -> list[EventRow]:
    """The events of the person holding the key, and of parties carrying it not yet linked."""
    return _run(session, _OF_KEY, {"key": id18})


def pending_of_key(session: Session, *, id18: str) -> list[EventRow]:
    """Records waiting for review with a party carrying the key."""
    return _run(session, _PENDING_OF_KEY, {"key": id18})


def pending_by_name(session: Session, *, name: str, birth_date: date) -> list[EventRow]:
    """Records waiting for review with a party of this name and birth date."""
    return _run(session, _PENDING_BY_NAME, {"name": name, "born": birth_date})
