"""Finding persons in the index: by 18-digit key, by name and birth date, and their candidates."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select, union
from sqlalchemy.orm import Session

from warehouse.models import LinkPrediction, PartyRow, PersonLink, PersonRow, RecordRow


@dataclass(frozen=True, slots=True)
class Candidate:
    """A party the index scored against the person but did not link, with its best probability."""

    party_id: int
    probability: float


def persons_by_key(session: Session, *, id18: str) -> list[PersonRow]:
    """The person holding the key (at most one), or the persons of parties carrying it."""
    via_party = (
        select(PersonLink.person_id)
        .join(PartyRow, PartyRow.id == PersonLink.party_id)
        .where(PartyRow.id18 == id18)
    )
    stmt = select(PersonRow).where(or_(PersonRow.id18 == id18, PersonRow.id.in_(via_party)))
    return list(session.scalars(stmt.order_by(PersonRow.id)))


def persons_by_name(session: Session, *, name: str, birth_date: date) -> list[PersonRow]:
    """Persons with an accepted party of this name and birth date."""
    via_party = (
        select(PersonLink.person_id)
        .join(PartyRow, PartyRow.id == PersonLink.party_id)
        .join(RecordRow, RecordRow.id == PartyRow.record_id)
        .where(
            PartyRow.name == name, PartyRow.birth_date == birth_date, RecordRow.status == "accepted"
        )
    )
    return list(session.scalars(select(PersonRow).where(PersonRow.id.in_(via_party))))


def candidates_of(session: Session, *, persons: list[PersonRow], floor: float) -> list[Candidate]:
    """Parties scored against these persons' parties (at least ``floor``) but linked elsewhere.

    A party held by a person with another number is no candidate for a numbered person.
    """
    ids = [p.id for p in persons]
    keys = {p.id18 for p in persons if p.id18}
    own = select(PersonLink.party_id).where(PersonLink.person_id.in_(ids))
    pairs = union(
        select(LinkPrediction.party_r.label("other"), LinkPrediction.probability).where(
            LinkPrediction.party_l.in_(own), LinkPrediction.probability >= floor
        ),
        select(LinkPrediction.party_l.label("other"), LinkPrediction.probability).where(
            LinkPrediction.party_r.in_(own), LinkPrediction.probability >= floor
        ),
    ).subquery()
    stmt = (
        select(pairs.c.other, pairs.c.probability, PersonLink.person_id, PersonRow.id18)
        .outerjoin(PersonLink, PersonLink.party_id == pairs.c.other)
        .outerjoin(PersonRow, PersonRow.id == PersonLink.person_id)
    )
    best: dict[int, float] = {}
    for party, probability, person_id, key in session.execute(stmt):
        if person_id in ids or (keys and key is not None and key not in keys):
            continue
        best[party] = max(best.get(party, 0.0), probability)
    return [Candidate(p, prob) for p, prob in sorted(best.items())]
