"""A person's consolidated status: the events in order, what they add up to, what is uncertain.

Events linked to the person by number are ``"match": "id"``; those joined by probability at or
above ``Settings.link_threshold`` are ``"probable"`` with it. Parties the index scored against
the person but left out are ``candidates``; when one of them would change the answer, the status
is ``needs_verification``. A name and birth date shared by several persons (two 李秀英 born the
same day) never picks one: all of them are candidates. A record matching the person (by number,
or by name and birth date) that waits in the review queue, or that the index has not linked yet,
is a candidate too and always makes the answer ``needs_verification``: nothing is answered as
if it were not there. A person of whom the store holds nothing is ``no_record``: the store is
not the national register.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from hunyin.domain.idnumber import mask, normalise, upgrade
from hunyin.domain.lunar import solar_to_lunar
from hunyin.domain.names import simplified, sound
from hunyin.errors import InputError
from hunyin.settings import get_settings
from registry.revival import REVOKED, with_revival
from registry.timeline import (
    bigamy,
    current_status,
    deceased,
    distinct,
    own_endings,
    timeline,
)
from warehouse.linkage.config import linkage_config
from warehouse.queries.events import (
    EventRow,
    events_born_on,
    events_of_parties,
    events_of_persons,
    events_undated,
    waiting_of,
)
from warehouse.queries.history import history_of_key
from warehouse.queries.marriage_events import (
    EndingEvent,
    events_of_marriages,
    unattached_events,
)
from warehouse.queries.persons import candidates_of


def event_doc(event: EventRow, *, match: str, probability: float | None) -> dict[str, Any]:
    """One event as the status document lists it (the spouse's number masked)."""
    return {
        "type": event.record_type,
        "date": event.registration_date.isoformat() if event.registration_date else None,
        "office_code": event.office_code,
        "certificate_no": event.certificate_no,
        "spouse": {"name": event.spouse_name, "id_number_masked": mask(event.spouse_id_number)},
        "match": match,
        "probability": probability,
        "record_id": event.record_id,
    }


def _linked_doc(event: EventRow, key: str | None) -> dict[str, Any]:
    if event.match == "id" or (key is not None and event.id18 == key):
        return event_doc(event, match="id", probability=1.0)
    return event_doc(event, match="probable", probability=event.probability)


def _person_doc(events: list[EventRow], key: str | None) -> dict[str, Any]:
    """The person the events were linked to (the holder of ``key`` where there is one)."""
    linked = [e for e in events if e.person_id is not None and (key is None or e.person_key == key)]
    if not linked:
        return {"id_number_masked": mask(key)} if key else {}
    face = linked[0]
    return {
        "name": face.person_name,
        "sex": face.person_sex,
        "birth_date": face.person_birth_date.isoformat() if face.person_birth_date else None,
        "id_number_masked": mask(face.person_key),
    }


def _scored_candidates(session: Session, events: list[EventRow]) -> list[tuple[EventRow, float]]:
    if not any(e.scored for e in events):
        return []
    persons = sorted({e.person_id for e in events if e.person_id is not None})
    keys = {e.person_key for e in events if e.person_key is not None}
    floor = linkage_config()["predict"]["store_min_probability"]
    found = {
        c.party_id: c.probability
        for c in candidates_of(session, person_ids=persons, keys=keys, floor=floor)
    }
    if not found:
        return []
    return [(e, found[e.party_id]) for e in events_of_parties(session, party_ids=list(found))]


def _ending_doc(ending: EndingEvent, events: list[EventRow], key: str | None) -> dict[str, Any]:
    """An event that ends or voids a marriage, with the marriage's spouse and match."""
    marriage = next((e for e in events if e.record_id == ending.marriage_record_id), None)
    linked = _linked_doc(marriage, key) if marriage is not None else None
    return {
        "type": ending.event_type,
        "date": ending.event_date.isoformat(),
        "office_code": ending.office_code,
        "certificate_no": marriage.certificate_no if marriage else None,
        "spouse": linked["spouse"] if linked else {"name": None, "id_number_masked": None},
        "match": linked["match"] if linked else ("id" if ending.person_id18 else "probable"),
        "probability": linked["probability"] if linked else None,
        "record_id": ending.marriage_record_id,
        "event_id": ending.event_id,
        "subject": "self" if ending in own_endings(events, [ending]) else "spouse",
        "evidence": {
            "document": ending.evidence_document,
            "number": ending.evidence_number,
            "issuer": ending.evidence_issuer,
            "date": ending.evidence_date.isoformat() if ending.evidence_date else None,
        },
        "archive_note": ending.archive_note,
        "source_kind": ending.source_kind,
        **({"revives": ending.revives} if ending.event_type == REVOKED else {}),
    }


def _endings(
    session: Session,
    events: list[EventRow],
    *,
    key: str | None,
    name: str | None = None,
    birth_date: date | None = None,
) -> list[EndingEvent]:
    """The events of every marriage in the history, and deaths entered without a marriage."""
    marriages = sorted({e.record_id for e in events if e.record_type == "marriage"})
    found = [
        *events_of_marriages(session, record_ids=marriages),
        *unattached_events(session, id18=key, name=name, birth_date=birth_date),
    ]
    return with_revival(session, found)


def _document(
    *,
    query: dict[str, Any],
    events: list[EventRow],
    key: str | None,
    candidates: list[tuple[EventRow, float | None]],
    endings: list[EndingEvent],
    waiting: list[EventRow],
) -> dict[str, Any]:
    person = _person_doc(events, key)
    events = distinct(events)
    status = current_status(events, endings)
    # A candidate matters when taking it into the history would change the answer; a record
    # waiting (in the review queue, or not linked yet) always does: nobody has said what it holds.
    if waiting or any(
        current_status(distinct([*events, c]), endings) != status for c, _ in candidates
    ):
        status = "needs_verification"
    overlaps = bigamy(events, endings)
    death = deceased(events, endings)
    if death is not None:
        person = {**person, "died_on": death.event_date.isoformat()}
    flags = [*(["bigamy"] if overlaps else []), *(["deceased"] if death else [])]
    # Events of a candidate's marriage are not the person's history until it is verified.
    records = {e.record_id for e in events}
    shown = [e for e in endings if e.marriage_record_id is None or e.marriage_record_id in records]
    listed = [
        *((e.registration_date or date.min, 0, _linked_doc(e, key)) for e in events),
        *((e.event_date, 1, _ending_doc(e, events, key)) for e in shown),
    ]
    return {
        "query": query,
        "status": status,
        "person": person,
        "events": [doc for _, _, doc in sorted(listed, key=lambda i: (i[0], i[1]))],
        "candidates": [
            *(event_doc(c, match="candidate", probability=p) for c, p in candidates),
            # Waiting: in the review queue, or not linked yet; no probability was ever taken.
            *(
                event_doc(w, match="candidate", probability=None) | {"waiting": True}
                for w in waiting
            ),
        ],
        "timeline": timeline(events, endings),
        "flags": flags,
        "bigamy": overlaps,
        "threshold": get_settings().link_threshold,
    }


def status_by_id(session: Session, *, id_number: str) -> dict[str, Any]:
    """The status document for a 15- or 18-digit number (both find the same history)."""
    return status_and_namesakes(session, id_number=id_number)[0]


def status_and_namesakes(
    session: Session,
    *,
    id_number: str,
    name: str | None = None,
    birth_date: date | None = None,
) -> tuple[dict[str, Any], list[EventRow]]:
    """``status_by_id``'s document, and the events of parties named ``name`` born on
    ``birth_date`` written without a number (none unless both are given), read in the same
    round trip: a party at the window may be one of them."""
    key = upgrade(id_number)
    if key is None:
        raise InputError(f"not a well-formed resident ID number: {mask(normalise(id_number))}")
    number = normalise(id_number)
    # One round trip for all but the candidates, which only a scored party can have.
    history = history_of_key(session, id18=key, id_number=number, name=name, birth_date=birth_date)
    events = history.events
    candidates: list[tuple[EventRow, float | None]] = list(_scored_candidates(session, events))
    held = {e.record_id for e in events if e.record_type == "marriage"}
    theirs = {c.record_id for c, _ in candidates if c.record_type == "marriage"} - held
    attached = [*history.attached, *events_of_marriages(session, record_ids=sorted(theirs))]
    doc = _document(
        query={"id_number_masked": mask(number)},
        events=events,
        key=key,
        candidates=candidates,
        # In the order one statement for every marriage would give them.
        endings=with_revival(
            session,
            [*sorted(attached, key=lambda e: (e.event_date, e.event_id)), *history.unattached],
        ),
        waiting=_uncounted(events, history.waiting, id18=key),
    )
    return doc, history.unnumbered


def _waiting(
    session: Session,
    events: list[EventRow],
    *,
    id18: str | None,
    id_number: str | None,
    names: Iterable[tuple[str, date]] = (),
) -> list[EventRow]:
    """Records of the person not counted yet (in review, not linked), beside ``events``."""
    known = {(e.person_name, e.person_birth_date) for e in events} | {
        (e.party_name, e.party_birth_date) for e in events
    }
    wanted = {(n, b) for n, b in [*known, *names] if n is not None and b is not None}
    found = waiting_of(session, id18=id18, id_number=id_number, names=wanted)
    return _uncounted(events, found, id18=id18)


def _uncounted(
    events: list[EventRow], found: list[EventRow], *, id18: str | None
) -> list[EventRow]:
    """The waiting records ``found`` that are not among ``events`` and may be the person's."""
    counted = {e.party_id for e in events}
    # A namesake carrying another number is someone else, never this person's record.
    return [
        w
        for w in found
        if w.party_id not in counted and (id18 is None or w.id18 is None or w.id18 == id18)
    ]


def _namesakes(
    session: Session, *, name: str, birth_date: date
) -> tuple[list[EventRow], list[EventRow]]:
    """Parties with this name and birth date as written or as a clerk may have written them:
    the same name in either script, the date by either calendar; and apart, the parties
    whose name only sounds the same (秀/琇) or whose birth date is not known (only its year was
    written), which are never more than candidates."""
    lunar = solar_to_lunar(birth_date)
    born = events_born_on(session, dates=sorted({birth_date, *([lunar] if lunar else [])}))
    same = [e for e in born if e.party_name and simplified(e.party_name) == simplified(name)]
    taken = {e.party_id for e in same}
    alike = [
        e
        for e in born
        if e.party_id not in taken and e.party_name and sound(e.party_name) == sound(name)
    ]
    return same, [*alike, *events_undated(session, name=name)]


def status_by_name(session: Session, *, name: str, birth_date: date) -> dict[str, Any]:
    """The status of the one person with this name and birth date; namesakes are candidates."""
    query = {"name": name, "birth_date": birth_date.isoformat()}
    namesakes, alike = _namesakes(session, name=name, birth_date=birth_date)
    persons = {e.person_id for e in namesakes if e.person_id is not None}
    # One person holding every party of that name and birth date; else nobody can pick.
    if len(persons) == 1 and all(e.person_id is not None for e in namesakes):
        events = events_of_persons(session, person_ids=list(persons))
        held = {e.party_id for e in events}
        sounding: list[tuple[EventRow, float | None]] = [
            (e, None) for e in alike if e.party_id not in held
        ]
        candidates = [*_scored_candidates(session, events), *sounding]
        return _document(
            query=query,
            events=events,
            key=None,
            candidates=candidates,
            endings=_endings(
                session,
                [*events, *(c for c, _ in candidates)],
                key=None,
                name=name,
                birth_date=birth_date,
            ),
            waiting=_waiting(
                session, events, id18=None, id_number=None, names=[(name, birth_date)]
            ),
        )
    linked = [e for e in [*namesakes, *alike] if e.person_id is not None]
    waiting = _waiting(session, linked, id18=None, id_number=None, names=[(name, birth_date)])
    return _document(
        query=query,
        events=[],
        key=None,
        candidates=[(e, None) for e in linked],
        endings=_endings(session, [], key=None, name=name, birth_date=birth_date),
        waiting=waiting,
    )
