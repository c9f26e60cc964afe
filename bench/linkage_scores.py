"""Event precision and recall of the person index against a generator's truth file.

A truth person lists their events (type, date, office, certificate number). Each event is one
party row of the store; the person's history is the person holding most of their rows. Recall is
the share of true events found in that history; precision the share of each history's events
that belong to its main truth person. Events are split by whether the party had a number. Events
that never reached the store as accepted records (sent to review, quarantined) cannot be linked:
they are counted apart, not as misses.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.models import PartyRow, PersonLink, RecordRow


@dataclass(frozen=True, slots=True)
class Scores:
    events: int
    events_not_in_store: int
    recall: float
    precision: float
    recall_with_number: float
    recall_without_number: float
    recall_persons_without_number: float


def _store_events(session: Session) -> dict[tuple[Any, ...], tuple[int | None, bool]]:
    """(office, certificate, date, type, sex) → the party's person and whether it had a number."""
    stmt = (
        select(
            RecordRow.office_code,
            RecordRow.certificate_no,
            RecordRow.registration_date,
            RecordRow.record_type,
            PartyRow.sex,
            PersonLink.person_id,
            PartyRow.id_number,
        )
        .join(RecordRow, RecordRow.id == PartyRow.record_id)
        .outerjoin(PersonLink, PersonLink.party_id == PartyRow.id)
        .where(RecordRow.status == "accepted")
    )
    return {tuple(row[:5]): (row[5], row[6] is not None) for row in session.execute(stmt)}


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def evaluate(session: Session, *, truth: Iterable[dict[str, Any]]) -> Scores:
    """Score the index against ``truth`` (one dict per person, as the generators write them)."""
    events = _store_events(session)
    owners: dict[int, Counter[int]] = {}
    found = Counter[str]()
    totals = Counter[str]()
    for number, person in enumerate(truth):
        rows = []
        for e in person["events"]:
            key = (e["office_code"], e["certificate_no"], date.fromisoformat(e["date"]), e["type"])
            if (found_row := events.get((*key, person["sex"]))) is None:
                totals["not_in_store"] += 1
            else:
                rows.append(found_row)
        held = Counter(pid for pid, _ in rows if pid is not None)
        main = held.most_common(1)[0][0] if held else None
        unnumbered = any(not has for _, has in rows)
        for pid, has_number in rows:
            split = "with" if has_number else "without"
            hit = pid is not None and pid == main
            for bucket in ("all", split, "persons_without" if unnumbered else ""):
                totals[bucket] += 1
                found[bucket] += hit
            if pid is not None:
                owners.setdefault(pid, Counter())[number] += 1
    kept = sum(c.most_common(1)[0][1] for c in owners.values())
    return Scores(
        events=totals["all"],
        events_not_in_store=totals["not_in_store"],
        recall=_ratio(found["all"], totals["all"]),
        precision=_ratio(kept, sum(sum(c.values()) for c in owners.values())),
        recall_with_number=_ratio(found["with"], totals["with"]),
        recall_without_number=_ratio(found["without"], totals["without"]),
        recall_persons_without_number=_ratio(found["persons_without"], totals["persons_without"]),
    )
