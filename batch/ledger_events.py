"""Ledger rows that record an event ending or voiding a marriage (a court divorce, a death, a
void or annulled marriage): stored as events of the couple's marriage, with the ledger as
evidence. A row whose marriage is not in the store yet is held until every file of the import
is in (its marriage may be in a later file), then tried again; what still has no marriage, or
a death row that does not say who died, is quarantined with the reason (a later import, once
the marriage is in, takes it)."""

from dataclasses import dataclass, field
from typing import Any

import polars as pl
from sqlalchemy.orm import Session

from batch.ledger_prepare import Quarantined
from hunyin.codes import office_by_code
from hunyin.domain.idnumber import upgrade
from warehouse.events import add_event, archive_note, event_key
from warehouse.models import MarriageEvent, RecordRow
from warehouse.queries.couples import couple_marriage

# How a death row names who died.
_DECEASED = {"男": "male", "男方": "male", "女": "female", "女方": "female"}


@dataclass(slots=True)
class EventsLoaded:
    imported: int = 0
    already_present: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)
    held: list[dict[str, Any]] = field(default_factory=list)  # rows whose marriage is not in yet


@dataclass(slots=True)
class HeldEvents:
    """One file's event rows waiting for the rest of the import, with what its document's
    reason already names (the file's other quarantined rows)."""

    ledger: str
    document_id: int
    rows: list[dict[str, Any]]
    quarantined: list[Quarantined]


def _deceased_role(row: dict[str, Any]) -> str | None:
    written = (row.get("raw_deceased") or "").strip()
    if written in _DECEASED:
        return _DECEASED[written]
    for role in ("male", "female"):
        if written and written == row.get(f"{role}_name"):
            return role
    return None


def _marriage(session: Session, row: dict[str, Any]) -> RecordRow | None:
    found = couple_marriage(
        session,
        day=row["registration_date"],
        male_id18=upgrade(row["male_id_number"]),
        female_id18=upgrade(row["female_id_number"]),
        male_name=row["male_name"],
        male_born=row["male_birth_date"],
        female_name=row["female_name"],
        female_born=row["female_birth_date"],
    )
    return session.get(RecordRow, found) if found is not None else None


def load_events(
    session: Session,
    events: pl.DataFrame | list[dict[str, Any]],
    *,
    ledger: str,
    hold: bool = False,
) -> EventsLoaded:
    """Store each event row against the couple's marriage, in the caller's transaction; with
    ``hold``, a row whose marriage is not in the store is handed back in ``held``."""
    out = EventsLoaded()
    rows = events.iter_rows(named=True) if isinstance(events, pl.DataFrame) else events
    for row in rows:
        kind, day = row["record_type"], row["registration_date"]
        if day is None:
            out.quarantined.append(
                Quarantined(row["source_row"], "the event's date cannot be read")
            )
            continue
        marriage = _marriage(session, row)
        if marriage is None and hold:
            out.held.append(row)
            continue
        if marriage is None:
            out.quarantined.append(
                Quarantined(row["source_row"], f"no marriage of this couple in the store by {day}")
            )
            continue
        role = _deceased_role(row) if kind == "death" else None
        if kind == "death" and role is None:
            out.quarantined.append(
                Quarantined(row["source_row"], "a death row must say who died (死亡方)")
            )
            continue
        face = next((p for p in marriage.parties if p.role == role), None)
        office = office_by_code(row["office_code"]) if row["office_code"] else None
        issuer = office.name if office else row["office_code"]
        _, new = add_event(
            session,
            event=MarriageEvent(
                natural_key=event_key(
                    event_type=kind, marriage_record_id=marriage.id, role=role, person=None
                ),
                event_type=kind,
                event_date=day,
                marriage_record_id=marriage.id,
                role=role,
                person_id18=face.id18 if face else None,
                person_name=face.name if face else None,
                person_birth_date=face.birth_date if face else None,
                evidence_document="登记台账",
                evidence_number=row["certificate_no"],
                evidence_issuer=issuer,
                archive_note=archive_note(
                    event_type=kind,
                    day=day,
                    document=f"登记台账（{ledger} 第{row['source_row']}行）",
                    number=row["certificate_no"],
                    issuer=issuer,
                    marriage=marriage,
                ),
                office_code=row["office_code"],
                source_kind="ledger",
                created_by=f"ledger:{ledger}",
            ),
        )
        if new:
            out.imported += 1
        else:
            out.already_present += 1
    return out
