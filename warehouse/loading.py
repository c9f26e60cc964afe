"""Loading records into the store, idempotent on the natural key.

A record whose key is already present with the same content is left alone; one whose content
changed (a corrected ledger, a re-read scan) is updated in place, and the values it replaces
stay in ``field_provenance``; review tasks follow ``warehouse.reviews``. Functions here never
commit: the caller owns the transaction.
"""

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from hunyin.domain.idnumber import upgrade
from hunyin.schema import PARTY_FIELDS, RECORD_FIELDS, Record
from warehouse.db import append_rows
from warehouse.keys import content_hash
from warehouse.models import FieldProvenance, PartyRow, RecordRow
from warehouse.models.base import utcnow
from warehouse.reviews import sync_task

# Rows appended in one statement, not ORM objects: nothing reads a provenance row back in the
# loading session, and the ORM would fetch each new id (RETURNING over a multi-row VALUES the
# driver parses anew every time: a third of a live registration's time in Python).
_PROVENANCE = cast(Table, FieldProvenance.__table__)


@dataclass(frozen=True, slots=True)
class Keyed:
    """A record with its natural key and the source document it was read from."""

    key: str
    record: Record
    source_document_id: int | None = None


@dataclass(slots=True)
class LoadResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    # The row of each natural key loaded, in the session: a caller reading one back (a live
    # registration answers with its record) needs no query for it.
    rows: dict[str, RecordRow] = dataclasses.field(default_factory=dict)


def _as_text(value: object) -> str | None:
    return None if value is None else str(value)


def _party_row(record: Record, role: str, extra: Mapping[str, Any]) -> PartyRow:
    party = record.male if role == "male" else record.female
    values = party.model_dump()
    return PartyRow(role=role, id18=upgrade(party.id_number), **values, **extra)


def _apply(row: RecordRow, record: Record) -> None:
    for field in RECORD_FIELDS:
        setattr(row, field, getattr(record, field))
    row.status = record.status
    row.issues = [issue.model_dump() for issue in record.issues]
    row.content_hash = content_hash(record)


def _provenance(
    row: RecordRow, item: Keyed, *, engine: str, previous: Record | None
) -> list[dict[str, Any]]:
    readings = {r.field: r for r in item.record.readings}
    now = utcnow()
    out = []
    for field, value in _flatten(item.record).items():
        old = _flatten(previous).get(field) if previous else None
        if previous is not None and old == value:
            continue
        reading = readings.get(field)
        out.append(
            {
                "record_id": row.id,
                "field": field,
                "value": value,
                "engine": reading.engine if reading else engine,
                "engine_version": reading.engine_version if reading else None,
                "confidence": reading.confidence if reading else item.record.confidence.get(field),
                "source_document_id": item.source_document_id,
                "page": item.record.source.page,
                "region": reading.region.model_dump() if reading and reading.region else None,
                "previous_value": old,
                "recorded_at": now,
            }
        )
    return out


def _flatten(record: Record) -> dict[str, str | None]:
    out = {f: _as_text(getattr(record, f)) for f in RECORD_FIELDS}
    for role in ("male", "female"):
        party = record.male if role == "male" else record.female
        out |= {f"{role}.{f}": _as_text(getattr(party, f)) for f in PARTY_FIELDS}
    return out


def _stored_record(row: RecordRow) -> Record:
    parties = {p.role: p for p in row.parties}
    values = {f: getattr(row, f) for f in RECORD_FIELDS}
    for role, party in parties.items():
        values[role] = {f: getattr(party, f) for f in PARTY_FIELDS}
    return Record.model_validate({"source": {"file": ""}, **values})


def upsert_records(
    session: Session,
    *,
    items: Sequence[Keyed],
    source_kind: str,
    batch: str | None,
    engine: str,
    party_extras: Mapping[str, Mapping[str, Any]] | None = None,
) -> LoadResult:
    """Insert new records, update changed ones, skip identical ones; returns the counts.

    ``party_extras`` (by role) are columns of the parties that no source but the window
    writes (国籍), stored with the party's row.
    """
    result = LoadResult()
    extras = party_extras or {}
    provenance: list[dict[str, Any]] = []
    keys = [item.key for item in items]
    existing = {
        row.natural_key: row
        for row in session.scalars(select(RecordRow).where(RecordRow.natural_key.in_(keys)))
    }
    for item in items:
        row = existing.get(item.key)
        if row is not None and row.content_hash == content_hash(item.record):
            result.unchanged += 1
            continue
        previous = _stored_record(row) if row is not None else None
        if row is None:
            row = RecordRow(
                natural_key=item.key,
                source_kind=source_kind,
                source_document_id=item.source_document_id,
                page=item.record.source.page or item.record.source.row,
                batch=batch,
            )
            session.add(row)
            result.inserted += 1
        else:
            row.parties.clear()
            session.flush()
            result.updated += 1
        _apply(row, item.record)
        row.parties.extend(
            [_party_row(item.record, role, extras.get(role, {})) for role in ("male", "female")]
        )
        session.flush()
        provenance += _provenance(row, item, engine=engine, previous=previous)
        if item.record.status == "needs_review":
            sync_task(
                session,
                record_id=row.id,
                source_kind=source_kind,
                reasons=row.issues,
                batch=batch,
                office_code=item.record.office_code,
            )
        existing[item.key] = row
    session.flush()
    append_rows(session, table=_PROVENANCE, rows=provenance)
    result.rows = {item.key: existing[item.key] for item in items}
    return result
