"""One ledger file made ready for the bulk loader: read, normalised, checked, keyed and sorted out.

Rows without the parts of their natural key (certificate number, date, business type) cannot
become records: they are quarantined with a reason. A row repeating an earlier row's key is
the same registration written twice when its values agree, and quarantined when they differ.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from validation.ledger import check
from warehouse.bulk.stage import stage_frame
from warehouse.keys import content_hashes, ledger_key
from warehouse.ledger.dialects import LedgerFormatError
from warehouse.ledger.normalise import normalise
from warehouse.ledger.reading import read_ledger

_KEY_PARTS = {
    "certificate_no": "no certificate number",
    "raw_registration_date": "no registration date",
    "raw_record_type": "no business type",
}


@dataclass(frozen=True, slots=True)
class Quarantined:
    row: int
    reason: str


@dataclass(frozen=True, slots=True)
class PreparedLedger:
    path: Path
    sha256: str
    size_bytes: int
    office_code: str
    rows_read: int
    staged: pl.DataFrame  # unique natural keys, ready for ``warehouse.bulk.upsert.load_frame``
    repeated: int  # rows identical to an earlier row of the same file
    quarantined: list[Quarantined]


def _natural_key() -> pl.Expr:
    """``warehouse.keys.ledger_key`` for every row, with what was written where unreadable."""
    template = ledger_key(office_code="{}", certificate_no="{}", registration_date="{}", kind="{}")
    return pl.format(
        template,
        "office_code",
        "certificate_no",
        pl.coalesce(pl.col("registration_date").cast(pl.Utf8), "raw_registration_date"),
        pl.coalesce("record_type", "raw_record_type"),
    ).alias("natural_key")


def _missing_reason() -> pl.Expr:
    reasons = [pl.when(pl.col(c).is_null()).then(pl.lit(r)) for c, r in _KEY_PARTS.items()]
    return pl.concat_str(reasons, separator="; ", ignore_nulls=True).alias("reason")


def prepare_ledger(path: Path, *, office_code: str | None = None) -> PreparedLedger:
    """Read ``path`` and sort its rows into staged, repeated and quarantined."""
    raw = read_ledger(path)
    office = office_code or raw.office_code
    if office is None:
        raise LedgerFormatError(f"{path.name}: no office code in the file name or title row")
    frame = normalise(raw.frame, office_code=office).with_columns(_missing_reason())
    unkeyed = frame.filter(pl.col("reason") != "")
    keyed = check(frame.filter(pl.col("reason") == "")).with_columns(_natural_key())
    keyed = keyed.with_columns(content_hashes(keyed))
    first = keyed.filter(pl.col("natural_key").is_first_distinct())
    later = keyed.filter(~pl.col("natural_key").is_first_distinct()).join(
        first.select(
            "natural_key",
            pl.col("content_hash").alias("first_hash"),
            pl.col("source_row").alias("first_row"),
        ),
        on="natural_key",
    )
    conflicting = later.filter(pl.col("content_hash") != pl.col("first_hash"))
    quarantined = [
        Quarantined(row, reason)
        for row, reason in unkeyed.select("source_row", "reason").iter_rows()
    ]
    quarantined += [
        Quarantined(row, f"same certificate, date and type as row {first_row}, other values")
        for row, first_row in conflicting.select("source_row", "first_row").iter_rows()
    ]
    data = path.read_bytes()
    return PreparedLedger(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
        office_code=office,
        rows_read=frame.height,
        staged=stage_frame(first),
        repeated=later.height - conflicting.height,
        quarantined=sorted(quarantined, key=lambda q: q.row),
    )
