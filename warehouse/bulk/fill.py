"""Filling the staging table: ``COPY`` on PostgreSQL, batched inserts on SQLite."""

import polars as pl
from sqlalchemy import Connection, text

from warehouse.bulk.stage import DATE_COLUMNS, STAGE_COLUMNS

STAGE_TABLE = "bulk_stage"
# Rows per COPY chunk or insert batch: bounds the memory of one chunk's CSV text.
CHUNK_ROWS = 50_000
SQLITE_BATCH = 5_000


def create_stage(connection: Connection) -> None:
    """A fresh temporary staging table, plus the columns the load fills in as it goes."""
    pg = connection.dialect.name == "postgresql"
    columns = [
        f"{name} {'JSON' if name == 'issues' and pg else kind}"
        for name, kind in STAGE_COLUMNS.items()
    ]
    columns += ["state TEXT NOT NULL DEFAULT 'new'", "record_id BIGINT"]
    connection.execute(text(f"DROP TABLE IF EXISTS {STAGE_TABLE}"))
    connection.execute(text(f"CREATE TEMPORARY TABLE {STAGE_TABLE} ({', '.join(columns)})"))


def _copy(connection: Connection, frame: pl.DataFrame) -> None:
    names = ", ".join(STAGE_COLUMNS)
    driver = connection.connection.driver_connection
    assert driver is not None
    with (
        driver.cursor() as cursor,
        cursor.copy(f"COPY {STAGE_TABLE} ({names}) FROM STDIN (FORMAT csv)") as copy,
    ):
        for chunk in frame.iter_slices(CHUNK_ROWS):
            copy.write(chunk.write_csv(include_header=False))


def _insert(connection: Connection, frame: pl.DataFrame) -> None:
    names = ", ".join(STAGE_COLUMNS)
    params = ", ".join(f":{c}" for c in STAGE_COLUMNS)
    statement = text(f"INSERT INTO {STAGE_TABLE} ({names}) VALUES ({params})")
    # SQLite keeps dates as ISO text, as SQLAlchemy's Date type writes them.
    frame = frame.with_columns(pl.col(sorted(DATE_COLUMNS)).cast(pl.Utf8))
    for chunk in frame.iter_slices(SQLITE_BATCH):
        connection.execute(statement, chunk.to_dicts())


def fill_stage(connection: Connection, frame: pl.DataFrame) -> None:
    """Put the staged frame (columns of ``STAGE_COLUMNS``) into the staging table."""
    frame = frame.select(list(STAGE_COLUMNS))
    if connection.dialect.name == "postgresql":
        _copy(connection, frame)
    else:
        _insert(connection, frame)
