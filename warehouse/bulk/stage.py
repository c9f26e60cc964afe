"""The staging frame: a checked flat frame made ready for the store, one row per record.

Besides the record's values it carries the natural key, a content hash (what makes a re-import
a no-op), the status, the issues as JSON, the 18-digit key of each party, and a value's written
form where the source wrote it otherwise than it is stored (``WRITTEN``).
"""

import polars as pl

from hunyin.domain.idcolumns import upgrade
from warehouse.keys import HASHED_COLUMNS, content_hashes

ROLES = ("male", "female")
VALUE_COLUMNS = HASHED_COLUMNS
# Party field whose written form may differ from the stored value → what made it differ (the
# ``corrected_by`` of its provenance).
WRITTEN = {
    "ethnicity": "ethnicity-synonyms",
    "id_number": "placeholder-number",
    "birth_date": "written-date",
}
WRITTEN_COLUMNS = tuple(f"{r}_{f}_written" for r in ROLES for f in WRITTEN)
DATE_COLUMNS = frozenset({"registration_date", "male_birth_date", "female_birth_date"})
# Column → SQL type of the staging table; ``issues`` is JSON text, cast by each backend.
STAGE_COLUMNS: dict[str, str] = {
    "natural_key": "TEXT",
    "content_hash": "TEXT",
    "status": "TEXT",
    "issues": "TEXT",
    "page": "INTEGER",
    **{c: "DATE" if c in DATE_COLUMNS else "TEXT" for c in VALUE_COLUMNS},
    "male_id18": "TEXT",
    "female_id18": "TEXT",
    **dict.fromkeys(WRITTEN_COLUMNS, "TEXT"),
}


def _issues_json() -> pl.Expr:
    return pl.format(
        "[{}]", pl.col("issues").list.eval(pl.element().struct.json_encode()).list.join(",")
    ).alias("issues")


def stage_frame(checked: pl.DataFrame) -> pl.DataFrame:
    """``checked`` (flat values, ``natural_key``, ``source_row``, ``issues``, ``has_error``) staged.

    A ``content_hash`` column already present (from ``content_hashes``) is kept.
    """
    hashed = "content_hash" in checked.columns
    frame = checked if hashed else checked.with_columns(content_hashes(checked))
    return frame.select(
        "natural_key",
        "content_hash",
        pl.when(pl.col("has_error"))
        .then(pl.lit("needs_review"))
        .otherwise(pl.lit("accepted"))
        .alias("status"),
        _issues_json(),
        pl.col("source_row").cast(pl.Int32).alias("page"),
        *VALUE_COLUMNS,
        *[upgrade(f"{r}_id_number").alias(f"{r}_id18") for r in ROLES],
        *[
            pl.col(c) if c in checked.columns else pl.lit(None, pl.Utf8).alias(c)
            for c in WRITTEN_COLUMNS
        ],
    )
