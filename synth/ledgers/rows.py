"""Ledger rows as an office wrote them: one per event, with the slips of a busy registrar.

Values are text in the office's style (``ledgers.toml``). ID numbers are blank before 1985,
15 digits until 1999-09-30 and 18 digits after. ``noise`` names what was garbled in a row.
"""

import tomllib
from datetime import date
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np
import polars as pl

from synth.ledgers.certificates import office_periods
from synth.ledgers.people import pools

FIRST_ID_CARDS = date(1985, 1, 1)
EIGHTEEN_DIGITS = date(1999, 10, 1)
FIELDS = (
    "registration_date",
    "record_type",
    "certificate_no",
    "male_name",
    "male_id_number",
    "male_birth_date",
    "male_ethnicity",
    "male_hukou",
    "female_name",
    "female_id_number",
    "female_birth_date",
    "female_ethnicity",
    "female_hukou",
    "registrar",
)


@lru_cache(maxsize=1)
def styles() -> dict[str, Any]:
    """The writing styles of ``ledgers.toml``."""
    return tomllib.loads(files("synth.ledgers").joinpath("ledgers.toml").read_text("utf-8"))


def _party(events: pl.DataFrame, persons: pl.DataFrame, role: str) -> pl.DataFrame:
    """The party's values on the event's date: hukou under the county's name of that day."""
    people = persons.rename({c: f"{role}_{c}" for c in persons.columns if c != "person_id"})
    rows = events.join(people, left_on=f"{role}_id", right_on="person_id", how="left")
    names = office_periods().select(
        pl.col("county").alias(f"{role}_county"), pl.col("valid_from").alias("date"), "county_name"
    )
    rows = rows.sort("date").join_asof(
        names, on="date", by=f"{role}_county", check_sortedness=False
    )
    number = pl.col(f"{role}_id_18")
    printed = (
        pl.when(pl.col("date") < FIRST_ID_CARDS)
        .then(None)
        .when(pl.col("date") < EIGHTEEN_DIGITS)
        .then(number.str.slice(0, 6) + number.str.slice(8, 9))
        .otherwise(number)
    )
    hukou = (
        pl.when(pl.col(f"{role}_outside"))
        .then(pl.col(f"{role}_hukou_tail"))
        .otherwise(pools()["province"] + pl.col("county_name") + pl.col(f"{role}_hukou_tail"))
    )
    return rows.with_columns(printed.alias(f"{role}_id_number"), hukou.alias(f"{role}_hukou")).drop(
        "county_name"
    )


def _format_date(column: str) -> pl.Expr:
    """The date in its office's style (``date_format``, one of the styles' formats)."""
    formats = sorted({style["date"] for style in styles()["styles"].values()})
    return pl.coalesce(
        pl.when(pl.col("date_format") == f).then(pl.col(column).dt.strftime(f)) for f in formats
    )


def _words(rng: np.random.Generator, kinds: pl.Series) -> pl.Series:
    """A business-type word for each record type, drawn from its words in ``ledgers.toml``."""
    words = styles()["words"]
    lookup = {f"{k}:{i}": names[i] for k, names in words.items() for i in range(len(names))}
    size = min(len(names) for names in words.values())
    choice = pl.Series(rng.integers(0, size, len(kinds))).cast(pl.Utf8)
    return (kinds + ":" + choice).replace_strict(lookup)


def _noise(rng: np.random.Generator, rows: pl.DataFrame) -> pl.DataFrame:
    """Pick disjoint rows for each kind of slip, by the shares of ``ledgers.toml``."""
    shares = styles()["noise"]
    draw = rng.random(rows.height)
    kind = np.full(rows.height, -1)
    low = 0.0
    for index, share in enumerate(shares.values()):
        kind[(draw >= low) & (draw < low + share)] = index
        low += share
    has_id = rows["male_id_number"].str.len_chars().fill_null(0).to_numpy() == 18
    kind[(kind == list(shares).index("id_typo")) & ~has_id] = -1
    names = dict(enumerate(shares))
    return rows.with_columns(
        pl.Series("noise", kind).replace_strict(names, default=None, return_dtype=pl.Utf8)
    )


def _garble(rows: pl.DataFrame) -> pl.DataFrame:
    noise = pl.col("noise")
    number = pl.col("male_id_number")
    # One digit of the sequence written wrong: the check character no longer fits.
    digit = ((number.str.slice(15, 1).cast(pl.Int32) + 1) % 10).cast(pl.Utf8)
    typo = number.str.slice(0, 15) + digit + number.str.slice(16)
    # The month written as 13: a date nobody can read.
    bad_date = _format_date("date").str.replace(r"(\d{4}\D?)\d{2}", "${1}13")
    rows = rows.with_columns(
        pl.when(noise == "id_typo").then(typo).otherwise(number).alias("male_id_number"),
        pl.when(noise == "no_certificate")
        .then(None)
        .otherwise(pl.col("certificate_no"))
        .alias("certificate_no"),
        pl.when(noise == "bad_date")
        .then(bad_date)
        .otherwise(pl.col("registration_date"))
        .alias("registration_date"),
    )
    # The row itself is clean; its copy written again below it carries the noise.
    repeated = rows.filter(noise == "repeated_row")
    rows = rows.with_columns(pl.when(noise != "repeated_row").then(noise).alias("noise"))
    return pl.concat([rows, repeated]).sort("event_id", maintain_order=True)


def ledger_rows(
    events: pl.DataFrame,
    persons: pl.DataFrame,
    *,
    seed: int,
    variations: float = 0.0,
    slips: bool = True,
) -> pl.DataFrame:
    """Every event as a ledger row of its office, text formatted, with ``noise`` applied (unless
    ``slips`` is off) and ``variations`` of the rows written as clerks did
    (``synth.ledgers.variations``)."""
    rng = np.random.default_rng(seed)
    rows = _party(_party(events, persons, "male"), persons, "female").sort("event_id")
    offices = styles()["offices"]
    style_of = {code: styles()["styles"][o["style"]]["date"] for code, o in offices.items()}
    rows = rows.with_columns(pl.col("office_code").replace_strict(style_of).alias("date_format"))
    formatted = [
        _format_date(c).alias("registration_date" if c == "date" else c)
        for c in ("date", "male_birth_date", "female_birth_date")
    ]
    rows = rows.with_columns(
        *formatted,
        _words(rng, rows["record_type"]).alias("record_type_word"),
        pl.Series(rng.choice(pools()["registrars"], rows.height)).alias("registrar"),
    )
    if variations > 0:
        from synth.ledgers.variations import vary

        rows = vary(rows, share=variations, seed=seed + 7)
    else:
        rows = rows.with_columns(pl.lit(None, pl.Utf8).alias("variation"))
    noisy = _noise(rng, rows)
    if not slips:
        noisy = noisy.with_columns(pl.lit(None, pl.Utf8).alias("noise"))
    rows = _garble(noisy)
    return rows.select(
        "event_id",
        "office_code",
        "noise",
        "variation",
        *[pl.col("record_type_word").alias(f) if f == "record_type" else pl.col(f) for f in FIELDS],
    )
