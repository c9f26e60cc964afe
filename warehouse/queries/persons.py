"""The candidates of persons in the index: parties scored against them but linked elsewhere.

Statements are built once with bound parameters, as in ``events``.
"""

from dataclasses import dataclass

from sqlalchemy import bindparam, select, union
from sqlalchemy.orm import Session

from warehouse.models import LinkPrediction, PersonLink, PersonRow


@dataclass(frozen=True, slots=True)
class Candidate:
    """A party the index scored against the person but did not link, with its best probability."""

    party_id: int
    probability: float


_OWN = select(PersonLink.party_id).where(
    PersonLink.person_id.in_(bindparam("persons", expanding=True))
)
_PAIRS = union(
    select(LinkPrediction.party_r.label("other"), LinkPrediction.probability).where(
        LinkPrediction.party_l.in_(_OWN), LinkPrediction.probability >= bindparam("floor")
    ),
    select(LinkPrediction.party_l.label("other"), LinkPrediction.probability).where(
        LinkPrediction.party_r.in_(_OWN), LinkPrediction.probability >= bindparam("floor")
    ),
).subquery()
_CANDIDATES = (
    select(_PAIRS.c.other, _PAIRS.c.probability, PersonLink.person_id, PersonRow.id18)
    .outerjoin(PersonLink, PersonLink.party_id == _PAIRS.c.other)
    .outerjoin(PersonRow, PersonRow.id == PersonLink.person_id)
)


def candidates_of(
    session: Session, *, person_ids: list[int], keys: set[str], floor: float
) -> list[Candidate]:
    """Parties scored against these persons' parties (at least ``floor``) but linked elsewhere.

    A party held by a person with another number (``keys`` are theirs) is no candidate.
    """
    ids = person_ids
    if not ids:
        return []
    best: dict[int, float] = {}
    for party, probability, person_id, key in session.execute(
        _CANDIDATES, {"persons": ids, "floor": floor}
    ):
        if person_id in ids or (keys and key is not None and key not in keys):
            continue
        best[party] = max(best.get(party, 0.0), probability)
    return [Candidate(p, prob) for p, prob in sorted(best.items())]
