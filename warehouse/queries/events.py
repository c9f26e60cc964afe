"""The events (accepted records) of parties, with the other party of each as spouse.

The statements are built once, with bound parameters: a status query then costs only its
round trips, not the building and compiling of SQL.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Float, and_, bindparam, cast, null, or_, select, union, union_all
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
_EVENTS = (
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
    )
    .join(RecordRow, RecordRow.id == PartyRow.record_id)
    .outerjoin(_SPOUSE, and_(_SPOUSE.record_id == RecordRow.id, _SPOUSE.role != PartyRow.role))
    .outerjoin(PersonLink, PersonLink.party_id == PartyRow.id)
    .outerjoin(PersonRow, PersonRow.id == PersonLink.person_id)
    .where(RecordRow.status == "accepted")
    .order_by(RecordRow.registration_date, RecordRow.id)
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
# The parties the index scored against the key's person, at least ``floor``, each as often as
# it was scored (the best probability is kept): the candidates ``persons.candidates_of`` finds.
_KEY_OWN = (
    select(_OTHER_LINK.party_id)
    .join(_PERSON, _PERSON.id == _OTHER_LINK.person_id)
    .where(_PERSON.id18 == bindparam("key"))
)
_SCORED_PAIRS = union_all(
    select(LinkPrediction.party_r.label("other"), LinkPrediction.probability).where(
        LinkPrediction.party_l.in_(_KEY_OWN), LinkPrediction.probability >= bindparam("floor")
    ),
    select(LinkPrediction.party_l.label("other"), LinkPrediction.probability).where(
        LinkPrediction.party_r.in_(_KEY_OWN), LinkPrediction.probability >= bindparam("floor")
    ),
).subquery("scored_pairs")
# A whole status document's rows in one round trip: the key's events (no probability) and the
# events of the parties scored against its person (with the pair's probability).
HISTORY_OF_KEY = union_all(
    _OF_KEY.order_by(None).add_columns(cast(null(), Float)),
    _EVENTS.order_by(None)
    .add_columns(_SCORED_PAIRS.c.probability)
    .join(_SCORED_PAIRS, _SCORED_PAIRS.c.other == PartyRow.id),
)


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


def _in_date_order(event: EventRow) -> tuple[bool, date, int]:
    # As ``ORDER BY registration_date, id`` orders them on PostgreSQL: undated last.
    return (event.registration_date is None, event.registration_date or date.min, event.record_id)


def history_of_key(
    session: Session, *, id18: str, floor: float
) -> tuple[list[EventRow], list[tuple[EventRow, float]]]:
    """In one statement, the events of the person holding the key and of parties carrying it
    not yet linked, and the candidates of that person.

    Candidates are the events of parties scored against the person's parties at ``floor`` or
    more, with the best probability, less those linked to the person itself or held by a
    person with another number: what ``persons.candidates_of`` and ``events_of_parties`` give.
    """
    own: list[EventRow] = []
    scored: dict[int, tuple[EventRow, float]] = {}
    for *columns, probability in session.execute(HISTORY_OF_KEY, {"key": id18, "floor": floor}):
        event = EventRow(*columns)
        if probability is None:
            own.append(event)
        elif (found := scored.get(event.party_id)) is None or found[1] < probability:
            scored[event.party_id] = (event, probability)
    own.sort(key=_in_date_order)
    persons = {e.person_id for e in own if e.person_id is not None}
    keys = {e.person_key for e in own if e.person_key is not None}
    candidates = [
        (event, probability)
        for event, probability in sorted(scored.values(), key=lambda c: _in_date_order(c[0]))
        if event.person_id not in persons
        and not (keys and event.person_key is not None and event.person_key not in keys)
    ]
    return own, candidates
