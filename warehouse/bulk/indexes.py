"""Secondary indexes and foreign keys set aside while a backfill fills an empty store, and made
once at the end.

Maintaining a B-tree row by row costs PostgreSQL more than building it once from sorted data,
and a first backfill writes millions of rows; checking a foreign key row by row (a look-up per
party of its record) costs more than one join over the loaded tables. Only indexes that no load
statement relies on are set aside: not primary keys and not unique ones (the upserts' conflict
targets). A foreign key added back is checked against every row, so nothing escapes it. Everything
happens in the caller's transaction, so a failure restores them with the rollback; meanwhile the
tables are locked, which is why this is only done while the store holds no record.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, text

TABLES = ("records", "parties")
# Sorting memory for the rebuild, for this transaction only.
_BUILD_MEMORY = "512MB"


def secondary_indexes(
    connection: Connection, tables: Sequence[str] = TABLES
) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of every non-unique index on ``tables``."""
    rows = connection.execute(
        text(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "WHERE t.relname = ANY(:tables) AND t.relnamespace = current_schema()::regnamespace "
            "AND NOT x.indisunique AND NOT x.indisprimary ORDER BY i.relname"
        ),
        {"tables": list(tables)},
    )
    return [(name, definition) for name, definition in rows]


def foreign_keys(connection: Connection, tables: Sequence[str]) -> list[tuple[str, str, str]]:
    """(table, name, definition) of every foreign key of ``tables``."""
    rows = connection.execute(
        text(
            "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
            "JOIN pg_class t ON t.oid = c.conrelid WHERE c.contype = 'f' "
            "AND t.relname = ANY(:tables) AND t.relnamespace = current_schema()::regnamespace "
            "ORDER BY t.relname, c.conname"
        ),
        {"tables": list(tables)},
    )
    return [(table, name, definition) for table, name, definition in rows]


@contextmanager
def set_aside(connection: Connection, tables: Sequence[str]) -> Iterator[None]:
    """Drop the secondary indexes and foreign keys of ``tables`` for the block, make them after."""
    indexes = secondary_indexes(connection, tables)
    keys = foreign_keys(connection, tables)
    for table, name, _ in keys:
        connection.execute(text(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"'))
    for name, _ in indexes:
        connection.execute(text(f'DROP INDEX "{name}"'))
    yield
    connection.execute(text(f"SET LOCAL maintenance_work_mem = '{_BUILD_MEMORY}'"))
    for _, definition in indexes:
        connection.execute(text(definition))
    for table, name, definition in keys:
        connection.execute(text(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'))


def _store_is_empty(connection: Connection) -> bool:
    return not connection.execute(text("SELECT EXISTS (SELECT 1 FROM records)")).scalar_one()


@contextmanager
def deferred_indexes(connection: Connection) -> Iterator[bool]:
    """Set secondary indexes and foreign keys aside on an empty PostgreSQL store; yields
    whether it did."""
    if connection.dialect.name != "postgresql" or not _store_is_empty(connection):
        yield False
        return
    with set_aside(connection, TABLES):
        yield True
    # The planner's statistics of an empty table say "no rows": without them the first status
    # queries after a backfill hash-join every record instead of using the indexes just built.
    connection.execute(text(f"ANALYZE {', '.join(TABLES)}"))
