"""A person's events in time: what each registration, death, court divorce, void or annulled
marriage and revoked declaration of death makes of their status, step by step, and whether two
marriages overlap. Pure: the events come in, nothing is read from the store here.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from registry.revival import REVOKED
from warehouse.queries.events import EventRow
from warehouse.queries.marriage_events import EndingEvent

# What each registration makes of the person's status; a reissue changes nothing.
_STATUS_AFTER = {"marriage": "married", "divorce": "divorced"}
# Events that void a marriage from the start (民法典 arts. 1054): it never counted.
VOIDING = frozenset({"void", "annulment"})
# A revoked declaration of death that does not revive the marriage (the survivor remarried).
KEPT = "death_revoked:kept"


def distinct(events: Iterable[EventRow]) -> list[EventRow]:
    """One event per registration: a scan and a ledger row of the same event count once."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for event in sorted(events, key=lambda e: (e.registration_date or date.min, e.match != "id")):
        key = (event.record_type, event.registration_date, event.certificate_no, event.office_code)
        if key not in seen:
            seen.add(key)
            out.append(event)
    return out


def own_role(events: list[EventRow], record_id: int | None) -> str | None:
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
                e.marriage_record_id is None or e.role == own_role(events, e.marriage_record_id),
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
    own = own_endings(events, list(endings))
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


def own_endings(events: list[EventRow], endings: list[EndingEvent]) -> list[EndingEvent]:
    """The endings that are about the person (their death, or any event of their marriage
    whose side is theirs)."""
    return [
        e
        for e in endings
        if e.marriage_record_id is None or e.role == own_role(events, e.marriage_record_id)
    ]
