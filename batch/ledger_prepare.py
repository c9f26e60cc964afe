"""One ledger file made ready for the bulk loader: read, normalised, checked, keyed and sorted out.

Rows without the parts of their natural key (date, business type) cannot become records: they
are quarantined with a reason. A row without a certificate number is a real registration (old
and township ledgers often lack one): its key is the office, date, type and the parties. A row
repeating an earlier row's key is the same registration written twice when its values agree,
and quarantined when they differ.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from hunyin.codes import event_types
from validation.ledger import check
from warehouse.bulk.stage import stage_frame
from warehouse.keys import content_hashes, ledger_key, ledger_parties
from warehouse.ledger.dialects import LedgerFormatError
from warehouse.ledger.normalise import normalise
from warehouse.ledger.reading import read_ledger

_KEY_PARTS = {
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
    events: pl.DataFrame  # rows recording a court divorce, death, void or annulled marriage
    repeated: int  # rows identical to an earlier row of the same file
    quarantined: list[Quarantined]


def _natural_key() -> pl.Expr:
    """``warehouse.keys.ledger_key`` for every row, with what was written where unreadable;
    the parties (``ledger_parties``) stand in for a missing certificate number."""
    template = ledger_key(office_code="{}", certificate_no="{}", registration_date="{}", kind="{}")
    parties = pl.format(
        ledger_parties(male="{}", female="{}"),
        pl.concat_str(
            [pl.col("male_name"), pl.col("male_birth_date").cast(pl.Utf8)],
            separator="/",
            ignore_nulls=True,
        ),
        pl.concat_str(
            [pl.col("female_name"), pl.col("female_birth_date").cast(pl.Utf8)],
            separator="/",
            ignore_nulls=True,
        ),
    )
    return pl.format(
        template,
        "raw_office_code",
        pl.coalesce("certificate_no", parties),
        pl.coalesce(pl.col("registration_date").cast(pl.Utf8), "raw_registration_date"),
        pl.coalesce("record_type", "raw_record_type"),
    ).alias("natural_key")


def is_event() -> pl.Expr:
    """Rows whose business type is an event of ``event-types.csv`` (a court divorce, a death,
    a void or annulled marriage), not a registration."""
    return pl.col("record_type").is_in(list(event_types()))


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
    events = frame.filter((pl.col("reason") == "") & is_event())
    registrations = frame.filter((pl.col("reason") == "") & ~is_event())
    keyed = check(registrations).with_columns(_natural_key())
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
        Quarantined(
            row, f"same key (certificate or parties, date, type) as row {first_row}, other values"
        )
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
        events=events,
        repeated=later.height - conflicting.height,
        quarantined=sorted(quarantined, key=lambda q: q.row),
    )
