"""Entering an event that ends or voids a marriage: find the person and the marriage in the
store, refuse what cannot be right, store the event with its evidence and archive note.

A marriage the store links to the person only by probability is never picked silently: the
request must name it (``marriage_record_id``) after a person has looked at the candidates.
"""

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from hunyin.codes import event_types
from hunyin.domain.idnumber import mask
from registry.errors import ApiError
from registry.event_law import check_authority
from registry.revival import REVOKED, is_declaration
from registry.schemas import EventIn
from registry.status import status_by_id, status_by_name
from warehouse.events import add_event, archive_note, event_key
from warehouse.models import MarriageEvent, RecordRow, User


def _status(session: Session, body: EventIn) -> dict[str, Any]:
    person = body.person
    if person.id_number is not None:
        return status_by_id(session, id_number=person.id_number)
    assert person.name is not None and person.birth_date is not None
    return status_by_name(session, name=person.name, birth_date=person.birth_date)


def _named_marriage(session: Session, body: EventIn) -> tuple[RecordRow, str]:
    """The marriage the request names, and the person's side of it."""
    record = session.get(RecordRow, body.marriage_record_id)
    if record is None or record.record_type != "marriage" or record.status != "accepted":
        raise ApiError(404, f"no accepted marriage record {body.marriage_record_id}")
    person = body.person
    for party in record.parties:
        if person.id18 is not None and party.id18 == person.id18:
            return record, party.role
        if (person.id18 is None or party.id18 is None) and (party.name, party.birth_date) == (
            person.name,
            person.birth_date,
        ):
            return record, party.role
    raise ApiError(422, f"the person is not a party of marriage record {record.id}")


def _current_marriage(session: Session, body: EventIn, doc: dict[str, Any]) -> int | None:
    """The record of the person's marriage in force on the event's day, confirmed by number;
    None when there is none. A probable or doubtful one is refused with the candidates."""
    if doc["status"] == "needs_verification":
        raise ApiError(
            422,
            "the store holds a probable record of this person: name the marriage",
            code="needs_verification",
            details=doc["candidates"],
        )
    steps = [s for s in doc["timeline"] if s["date"] is None or s["date"] <= body.date.isoformat()]
    if not steps or steps[-1]["status"] != "married":
        return None
    record_id = steps[-1]["record_id"]
    event = next(e for e in doc["events"] if e["record_id"] == record_id)
    if event["match"] != "id":
        raise ApiError(
            422,
            "the marriage found is linked to the person by name only: name the marriage",
            code="needs_verification",
            details=[event],
        )
    return int(record_id)


def _revoked_death(
    session: Session, body: EventIn, doc: dict[str, Any]
) -> tuple[RecordRow | None, str | None]:
    """The marriage and side of the declaration of death a revocation revokes: the person's
    own latest death before it in the store (of the marriage named, if one is)."""
    deaths = [
        e
        for e in doc["events"]
        if e["type"] == "death"
        and e.get("subject") == "self"
        and (body.marriage_record_id is None or e["record_id"] == body.marriage_record_id)
    ]
    if not deaths:
        raise ApiError(422, "no declaration of death of this person in the store to revoke")
    death = max(deaths, key=lambda e: str(e["date"]))
    if body.date < date.fromisoformat(death["date"]):
        raise ApiError(422, f"the revocation precedes the declaration of death ({death['date']})")
    if not is_declaration(death["evidence"]["document"]):
        raise ApiError(
            422,
            f"a death certified by {death['evidence']['document']} is no declaration of death: "
            "it cannot be revoked",
        )
    if death["record_id"] is None:
        return None, None
    marriage = session.get(RecordRow, death["record_id"])
    stored = session.get(MarriageEvent, death["event_id"])
    return marriage, stored.role if stored is not None else None


def event_doc(event: MarriageEvent) -> dict[str, Any]:
    """The stored event as the API returns it (ID number masked)."""
    return {
        "event_id": event.id,
        "type": event.event_type,
        "date": event.event_date.isoformat(),
        "marriage_record_id": event.marriage_record_id,
        "role": event.role,
        "person": {
            "name": event.person_name,
            "birth_date": event.person_birth_date.isoformat() if event.person_birth_date else None,
            "id_number_masked": mask(event.person_id18),
        },
        "evidence": {
            "document": event.evidence_document,
            "number": event.evidence_number,
            "issuer": event.evidence_issuer,
            "date": event.evidence_date.isoformat() if event.evidence_date else None,
        },
        "archive_note": event.archive_note,
        "office_code": event.office_code,
        "source_kind": event.source_kind,
        "created_by": event.created_by,
    }


def record_event(session: Session, *, body: EventIn, user: User) -> dict[str, Any]:
    """Store the event (201), or ApiError: 404/422 for what cannot be right, 409 when the same
    event of the same marriage is stored already."""
    if body.date > date.today():
        raise ApiError(422, f"an event cannot be dated in the future ({body.date})")
    kind = event_types()[body.type]
    if body.date < kind.valid_from:
        raise ApiError(
            422, f"the law knew no {kind.name} before {kind.valid_from} ({kind.citation})"
        )
    check_authority(body)
    doc = _status(session, body)
    marriage: RecordRow | None
    role: str | None
    if body.type == REVOKED:
        marriage, role = _revoked_death(session, body, doc)
    elif body.marriage_record_id is not None:
        marriage, role = _named_marriage(session, body)
    else:
        found = _current_marriage(session, body, doc)
        same = [e for e in doc["events"] if e["type"] == body.type and e.get("event_id")]
        if found is None and same:
            # The marriage is no longer in force because this very event ended it.
            raise ApiError(
                409,
                f"this {event_types()[body.type].name} is recorded already",
                details=same,
            )
        if found is None and body.type != "death":
            raise ApiError(
                422,
                "no marriage of this person in force on that day in the store: name the marriage",
            )
        marriage = session.get(RecordRow, found) if found is not None else None
        role = _named_marriage_role(marriage, body) if marriage is not None else None
    registered = marriage.registration_date if marriage is not None else None
    if registered is not None and body.date < registered:
        raise ApiError(422, f"the event precedes the marriage ({registered})")
    person = body.person
    face = next((p for p in marriage.parties if p.role == role), None) if marriage else None
    key = event_key(
        event_type=body.type,
        marriage_record_id=marriage.id if marriage else None,
        role=role,
        person=person.id18 or f"{person.name}|{person.birth_date}",
    )
    event, new = add_event(
        session,
        event=MarriageEvent(
            natural_key=key,
            event_type=body.type,
            event_date=body.date,
            marriage_record_id=marriage.id if marriage else None,
            role=role,
            person_id18=person.id18 or (face.id18 if face else None),
            person_name=person.name or (face.name if face else None),
            person_birth_date=person.birth_date or (face.birth_date if face else None),
            evidence_document=body.evidence.document,
            evidence_number=body.evidence.number,
            evidence_issuer=body.evidence.issuer,
            evidence_date=body.evidence.date,
            archive_note=archive_note(
                event_type=body.type,
                day=body.date,
                document=body.evidence.document,
                number=body.evidence.number,
                issuer=body.evidence.issuer,
                marriage=marriage,
            ),
            office_code=user.office_code,
            source_kind="live",
            created_by=user.name,
        ),
    )
    if not new:
        raise ApiError(
            409,
            f"this {event_types()[body.type].name} is recorded already (event {event.id})",
            details=[event_doc(event)],
        )
    return event_doc(event)


def _named_marriage_role(marriage: RecordRow, body: EventIn) -> str | None:
    """The person's side of a marriage found by their number."""
    return next((p.role for p in marriage.parties if p.id18 == body.person.id18), None)


def event_subject(body: EventIn) -> str:
    """Who the event is about, for the audit log (masked)."""
    person = body.person
    return mask(person.id_number) or f"{person.name} {person.birth_date}"
