"""A person's consolidated status: events in order, and what they add up to on a date."""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from hunyin.domain.idnumber import mask, normalise, upgrade
from hunyin.errors import InputError
from warehouse.queries.events import EventRow, events_by_id18, events_by_name

# What each event type makes of the person's status; a reissue changes nothing.
_STATUS_AFTER = {"marriage": "married", "divorce": "divorced"}


def timeline_status(events: list[EventRow]) -> str:
    """``married`` / ``divorced`` after the last status-changing event; ``unknown`` if none."""
    status = "unknown"
    for event in events:
        status = _STATUS_AFTER.get(event.record_type or "", status)
    return status


def bigamy(events: list[EventRow]) -> bool:
    """Two marriages without a divorce between them."""
    married = False
    for event in events:
        if event.record_type == "marriage":
            if married:
                return True
            married = True
        elif event.record_type == "divorce":
            married = False
    return False


def _event_doc(event: EventRow) -> dict[str, Any]:
    return {
        "type": event.record_type,
        "date": event.registration_date.isoformat() if event.registration_date else None,
        "office_code": event.office_code,
        "certificate_no": event.certificate_no,
        "spouse": {"name": event.spouse_name, "id_number_masked": mask(event.spouse_id_number)},
        "match": event.match or "id",
        "probability": event.probability if event.probability is not None else 1.0,
        "record_id": event.record_id,
    }


def status_by_id(session: Session, *, id_number: str) -> dict[str, Any]:
    """The status document for a 15- or 18-digit number (both find the same history)."""
    key = upgrade(id_number)
    if key is None:
        raise InputError(f"not a well-formed resident ID number: {mask(normalise(id_number))}")
    events = events_by_id18(session, id18=key)
    return _document(
        query={"id_number_masked": mask(normalise(id_number))},
        person={"id_number_masked": mask(key)},
        events=events,
        candidates=[],
    )


def status_by_name(session: Session, *, name: str, birth_date: date) -> dict[str, Any]:
    """Without a number, every event of that name and birth date is only a candidate."""
    events = events_by_name(session, name=name, birth_date=birth_date)
    person = {"name": name, "birth_date": birth_date.isoformat()}
    return _document(
        query=person, person=person, events=[], candidates=[_event_doc(e) for e in events]
    )


def _document(
    *,
    query: dict[str, Any],
    person: dict[str, Any],
    events: list[EventRow],
    candidates: list[dict[str, Any]],
) -> dict[str, Any]:
    status = timeline_status(events)
    if candidates and not events:
        status = "needs_verification"
    return {
        "query": query,
        "status": status,
        "person": person,
        "events": [_event_doc(e) for e in events],
        "candidates": candidates,
        "flags": ["bigamy"] if bigamy(events) else [],
    }
