"""A revoked declaration of death (民法典 art. 51): the marriage the declaration dissolved
revives on the day of the revocation, unless the survivor married again in the meantime.

Whether it revives is read from the store each time, not fixed when the revocation is entered:
a remarriage that reaches the store later (an old ledger) still counts.
"""

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.models import PartyRow, PersonLink
from warehouse.queries.events import events_of_key, events_of_persons
from warehouse.queries.marriage_events import EndingEvent

REVOKED = "death_revoked"
# A certificate of an actual death: such a death is never revoked, only a declaration is.
CERTIFIED_DEATH = ("医学证明", "死亡证明", "火化证明")


def is_declaration(document: str | None) -> bool:
    """Whether a death's document may be a court's declaration (anything but a certificate
    of an actual death: a ledger does not say which it was)."""
    return not any(word in (document or "") for word in CERTIFIED_DEATH)


def _declaration(revocation: EndingEvent, endings: list[EndingEvent]) -> EndingEvent | None:
    """The death the revocation revokes: the latest of the same marriage and side before it."""
    deaths = [
        e
        for e in endings
        if e.event_type == "death"
        and e.marriage_record_id == revocation.marriage_record_id
        and e.role == revocation.role
        and e.event_date <= revocation.event_date
    ]
    return max(deaths, key=lambda e: e.event_date, default=None)


def survivor_remarried(
    session: Session, *, marriage_id: int, role: str | None, since: date, until: date
) -> bool:
    """Whether the other party of the marriage married someone in ``(since, until]``."""
    survivor = session.execute(
        select(PartyRow.id18, PersonLink.person_id)
        .outerjoin(PersonLink, PersonLink.party_id == PartyRow.id)
        .where(PartyRow.record_id == marriage_id, PartyRow.role != (role or ""))
    ).first()
    if survivor is None:
        return False
    id18, person_id = survivor
    if id18 is not None:
        history = events_of_key(session, id18=id18)
    elif person_id is not None:
        history = events_of_persons(session, person_ids=[person_id])
    else:
        return False
    return any(
        e.record_type == "marriage"
        and e.record_id != marriage_id
        and e.registration_date is not None
        and since < e.registration_date <= until
        for e in history
    )


def with_revival(session: Session, endings: list[EndingEvent]) -> list[EndingEvent]:
    """The endings, each revocation marked with whether it revives its marriage."""
    if not any(e.event_type == REVOKED for e in endings):
        return endings
    out = []
    for ending in endings:
        if ending.event_type == REVOKED:
            death = _declaration(ending, endings)
            revives = (
                death is not None
                and ending.marriage_record_id is not None
                and not survivor_remarried(
                    session,
                    marriage_id=ending.marriage_record_id,
                    role=ending.role,
                    since=death.event_date,
                    until=ending.event_date,
                )
            )
            ending = replace(ending, revives=revives)
        out.append(ending)
    return out
