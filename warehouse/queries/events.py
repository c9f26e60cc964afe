"""The events (accepted records) of parties, with the other party of each as spouse; and the
records that may be the person's but do not count yet: waiting for review, or not yet linked.

The statements are built once, with bound parameters: a status query then costs only its
round trips, not the building and compiling of SQL.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Label, and_, bindparam, or_, select, union
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
    party_name: str | None
    party_birth_date: date | None
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
# Labelled by ``EventRow``'s fields, so that a statement may also take them as a subquery's.
EVENT_COLUMNS: list[Label[Any]] = [
    column.label(name)
    for column, name in zip(
        (
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
            PartyRow.name,
            PartyRow.birth_date,
            PartyRow.role,
        ),
        EventRow.__dataclass_fields__,
        strict=True,
    )
]
_ANY_EVENTS = (
    select(*EVENT_COLUMNS)
    .join(RecordRow, RecordRow.id == PartyRow.record_id)
    .outerjoin(_SPOUSE, and_(_SPOUSE.record_id == RecordRow.id, _SPOUSE.role != PartyRow.role))
    .outerjoin(PersonLink, PersonLink.party_id == PartyRow.id)
    .outerjoin(PersonRow, PersonRow.id == PersonLink.person_id)
    .order_by(RecordRow.registration_date, RecordRow.id)
)
_ACCEPTED = _ANY_EVENTS.where(RecordRow.status == "accepted")
# Waiting: in the review queue, or accepted but not in the person index yet.
WAITING_EVENTS = _ANY_EVENTS.where(
    or_(
        RecordRow.status == "needs_review",
        and_(RecordRow.status == "accepted", PersonLink.party_id.is_(None)),
    )
)
WAITING_BY_KEY = WAITING_EVENTS.where(
    or_(PartyRow.id18 == bindparam("key"), PartyRow.id_number == bindparam("number"))
)
_WAITING_BY_NAME = WAITING_EVENTS.where(
    PartyRow.name == bindparam("name"), PartyRow.birth_date == bindparam("born")
)
_OF_PERSONS = _ACCEPTED.where(
    PartyRow.id.in_(
        select(PersonLink.party_id).where(
            PersonLink.person_id.in_(bindparam("persons", expanding=True))
        )
    )
)
_OF_PARTIES = _ACCEPTED.where(PartyRow.id.in_(bindparam("parties", expanding=True)))
_BORN_ON = _ACCEPTED.where(PartyRow.birth_date.in_(bindparam("dates", expanding=True)))
_UNDATED = _ACCEPTED.where(PartyRow.name == bindparam("name"), PartyRow.birth_date.is_(None))
# Parties of a name and birth date written without a number: maybe the person at the window.
UNNUMBERED_BY_NAME = _ACCEPTED.where(
    PartyRow.name == bindparam("name", type_=PartyRow.name.type),
    PartyRow.birth_date == bindparam("born", type_=PartyRow.birth_date.type),
    PartyRow.id18.is_(None),
)
# One round trip for a key: the parties of the person holding it, and any party carrying it that
# the index has not linked yet. A union of indexed look-ups, where an OR would scan.
_KEY_PARTIES = union(
    select(_OTHER_LINK.party_id)
    .join(_PERSON, _PERSON.id == _OTHER_LINK.person_id)
    .where(_PERSON.id18 == bindparam("key")),
    select(_KEY_PARTY.id).where(_KEY_PARTY.id18 == bindparam("key")),
)
EVENTS_OF_KEY = _ACCEPTED.where(PartyRow.id.in_(_KEY_PARTIES))


def _run(session: Session, stmt: Any, params: dict[str, Any]) -> list[EventRow]:
    return [EventRow(*row) for row in session.execute(stmt, params)]


def events_of_persons(session: Session, *, person_ids: list[int]) -> list[EventRow]:
    """Every event linked to these persons, in date order."""
    return _run(session, _OF_PERSONS, {"persons": person_ids}) if person_ids else []


def events_of_parties(session: Session, *, party_ids: list[int]) -> list[EventRow]:
    """The events of these parties, in date order."""
    return _run(session, _OF_PARTIES, {"parties": party_ids}) if party_ids else []


def events_born_on(session: Session, *, dates: list[date]) -> list[EventRow]:
    """The events of every party born on one of these dates (a hundred or so per day)."""
    return _run(session, _BORN_ON, {"dates": dates}) if dates else []


def events_undated(session: Session, *, name: str) -> list[EventRow]:
    """The events of parties with this name whose birth date is not known (only its year was
    written, say): maybe anyone of that name."""
    return _run(session, _UNDATED, {"name": name})


def events_of_key(session: Session, *, id18: str) -> list[EventRow]:
    """The events of the person holding the key, and of parties carrying it not yet linked."""
    return _run(session, EVENTS_OF_KEY, {"key": id18})


def waiting_of(
    session: Session,
    *,
    id18: str | None,
    id_number: str | None,
    names: set[tuple[str, date]],
) -> list[EventRow]:
    """Records matching the person (by number, or by name and birth date) that do not count
    yet: waiting for review, or accepted but not yet linked into the index."""
    by_key = []
    if id18 is not None or id_number is not None:
        by_key = _run(session, WAITING_BY_KEY, {"key": id18, "number": id_number})
    by_name = [
        event
        for name, born in sorted(names)
        for event in _run(session, _WAITING_BY_NAME, {"name": name, "born": born})
    ]
    return merged_waiting(by_key, by_name)


def merged_waiting(by_key: list[EventRow], by_name: list[EventRow]) -> list[EventRow]:
    """One entry per party, in date order: found by number, then by each name and birth date
    in sorted order (``by_name`` grouped so), each party where it was first found."""
    found: dict[int, EventRow] = {}
    for event in [*by_key, *by_name]:
        found[event.party_id] = event
    return sorted(found.values(), key=lambda e: (e.registration_date or date.min, e.record_id))
