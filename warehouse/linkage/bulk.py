"""Bulk writes for the batch run: COPY on PostgreSQL, executemany elsewhere.

The rows are written inside the caller's transaction, so a failed run leaves the index as it was.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.orm import Session


def insert_rows(
    session: Session, *, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``) into ``table``."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        sql = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        with raw.cursor() as cursor, cursor.copy(sql) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
        return
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(dict(zip(columns, row, strict=True)))
        if len(batch) == 50_000:
            connection.execute(table.insert(), batch)
            batch = []
    if batch:
        connection.execute(table.insert(), batch)


def clear_tables(session: Session, *, tables: Sequence[Table]) -> None:
    """Empty ``tables`` (children first); TRUNCATE where the backend has it."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        names = ", ".join(t.name for t in tables)
        connection.execute(text(f"TRUNCATE {names}"))
        return
    for table in tables:
        connection.execute(table.delete())


def reset_sequence(session: Session, *, table: Table) -> None:
    """After explicit ids were written, move PostgreSQL's sequence past them."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            )
        )
