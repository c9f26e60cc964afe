"""Set-based loading of a staged frame on the natural key, on PostgreSQL and SQLite alike.

Rows whose key is present with the same content hash are left alone. Changed rows are updated
in place; each value they replace is kept in ``field_provenance`` twice: the old value with the
document and row it came from, and the new one with its ``previous_value``. Unchanged rows get
no provenance rows: their record's ``source_document_id`` and ``page`` are their provenance.
Everything runs in a savepoint of the caller's transaction, so a failed load leaves nothing.
"""

from dataclasses import dataclass, replace

import polars as pl
from sqlalchemy import Connection, text

from warehouse.bulk import statements as sql
from warehouse.bulk.fill import STAGE_TABLE, create_stage, fill_stage
from warehouse.models.base import utcnow
from warehouse.reviews import task_kind

_WORK_MEMORY = "64MB"


@dataclass(frozen=True, slots=True)
class BulkResult:
    """What a load did with the staged rows."""

    inserted: int
    updated: int
    unchanged: int
    to_review: int  # of the inserted and updated, how many need review
    record_ids: tuple[int, ...] = ()  # the records inserted or updated, for the person index


def _counts(connection: Connection, unchanged: int) -> BulkResult:
    rows = connection.execute(
        text(f"SELECT state, status, COUNT(*) FROM {STAGE_TABLE} GROUP BY state, status")
    ).all()
    by_state = {state: 0 for state in ("new", "changed")}
    for state, _, count in rows:
        by_state[state] += count
    return BulkResult(
        inserted=by_state["new"],
        updated=by_state["changed"],
        unchanged=unchanged,
        to_review=sum(count for _, status, count in rows if status == "needs_review"),
    )


def _begin(connection: Connection) -> None:
    """Make sure the caller's transaction has begun before a savepoint is taken.

    The sqlite3 driver defers BEGIN until the first data change; a savepoint taken before that
    would be a transaction of its own, committed on release behind the caller's back.
    """
    driver = connection.connection.driver_connection
    if connection.dialect.name == "sqlite" and not getattr(driver, "in_transaction", True):
        connection.exec_driver_sql("BEGIN")


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
        "task_kind": task_kind(source_kind),
        "document": source_document_id,
        "batch": batch,
        "engine": engine,
        "now": utcnow(),
    }
    _begin(connection)
    with connection.begin_nested():
        if connection.dialect.name == "postgresql":
            # Room to hash a large ledger's keys in memory rather than in batches on disk.
            connection.execute(text(f"SET LOCAL work_mem = '{_WORK_MEMORY}'"))
        create_stage(connection)
        fill_stage(connection, staged)
        unchanged = connection.execute(text(sql.drop_unchanged())).rowcount
        connection.execute(text(sql.mark_changed()))
        result = _counts(connection, unchanged)
        if result.updated:
            connection.execute(text(sql.provenance()), params)
        if result.inserted or result.updated:
            dialect = connection.dialect.name
            connection.execute(text(sql.upsert_records(dialect)), params)
            if dialect != "postgresql":
                connection.execute(text(sql.new_ids()))
            connection.execute(text(sql.upsert_parties()))
            connection.execute(text(sql.written_provenance()), params)
            connection.execute(text(sql.open_reviews()), params)
            ids = connection.scalars(text(f"SELECT record_id FROM {STAGE_TABLE}"))
            result = replace(result, record_ids=tuple(ids))
        connection.execute(text(f"DROP TABLE {STAGE_TABLE}"))
    return result
