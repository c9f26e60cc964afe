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

# What each registration makes of the person's status; a reissue changes nothing.
_STATUS_AFTER = {"marriage": "married", "divorce": "divorced"}
# Events that void a marriage from the start (民法典 arts. 1054): it never counted.
VOIDING = frozenset({"void", "annulment"})
# A revoked declaration of death that does not revive the marriage (the survivor remarried).
KEPT = "death_revoked:kept"


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


def _own_role(events: list[EventRow], record_id: int | None) -> str | None:
    return next((e.role for e in events if e.record_id == record_id), None)


# One happening in a person's history: day, registrations before events on one day, kind,
# the marriage record it is about, and whether it is the person's own (for a death).
Happening = tuple[date, int, str, int | None, bool]


def walk(happenings: Iterable[Happening]) -> list[dict[str, Any]]:
    """Each status change in date order: registrations, then the events that end a marriage
    (a court divorce, the spouse's death) or void it, which takes the marriage out entirely.
    The one place that says what a history adds up to (pages, rules and reports use it)."""
    items = sorted(happenings, key=lambda h: h[:2])
    voided = {record_id for _, _, kind, record_id, _ in items if kind in VOIDING}
    steps: list[dict[str, Any]] = []
    current: int | None = None
    widowed_of: int | None = None
    for day, _, kind, record_id, own in items:
        status = None
        if kind == "marriage" and record_id not in voided:
            current, status = record_id, "married"
        elif kind == "divorce" or (kind == "court_divorce" and record_id == current):
            current, status = None, "divorced"
        elif kind == "death" and record_id == current and not own:
            # The spouse died: the survivor is 丧偶. One's own death is a flag, not a status.
            current, status = None, "widowed"
        elif kind == REVOKED and not own and current is None and record_id == widowed_of:
            # The spouse's declaration of death revoked, no remarriage since: married again.
            current, status = record_id, "married"
        elif kind == KEPT and own and record_id == current:
            # One's own declaration revoked after the spouse remarried: the marriage the
            # declaration dissolved stays dissolved (民法典 art. 51), as after a divorce.
            current, status = None, "divorced"
        widowed_of = record_id if status == "widowed" else (None if status else widowed_of)
        if status is not None:
            steps.append(
                {
                    "date": None if day == date.min else day.isoformat(),
                    "status": status,
                    "record_id": record_id,
                    "cause": kind,
                }
            )
    return steps


def _happenings(events: list[EventRow], endings: Iterable[EndingEvent]) -> list[Happening]:
    return [
        *(
            (e.registration_date or date.min, 0, e.record_type or "", e.record_id, False)
            for e in events
        ),
        *(
            (
                e.event_date,
                1,
                KEPT if e.event_type == REVOKED and not e.revives else e.event_type,
                e.marriage_record_id,
                e.marriage_record_id is None or e.role == _own_role(events, e.marriage_record_id),
            )
            for e in endings
        ),
    ]


def doc_happenings(docs: Iterable[dict[str, Any]]) -> list[Happening]:
    """The happenings of status-document events (``events`` and ``candidates`` entries)."""
    return [
        (
            date.fromisoformat(d["date"]) if d.get("date") else date.min,
            0 if d.get("type") in _STATUS_AFTER or d.get("type") == "reissue" else 1,
            KEPT if d.get("type") == REVOKED and not d.get("revives") else d.get("type") or "",
            d.get("record_id"),
            d.get("subject") == "self",
        )
        for d in docs
    ]


def _steps(events: list[EventRow], endings: Iterable[EndingEvent]) -> list[dict[str, Any]]:
    return walk(_happenings(events, list(endings)))


def timeline(events: list[EventRow], endings: Iterable[EndingEvent] = ()) -> list[dict[str, Any]]:
    """Each status change with its date and record."""
    return _steps(events, endings)


def current_status(events: list[EventRow], endings: Iterable[EndingEvent] = ()) -> str:
    """After the last status change; ``unmarried`` when every marriage was void or annulled,
    ``unknown`` with only reissues (a certificate was reissued, but of which registration is
    not on record), ``no_record`` when the store holds nothing of the person."""
    endings = list(endings)
    steps = _steps(events, endings)
    if steps:
        return str(steps[-1]["status"])
    if any(e.event_type in VOIDING for e in endings):
        return "unmarried"
    return "unknown" if events else "no_record"


def marital_state(events: list[dict[str, Any]]) -> tuple[str, dict[str, Any] | None]:
    """``married`` / ``divorced`` / ``widowed`` / ``unknown`` after event documents
    (registrations and the events that end or void a marriage), and the marriage in force:
    the rule checks' reading of the same history ``current_status`` reads."""
    steps = walk(doc_happenings(events))
    if not steps:
        return "unknown", None
    last = steps[-1]
    if last["status"] != "married":
        return str(last["status"]), None
    marriage = next(
        e for e in events if e.get("type") == "marriage" and e.get("record_id") == last["record_id"]
    )
    return "married", marriage


def deceased(events: list[EventRow], endings: Iterable[EndingEvent]) -> EndingEvent | None:
    """The person's own death, if the store holds it and no revocation of it followed."""
    own = _own(events, list(endings))
    revoked = [e.event_date for e in own if e.event_type == REVOKED]
    for ending in own:
        if ending.event_type == "death" and not any(day >= ending.event_date for day in revoked):
            return ending
    return None


def bigamy(events: list[EventRow], endings: Iterable[EndingEvent] = ()) -> list[list[int]]:
    """Pairs of marriages (record ids) that overlap: the second without a divorce, a court
    divorce or the spouse's death in between; a void or annulled marriage is no marriage."""
    endings = list(endings)
    voided = {e.marriage_record_id for e in endings if e.event_type in VOIDING}
    # A revived marriage was never free to be followed by another: the survivor did not remarry.
    revived = {e.marriage_record_id for e in endings if e.event_type == REVOKED and e.revives}
    ended = {
        e.marriage_record_id: e.event_date
        for e in endings
        if e.event_type in ("court_divorce", "death") and e.marriage_record_id not in revived
    }
    found: list[list[int]] = []
    current: EventRow | None = None
    for event in events:
        day = event.registration_date or date.min
        if current is not None and current.record_id in ended and ended[current.record_id] <= day:
            current = None
        if event.record_type == "marriage" and event.record_id not in voided:
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
        "subject": "self" if ending in _own(events, [ending]) else "spouse",
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


def _own(events: list[EventRow], endings: list[EndingEvent]) -> list[EndingEvent]:
    """The endings that are about the person (their death, or any event of their marriage
    whose side is theirs)."""
    return [
        e
        for e in endings
        if e.marriage_record_id is None or e.role == _own_role(events, e.marriage_record_id)
    ]


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
    events = _distinct(events)
    status = current_status(events, endings)
    # A candidate matters when taking it into the history would change the answer; a record
    # waiting (in the review queue, or not linked yet) always does: nobody has said what it holds.
    if waiting or any(
        current_status(_distinct([*events, c]), endings) != status for c, _ in candidates
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
    key = upgrade(id_number)
    if key is None:
        raise InputError(f"not a well-formed resident ID number: {mask(normalise(id_number))}")
    number = normalise(id_number)
    # One round trip for all but the candidates, which only a scored party can have.
    history = history_of_key(session, id18=key, id_number=number)
    events = history.events
    candidates: list[tuple[EventRow, float | None]] = list(_scored_candidates(session, events))
    held = {e.record_id for e in events if e.record_type == "marriage"}
    theirs = {c.record_id for c, _ in candidates if c.record_type == "marriage"} - held
    attached = [*history.attached, *events_of_marriages(session, record_ids=sorted(theirs))]
    return _document(
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
