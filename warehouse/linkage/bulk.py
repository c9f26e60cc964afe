"""Bulk writes for the batch run: COPY of CSV on PostgreSQL, executemany elsewhere.

The rows are written inside the caller's transaction, so a failed run leaves the index as it was.
"""

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pyarrow as pa
import pyarrow.csv as pacsv
from sqlalchemy import Table, text
from sqlalchemy.orm import Session

from warehouse.bulk.indexes import set_aside

_CHUNK = 200_000


def insert_table(session: Session, *, table: Table, rows: pa.Table) -> None:
    """Insert an Arrow table whose column names are those of ``table``."""
    connection = session.connection()
    columns = ", ".join(rows.column_names)
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        sql = f"COPY {table.name} ({columns}) FROM STDIN WITH (FORMAT csv)"
        with raw.cursor() as cursor, cursor.copy(sql) as copy:  # type: ignore[union-attr]
            for start in range(0, rows.num_rows, _CHUNK):
                buffer = io.BytesIO()
                options = pacsv.WriteOptions(include_header=False)
                pacsv.write_csv(rows.slice(start, _CHUNK), buffer, write_options=options)
                copy.write(buffer.getvalue())
        return
    for start in range(0, rows.num_rows, _CHUNK):
        connection.execute(table.insert(), rows.slice(start, _CHUNK).to_pylist())


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


def analyse(session: Session, *, tables: Sequence[Table]) -> None:
    """Refresh PostgreSQL's statistics after a bulk write, so look-ups get index plans at once."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"ANALYZE {', '.join(t.name for t in tables)}"))


@contextmanager
def checks_after(session: Session, *, tables: Sequence[Table]) -> Iterator[None]:
    """Foreign keys and non-unique indexes of the emptied ``tables`` set aside while the block
    fills them, and made again after it (PostgreSQL; elsewhere nothing changes).

    Checked row by row, two foreign keys cost a rebuild's COPY of two million links more than
    the rows themselves; added back, each is one join over the whole table. In the caller's
    transaction: a failure restores them with the rollback.
    """
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        yield
        return
    with set_aside(connection, [t.name for t in tables]):
        yield
