"""The deterministic part of the person index: parties joined by their 18-digit key.

Only parties of accepted records are indexed; a record approved later is indexed on the next
run. Parties without a usable number are left for probabilistic linkage.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.models import PartyRow, PersonLink, PersonRow, RecordRow


@dataclass(slots=True)
class IndexResult:
    linked: int = 0
    persons_created: int = 0


def link_by_id(session: Session) -> IndexResult:
    """Link every unlinked party that has an 18-digit key to the person with that key."""
    result = IndexResult()
    pending = session.execute(
        select(PartyRow.id, PartyRow.id18, PartyRow.name, PartyRow.sex, PartyRow.birth_date)
        .join(RecordRow, RecordRow.id == PartyRow.record_id)
        .outerjoin(PersonLink, PersonLink.party_id == PartyRow.id)
        .where(
            PersonLink.party_id.is_(None),
            PartyRow.id18.is_not(None),
            RecordRow.status == "accepted",
        )
    ).all()
    keys = {row.id18 for row in pending}
    persons = {
        p.id18: p for p in session.scalars(select(PersonRow).where(PersonRow.id18.in_(keys)))
    }
    for row in pending:
        person = persons.get(row.id18)
        if person is None:
            person = PersonRow(id18=row.id18, name=row.name, sex=row.sex, birth_date=row.birth_date)
            session.add(person)
            session.flush()
            persons[row.id18] = person
            result.persons_created += 1
        session.add(PersonLink(party_id=row.id, person_id=person.id, match="id", probability=1.0))
        result.linked += 1
    session.flush()
    return result
