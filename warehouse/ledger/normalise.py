"""Raw ledger text to the flat record frame that validation and the bulk loader share.

Everything is vectorised; only dates no pattern of the dialect file matches (Chinese numerals,
a rarity in ledgers) go through the general date reader one by one.
"""

import polars as pl

from hunyin.codes import county_offices, office_by_code
from hunyin.domain.dates import parse_date
from hunyin.schema import PARTY_FIELDS, RECORD_FIELDS
from warehouse.ledger.dialects import dialects

ROLES = ("male", "female")
SEX = {"male": "男", "female": "女"}
DATE_FIELDS = ("registration_date", "male_birth_date", "female_birth_date")
FLAT_COLUMNS = (
    *RECORD_FIELDS,
    *(f"{role}_{field}" for role in ROLES for field in PARTY_FIELDS),
    "source_row",
)
# Kept beside the flat columns: the key of a row whose date or type cannot be read is built from
# what was written, and the reading checks report it.
# ``raw_office_code`` is the ledger's own office (its file): the key of a row stays the same
# whichever code the row's date gives it.
RAW_COLUMNS = (
    *(f"raw_{c}" for c in (*DATE_FIELDS, "record_type")),
    "raw_office_code",
    "raw_deceased",
)

_FULLWIDTH = [chr(c) for c in range(0xFF01, 0xFF5F)] + ["\u3000"]
_HALFWIDTH = [chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)] + [" "]


def _clean(column: str) -> pl.Expr:
    """``hunyin.domain.text.compact`` for a column: half-width, no white space, blank as null."""
    text = pl.col(column).str.replace_many(_FULLWIDTH, _HALFWIDTH).str.replace_all(r"\s+", "")
    return pl.when(text == "").then(None).otherwise(text).alias(column)


def _date(column: str) -> pl.Expr:
    """The first date pattern of the dialect file that yields a real date."""
    candidates = [
        pl.concat_str(
            [pl.col(column).str.extract(pattern, group) for group in (1, 2, 3)], separator="-"
        ).str.strptime(pl.Date, "%Y-%m-%d", strict=False)
        for pattern in dialects().date_patterns
    ]
    return pl.coalesce(candidates).alias(column)


def _late_dates(frame: pl.DataFrame) -> pl.DataFrame:
    """Dates the patterns missed, read by the general reader (only the few such rows)."""
    for column in DATE_FIELDS:
        missed = pl.col(column).is_null() & pl.col(f"raw_{column}").is_not_null()
        if not frame.select(missed.any()).item():
            continue
        rows = frame.filter(missed)
        parsed = [parse_date(text) for text in rows[f"raw_{column}"].to_list()]
        fixes = pl.DataFrame({"source_row": rows["source_row"], "fix": parsed}).with_columns(
            pl.col("fix").cast(pl.Date)
        )
        frame = (
            frame.join(fixes, on="source_row", how="left")
            .with_columns(pl.coalesce(column, "fix").alias(column))
            .drop("fix")
        )
    return frame


def _office_on_date(office_code: str) -> tuple[pl.Expr, pl.Expr]:
    """Code and name of the office valid on each row's date: one office kept one ledger across
    a rename (禄丰县 → 禄丰市), so a 2019 row of the 532302 ledger is 禄丰县's (532331)."""
    office = office_by_code(office_code)
    code = pl.lit(office_code)
    name = pl.lit(office.name if office else None, pl.Utf8)
    day = pl.col("registration_date")
    for other in county_offices(office_code):
        valid = day >= other.valid_from
        if other.valid_to is not None:
            valid &= day <= other.valid_to
        code = pl.when(valid).then(pl.lit(other.code)).otherwise(code)
        name = pl.when(valid).then(pl.lit(other.name)).otherwise(name)
    return code.alias("office_code"), name


def normalise(raw: pl.DataFrame, *, office_code: str) -> pl.DataFrame:
    """The flat frame (``FLAT_COLUMNS`` + ``RAW_COLUMNS``) of one ledger's raw rows."""
    frame = raw.with_columns(
        [pl.lit(None, pl.Utf8).alias(c) for c in FLAT_COLUMNS if c not in raw.columns]
    )
    text = [c for c in FLAT_COLUMNS if c != "source_row"]
    frame = frame.with_columns([_clean(c) for c in text])
    frame = frame.with_columns(
        [pl.col(c).alias(f"raw_{c}") for c in (*DATE_FIELDS, "record_type")]
    ).with_columns(
        *[_date(c) for c in DATE_FIELDS],
        pl.col("record_type").replace_strict(dialects().record_types, default=None),
        pl.lit(office_code).alias("raw_office_code"),
        (pl.col("deceased") if "deceased" in raw.columns else pl.lit(None, pl.Utf8)).alias(
            "raw_deceased"
        ),
        *[pl.col(f"{r}_id_number").str.to_uppercase() for r in ROLES],
        *[pl.col(f"{r}_sex").fill_null(SEX[r]) for r in ROLES],
    )
    frame = _late_dates(frame)
    code, name = _office_on_date(office_code)
    frame = frame.with_columns(code, pl.col("office_name").fill_null(name))
    return frame.select(*FLAT_COLUMNS, *RAW_COLUMNS)
