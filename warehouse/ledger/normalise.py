"""Raw ledger text to the flat record frame that validation and the bulk loader share.

Everything is vectorised; only dates no pattern of the dialect file matches (Chinese numerals,
a rarity in ledgers, and dates marked lunar) go through the general date reader one by one.
What a clerk wrote in a form the store normalises (an abbreviated or older ethnonym, a
placeholder number, a lunar birth date) is kept beside the value in ``WRITTEN_COLUMNS``: the
loader files it as the value's provenance.
"""

import polars as pl

from hunyin.codes import county_offices, ethnicity_synonyms, office_by_code
from hunyin.domain.dates import YEAR_ONLY, parse_date
from hunyin.domain.idcolumns import is_placeholder
from hunyin.domain.lunar import LUNAR_MARK, is_marked_lunar, lunar_readings, parse_marked_lunar
from hunyin.schema import PARTY_FIELDS, RECORD_FIELDS
from warehouse.bulk.stage import WRITTEN_COLUMNS
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
        parsed = [
            parse_marked_lunar(text) if is_marked_lunar(text) else parse_date(text)
            for text in rows[f"raw_{column}"].to_list()
        ]
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


def _written(role: str) -> list[pl.Expr]:
    """Synonyms and placeholders replaced, the written form kept where it differs."""
    ethnicity, number = pl.col(f"{role}_ethnicity"), pl.col(f"{role}_id_number")
    placeholder = is_placeholder(f"{role}_id_number").fill_null(False)
    named = ethnicity.replace(ethnicity_synonyms())
    return [
        named.alias(f"{role}_ethnicity"),
        pl.when(named != ethnicity).then(ethnicity).alias(f"{role}_ethnicity_written"),
        pl.when(~placeholder).then(number).alias(f"{role}_id_number"),
        pl.when(placeholder).then(number).alias(f"{role}_id_number_written"),
    ]


def _date_in_number(role: str) -> pl.Expr:
    number = pl.col(f"{role}_id_number")
    inside = (
        pl.when(number.str.len_chars() == 18)
        .then(number.str.slice(6, 8))
        .when(number.str.len_chars() == 15)
        .then("19" + number.str.slice(6, 6))
    )
    return inside.str.strptime(pl.Date, "%Y%m%d", strict=False)


def _lunar_by_number(frame: pl.DataFrame, role: str) -> pl.DataFrame:
    """A birth date that differs from the one inside the party's number, and is that date by the
    lunar calendar, was kept as the family kept it: the civil date stored, the written kept."""
    born, written = f"{role}_birth_date", f"{role}_birth_date_written"
    differs = _date_in_number(role).is_not_null() & (pl.col(born) != _date_in_number(role))
    rows = frame.filter(differs.fill_null(False)).select(
        "source_row", born, _date_in_number(role).alias("inside"), f"raw_{born}"
    )
    fixes = [
        (row, inside, raw)
        for row, day, inside, raw in rows.iter_rows()
        if inside in lunar_readings(day)
    ]
    if not fixes:
        return frame
    fixed = pl.DataFrame(
        fixes,
        schema={"source_row": frame.schema["source_row"], "fix": pl.Date, "raw": pl.Utf8},
        orient="row",
    )
    return (
        frame.join(fixed, on="source_row", how="left")
        .with_columns(
            pl.coalesce("fix", born).alias(born),
            pl.coalesce(written, pl.when(pl.col("fix").is_not_null()).then("raw")).alias(written),
        )
        .drop("fix", "raw")
    )


def _written_dates(role: str) -> pl.Expr:
    """A birth date written otherwise than as a plain date (lunar, year only) is kept as written."""
    raw = pl.col(f"raw_{role}_birth_date")
    unusual = raw.str.contains(LUNAR_MARK) | raw.str.contains(YEAR_ONLY)
    return pl.when(unusual).then(raw).alias(f"{role}_birth_date_written")


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
    frame = frame.with_columns(*[e for r in ROLES for e in _written(r)])
    frame = _late_dates(frame).with_columns(*[_written_dates(r) for r in ROLES])
    for role in ROLES:
        frame = _lunar_by_number(frame, role)
    code, name = _office_on_date(office_code)
    frame = frame.with_columns(code, pl.col("office_name").fill_null(name))
    return frame.select(*FLAT_COLUMNS, *RAW_COLUMNS, *WRITTEN_COLUMNS)
