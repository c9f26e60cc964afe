"""A person's consolidated status: the events in order, what they add up to, what is uncertain.

Events linked to the person by number are ``"match": "id"``; those joined by probability at or
above ``Settings.link_threshold`` are ``"probable"`` with it. Parties the index scored against
the person but left out are ``candidates``; when one of them would change the answer, the status
is ``needs_verification``. A name and birth date shared by several persons (two 李秀英 born the
same day) never picks one: all of them are candidates. A record of the person still waiting
for review is a candidate too, and makes the status ``needs_verification`` until it is decided.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from hunyin.domain.idnumber import mask, normalise, upgrade
from hunyin.errors import InputError
from hunyin.settings import get_settings
from warehouse.linkage.config import linkage_config
from warehouse.queries.events import (
    EventRow,
    events_by_name,
    events_of_key,
    events_of_parties,
    events_of_persons,
    pending_by_name,
    pending_of_key,
)
from warehouse.queries.persons import candidates_of

# What each event type makes of the person's status; a reissue changes nothing.
_STATUS_AFTER = {"marriage": "married", "divorce": "divorced"}


def _distinct(events: Iterable[EventRow]) -> list[EventRow]:
    """One event per registration: a scan and a ledger row of the same event count once."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for event in sorted(events, key=lambda e: (e.registration_date or date.min, e.match != "id")):
        key = (event.record_type, event.registration_date, event.certificate_no, event.office_code)
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out


def timeline(events: list[EventRow]) -> list[dict[str, Any]]:
    """Each status change with its date and record."""
    return [
        {
            "date": e.registration_date.isoformat() if e.registration_date else None,
            "status": _STATUS_AFTER[e.record_type],
            "record_id": e.record_id,
        }
        for e in events
        if e.record_type in _STATUS_AFTER
    ]


def current_status(events: list[EventRow]) -> str:
    """After the last marriage or divorce; ``unmarried`` with no record, ``unknown`` with only
    reissues (a certificate was reissued, but of which registration is not on record)."""
    steps = timeline(events)
    if steps:
        return str(steps[-1]["status"])
    return "unknown" if events else "unmarried"


def marital_state(events: list[dict[str, Any]]) -> tuple[str, dict[str, Any] | None]:
    """``married`` / ``divorced`` / ``unknown`` after event documents, and the last marriage
    while it holds: the rule checks' reading of the same events ``current_status`` reads."""
    state, marriage = "unknown", None
    for event in sorted(events, key=lambda e: (e.get("date") or "", e.get("record_id") or 0)):
        state = _STATUS_AFTER.get(event.get("type") or "", state)
        if event.get("type") == "marriage":
            marriage = event
    return state, marriage if state == "married" else None


def bigamy(events: list[EventRow]) -> list[list[int]]:
    """Pairs of marriages (record ids) that overlap: the second without a divorce in between."""
    found: list[list[int]] = []
    current: EventRow | None = None
    for event in events:
        if event.record_type == "marriage":
            if current is not None and current.spouse_name != event.spouse_name:
                found.append([current.record_id, event.record_id])
            current = event
        elif event.record_type == "divorce":
            current = None
    return found


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


def _document(
    *,
    query: dict[str, Any],
    events: list[EventRow],
    key: str | None,
    candidates: list[tuple[EventRow, float | None]],
    pending: list[EventRow],
) -> dict[str, Any]:
    person = _person_doc(events, key)
    events = _distinct(events)
    status = current_status(events)
    # A candidate matters when taking it into the history would change the answer; a record
    # waiting for review always does: nobody has yet said what it holds.
    if pending or any(current_status(_distinct([*events, c])) != status for c, _ in candidates):
        status = "needs_verification"
    candidates = [*candidates, *((p, None) for p in pending)]
    overlaps = bigamy(events)
    return {
        "query": query,
        "status": status,
        "person": person,
        "events": [_linked_doc(e, key) for e in events],
        "candidates": [event_doc(c, match="candidate", probability=p) for c, p in candidates],
        "timeline": timeline(events),
        "flags": ["bigamy"] if overlaps else [],
        "bigamy": overlaps,
        "threshold": get_settings().link_threshold,
    }


def status_by_id(session: Session, *, id_number: str) -> dict[str, Any]:
    """The status document for a 15- or 18-digit number (both find the same history)."""
    key = upgrade(id_number)
    if key is None:
        raise InputError(f"not a well-formed resident ID number: {mask(normalise(id_number))}")
    events = events_of_key(session, id18=key)
    return _document(
        query={"id_number_masked": mask(normalise(id_number))},
        events=events,
        key=key,
        candidates=list(_scored_candidates(session, events)),
        pending=pending_of_key(session, id18=key),
    )


def status_by_name(session: Session, *, name: str, birth_date: date) -> dict[str, Any]:
    """The status of the one person with this name and birth date; namesakes are candidates."""
    query = {"name": name, "birth_date": birth_date.isoformat()}
    namesakes = events_by_name(session, name=name, birth_date=birth_date)
    pending = pending_by_name(session, name=name, birth_date=birth_date)
    persons = {e.person_id for e in namesakes if e.person_id is not None}
    # One person holding every party of that name and birth date; else nobody can pick.
    if len(persons) == 1 and all(e.person_id is not None for e in namesakes):
        events = events_of_persons(session, person_ids=list(persons))
        return _document(
            query=query,
            events=events,
            key=None,
            candidates=list(_scored_candidates(session, events)),
            pending=pending,
        )
    return _document(
        query=query,
        events=[],
        key=None,
        candidates=[(e, None) for e in namesakes],
        pending=pending,
    )
