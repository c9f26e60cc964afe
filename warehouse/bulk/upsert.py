"""Set-based loading of a staged frame on the natural key, the same SQL on both backends.

Rows whose key is present with the same content hash are left alone. Changed rows are updated
in place; each value they replace is kept in ``field_provenance`` twice: the old value with the
document and row it came from, and the new one with its ``previous_value``. Unchanged rows get
no provenance rows: their record's ``source_document_id`` and ``page`` are their provenance.
Everything runs in a savepoint of the caller's transaction, so a failed load leaves nothing.
"""

from dataclasses import dataclass

import polars as pl
from sqlalchemy import Connection, text

from hunyin.schema import PARTY_FIELDS, RECORD_FIELDS
from warehouse.bulk.fill import STAGE_TABLE, create_stage, fill_stage
from warehouse.bulk.stage import ROLES
from warehouse.models.base import utcnow

S = STAGE_TABLE
_RECORD_VALUES = (*RECORD_FIELDS, "status", "issues", "content_hash", "page")


@dataclass(frozen=True, slots=True)
class BulkResult:
    inserted: int
    updated: int
    unchanged: int
    to_review: int  # of the inserted and updated, how many need review


def _classify() -> str:
    return (
        f"UPDATE {S} SET record_id = records.id, state = CASE WHEN records.content_hash = "
        f"{S}.content_hash THEN 'same' ELSE 'changed' END "
        f"FROM records WHERE records.natural_key = {S}.natural_key"
    )


def _provenance() -> str:
    """One select per field and version, for the changed rows only."""
    selects = []
    for field, new, old, join in _field_sources():
        changed = f"s.state = 'changed' AND {new} IS DISTINCT FROM {old}"
        source = f"FROM {S} s JOIN records r ON r.id = s.record_id {join} WHERE {changed}"
        selects.append(
            f"SELECT s.record_id, '{field}', CAST({old} AS TEXT), r.source_document_id, "
            f"r.page, NULL {source}"
        )
        selects.append(
            f"SELECT s.record_id, '{field}', CAST({new} AS TEXT), "
            f"CAST(:document AS BIGINT), s.page, CAST({old} AS TEXT) {source}"
        )
    return (
        "INSERT INTO field_provenance (record_id, field, value, source_document_id, page, "
        "previous_value, engine, recorded_at) SELECT u.*, :engine, :now FROM ("
        + " UNION ALL ".join(selects)
        + ") u"
    )


def _field_sources() -> list[tuple[str, str, str, str]]:
    """(dotted field, new value, stored value, join to reach it) for every field."""
    out = [(f, f"s.{f}", f"r.{f}", "") for f in RECORD_FIELDS]
    for role in ROLES:
        join = f"JOIN parties p_{role} ON p_{role}.record_id = r.id AND p_{role}.role = '{role}'"
        out += [(f"{role}.{f}", f"s.{role}_{f}", f"p_{role}.{f}", join) for f in PARTY_FIELDS]
    return out


def _upsert_records() -> str:
    columns = ", ".join(_RECORD_VALUES)
    updates = ", ".join(
        f"{c} = excluded.{c}"
        for c in (*_RECORD_VALUES, "source_document_id", "batch", "updated_at")
    )
    return (
        f"INSERT INTO records (natural_key, source_kind, source_document_id, batch, created_at, "
        f"updated_at, {columns}) SELECT natural_key, :kind, :document, :batch, :now, :now, "
        f"{columns} FROM {S} WHERE state <> 'same' "
        f"ON CONFLICT (natural_key) DO UPDATE SET {updates}"
    )


def _upsert_parties(role: str) -> str:
    fields = (*PARTY_FIELDS, "id18")
    values = ", ".join(f"s.{role}_{f}" for f in fields)
    updates = ", ".join(f"{f} = excluded.{f}" for f in fields)
    return (
        f"INSERT INTO parties (record_id, role, {', '.join(fields)}) "
        f"SELECT r.id, '{role}', {values} FROM {S} s "
        f"JOIN records r ON r.natural_key = s.natural_key WHERE s.state <> 'same' "
        f"ON CONFLICT (record_id, role) DO UPDATE SET {updates}"
    )


def _open_reviews() -> str:
    return (
        "INSERT INTO review_tasks (record_id, kind, state, reasons, batch, office_code, "
        f"created_at) SELECT r.id, 'rule', 'open', s.issues, :batch, s.office_code, :now "
        f"FROM {S} s JOIN records r ON r.natural_key = s.natural_key "
        "WHERE s.state <> 'same' AND s.status = 'needs_review' "
        "ON CONFLICT (record_id) DO UPDATE SET reasons = excluded.reasons, state = 'open'"
    )


def _counts(connection: Connection) -> BulkResult:
    rows = connection.execute(
        text(f"SELECT state, status, COUNT(*) FROM {S} GROUP BY state, status")
    ).all()
    by_state = {state: 0 for state in ("new", "changed", "same")}
    to_review = 0
    for state, status, count in rows:
        by_state[state] += count
        to_review += count if state != "same" and status == "needs_review" else 0
    return BulkResult(
        inserted=by_state["new"],
        updated=by_state["changed"],
        unchanged=by_state["same"],
        to_review=to_review,
    )


def load_frame(
    connection: Connection,
    staged: pl.DataFrame,
    *,
    source_kind: str,
    source_document_id: int | None,
    batch: str | None,
    engine: str,
) -> BulkResult:
    """Load a staged frame (unique natural keys) in one savepoint; returns what happened."""
    params = {
        "kind": source_kind,
        "document": source_document_id,
        "batch": batch,
        "engine": engine,
        "now": utcnow(),
    }
    with connection.begin_nested():
        create_stage(connection)
        fill_stage(connection, staged)
        connection.execute(text(_classify()))
        result = _counts(connection)
        if result.updated:
            connection.execute(text(_provenance()), params)
        if result.inserted or result.updated:
            connection.execute(text(_upsert_records()), params)
            for role in ROLES:
                connection.execute(text(_upsert_parties(role)))
            connection.execute(text(_open_reviews()), params)
        connection.execute(text(f"DROP TABLE {S}"))
    return result
