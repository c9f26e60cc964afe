"""Validation of flat ledger frames: the record rules, and what only reading can tell.

``check`` runs the record rules (``validation.frame.check_frame``), which add ``issues`` (list
of ``{field, rule, severity, message}``) and ``has_error``. A value the ledger holds but nobody
can read (a month 13, an unknown business word) reaches the rules as a blank; the reading checks
here say what was really wrong with it, beside the rules' "missing". A birth date known only by
its year (1946年) is what the clerk knew, no error: the year is kept as written, and the
record says so in a warning.
"""

import polars as pl

from hunyin.domain.dates import YEAR_ONLY
from validation.frame import ISSUE_TYPE, check_frame

_ROLES = ("male", "female")

# Flat column → dotted field and what it is, for values written but unreadable.
_READ = {
    "registration_date": ("registration_date", "date"),
    "record_type": ("record_type", "business type"),
    "male_birth_date": ("male.birth_date", "date"),
    "female_birth_date": ("female.birth_date", "date"),
}


def _year_only(role: str) -> pl.Expr:
    return pl.col(f"raw_{role}_birth_date").str.contains(YEAR_ONLY).fill_null(False)


def _unreadable(column: str) -> pl.Expr:
    written = pl.col(f"raw_{column}").is_not_null()
    if column.endswith("_birth_date"):
        written = written & ~_year_only(column.removesuffix("_birth_date"))
    return pl.col(column).is_null() & written


def _year_only_issues(role: str) -> pl.Expr:
    """The role's missing-birth-date error, where only the year is written, as a warning."""
    field = f"{role}.birth_date"
    warning = pl.struct(
        pl.lit(field).alias("field"),
        pl.lit("birth-year-only").alias("rule"),
        pl.lit("warning").alias("severity"),
        pl.lit(f"{role} party: only the year of birth is written").alias("message"),
    )
    kept = pl.col("issues").list.eval(
        pl.element().filter(
            (pl.element().struct.field("field") != field)
            | (pl.element().struct.field("rule") != "party-required")
        )
    )
    return (
        pl.when(_year_only(role))
        .then(pl.concat_list(kept, pl.concat_list(warning)))
        .otherwise(pl.col("issues"))
        .alias("issues")
    )


def _year_only_rows(checked: pl.DataFrame) -> pl.DataFrame:
    """Rows with a year-only birth date, their errors recounted once the year is allowed."""
    rows = checked.filter(pl.any_horizontal(_year_only(r) for r in _ROLES))
    if rows.is_empty():
        return rows
    for role in _ROLES:
        rows = rows.with_columns(_year_only_issues(role))
    severities = pl.col("issues").list.eval(pl.element().struct.field("severity"))
    return rows.with_columns(severities.list.contains("error").alias("has_error"))


def _reading_issue(column: str) -> pl.Expr:
    field, what = _READ[column]
    value = pl.struct(
        pl.lit(field).alias("field"),
        pl.lit(f"{what.replace(' ', '-')}-unreadable").alias("rule"),
        pl.lit("error").alias("severity"),
        pl.lit(f"the {what} is written but cannot be read").alias("message"),
    )
    return pl.when(_unreadable(column)).then(value).otherwise(pl.lit(None, ISSUE_TYPE))


def check(frame: pl.DataFrame) -> pl.DataFrame:
    """Validate a flat ledger frame (with its ``raw_`` columns): adds ``issues``, ``has_error``."""
    checked = check_frame(frame, ledger=True)
    year_only = pl.any_horizontal(_year_only(r) for r in _ROLES)
    checked = pl.concat([checked.filter(~year_only), _year_only_rows(checked)])
    unread = pl.any_horizontal(_unreadable(c) for c in _READ)
    # Lists of issues are costly to build; only the few unreadable rows need more.
    flagged = checked.filter(unread).with_columns(
        pl.concat_list("issues", *(_reading_issue(c) for c in _READ)).list.drop_nulls(),
        pl.lit(True).alias("has_error"),
    )
    return pl.concat([checked.filter(~unread), flagged])
