"""Natural keys and the content hash: what makes a second load of the same source a no-op.

The content hash is one algorithm for both loading paths: ``content_hash`` for a record (the
ORM path, the steward's view) and ``content_hashes`` for a staged frame (the bulk path, computed
natively), both the ``values_digest`` of the same fields in the same order and text form.
"""

from datetime import date

import duckdb
import polars as pl

from hunyin.digest import NULL_VALUE, VALUE_SEPARATOR, values_digest
from hunyin.schema import Record, dotted_fields

# The hashed fields in order, and their flat column names in a ledger frame (``male_name``).
HASHED_FIELDS = tuple(dotted_fields())
HASHED_COLUMNS = tuple(f.replace(".", "_") for f in HASHED_FIELDS)


def scan_key(*, sha256: str, page: int) -> str:
    return f"scan:{sha256}:{page}"


def ledger_key(*, office_code: str, certificate_no: str, registration_date: str, kind: str) -> str:
    return f"ledger:{office_code}:{certificate_no}:{registration_date}:{kind}"


def ledger_parties(*, male: str, female: str) -> str:
    """What stands for the certificate number in the key of a ledger row without one: the
    parties' names and birth dates as written."""
    return f"parties:{male}+{female}"


def live_key(*, certificate_no: str) -> str:
    return f"live:{certificate_no}"


def _text(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def content_hash(record: Record) -> str:
    """The digest of the record's values (not its source, status, confidence or issues)."""
    return values_digest(_text(record.get(field)) for field in HASHED_FIELDS)


def content_hashes(frame: pl.DataFrame) -> pl.Series:
    """``content_hash`` of every row of a flat frame, computed natively (dates cast to ISO)."""
    payload = frame.select(
        pl.concat_str(
            [pl.col(c).cast(pl.Utf8).fill_null(NULL_VALUE) for c in HASHED_COLUMNS],
            separator=VALUE_SEPARATOR,
        ).alias("payload")
    )
    with duckdb.connect() as con:
        con.register("payloads", payload.to_arrow())
        hashes = con.sql("SELECT sha256(payload) AS h FROM payloads").pl()
    return hashes["h"].alias("content_hash")
