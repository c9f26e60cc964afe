"""Offices and certificate numbers of synthetic events, by era (``domain.md``)."""

import csv
from datetime import date
from functools import lru_cache
from importlib.resources import files

import polars as pl

from hunyin.codes import offices

MODERN = date(2009, 1, 1)
PROVINCIAL = date(2004, 1, 1)
_MODERN_PREFIX = {"marriage": "J", "divorce": "L", "reissue": "BJ"}
_OLD_KIND = {"marriage": "结", "divorce": "离", "reissue": "补"}


def county_key(county: str) -> str:
    """``楚雄`` for 楚雄县 and 楚雄市: the county whatever its rank that year."""
    return county.removesuffix("县").removesuffix("市")


def office_periods() -> pl.DataFrame:
    """county, valid_from, office_code, county_name: which office served a county from when."""
    return pl.DataFrame(
        {
            "county": [county_key(o.county) for o in offices()],
            "valid_from": [o.valid_from for o in offices()],
            "office_code": [o.code for o in offices()],
            "county_name": [o.county for o in offices()],
        }
    ).sort("valid_from")


@lru_cache(maxsize=1)
def office_numbers() -> dict[str, str]:
    """The two-digit office numbers of 2004–2008 certificates, as the record rules know them."""
    text = files("validation.data").joinpath("office_numbers.csv").read_text("utf-8")
    return {r["office_code"]: r["office_no"] for r in csv.DictReader(text.splitlines())}


def with_offices(events: pl.DataFrame) -> pl.DataFrame:
    """The office valid on each event's date in its county, and the county's name then."""
    ordered = events.with_row_index("_order").sort("date")
    joined = ordered.join_asof(
        office_periods().rename({"valid_from": "date"}),
        on="date",
        by="county",
        check_sortedness=False,
    )
    return joined.sort("_order").drop("_order")


def with_certificates(events: pl.DataFrame) -> pl.DataFrame:
    """Certificate numbers, unique within office, year and type, in the shape of the era."""
    year = pl.col("date").dt.year()
    serial = pl.int_range(1, pl.len() + 1).over(
        "office_code", year, "record_type", order_by=["date", "event_id"]
    )
    kind = pl.col("record_type")
    modern = pl.format(
        "{}{}-{}-{}",
        kind.replace_strict(_MODERN_PREFIX),
        "office_code",
        year,
        serial.cast(pl.Utf8).str.zfill(6),
    )
    short_year = (year % 100).cast(pl.Utf8).str.zfill(2)
    abbreviation = pl.col("county").str.slice(0, 1)
    provincial = pl.format(
        "云{}{}字{}{}{}",
        abbreviation,
        kind.replace_strict(_OLD_KIND),
        pl.col("office_code").replace_strict(office_numbers(), default="00"),
        short_year,
        serial.cast(pl.Utf8).str.zfill(5),
    )
    old = pl.format(
        "({}){}民{}字第{}号",
        short_year,
        abbreviation,
        kind.replace_strict(_OLD_KIND),
        serial.cast(pl.Utf8).str.zfill(4),
    )
    number = (
        pl.when(pl.col("date") >= MODERN)
        .then(modern)
        .when(pl.col("date") >= PROVINCIAL)
        .then(provincial)
        .otherwise(old)
    )
    return events.with_columns(number.alias("certificate_no"))
