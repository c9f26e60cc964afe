"""Small staged frames for the bulk tests, and a load with fixed parameters."""

from datetime import date

import polars as pl
from sqlalchemy import Connection

from validation.frame import ISSUE_TYPE
from warehouse.bulk.stage import VALUE_COLUMNS, stage_frame
from warehouse.bulk.upsert import BulkResult, load_frame


def checked(**values: object) -> pl.DataFrame:
    """A one-row checked frame with every flat column."""
    row: dict[str, object] = {c: None for c in VALUE_COLUMNS}
    row |= {"record_type": "marriage", "registration_date": date(2010, 5, 1)}
    row |= {"male_name": "程辉忠", "male_id_number": "532301911115209"} | values
    schema = {c: pl.Date if c.endswith("date") else pl.Utf8 for c in VALUE_COLUMNS}
    frame = pl.DataFrame([row], schema=schema)
    return frame.with_columns(
        pl.lit("ledger:k").alias("natural_key"),
        pl.lit(7, pl.Int64).alias("source_row"),
        pl.lit([], pl.List(ISSUE_TYPE)).alias("issues"),
        pl.lit(False).alias("has_error"),
    )


def load_into(connection: Connection, frame: pl.DataFrame) -> BulkResult:
    """``load_frame`` with a ledger's parameters and no document."""
    return load_frame(
        connection,
        frame,
        source_kind="ledger",
        source_document_id=None,
        batch=None,
        engine="ledger",
    )


def staged_rows(keys: list[str], **values: object) -> pl.DataFrame:
    """One staged row per key, all with the same values."""
    frames = [checked(**values).with_columns(pl.lit(k).alias("natural_key")) for k in keys]
    return stage_frame(pl.concat(frames))
