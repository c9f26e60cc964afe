"""Validation of flat ledger frames: the record rules, and what only reading can tell.

``check`` runs the record rules (``validation.frame.check_frame``), which add ``issues`` (list
of ``{field, rule, severity, message}``) and ``has_error``. A value the ledger holds but nobody
can read (a month 13, an unknown business word) reaches the rules as a blank; the reading checks
here say what was really wrong with it, beside the rules' "missing".
"""

import polars as pl

from validation.frame import ISSUE_TYPE, check_frame

# Flat column → dotted field and what it is, for values written but unreadable.
_READ = {
    "registration_date": ("registration_date", "date"),
    "record_type": ("record_type", "business type"),
    "male_birth_date": ("male.birth_date", "date"),
    "female_birth_date": ("female.birth_date", "date"),
}


def _unreadable(column: str) -> pl.Expr:
    return pl.col(column).is_null() & pl.col(f"raw_{column}").is_not_null()


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
    unread = pl.any_horizontal(_unreadable(c) for c in _READ)
    # Lists of issues are costly to build; only the few unreadable rows need more.
    flagged = checked.filter(unread).with_columns(
        pl.concat_list("issues", *(_reading_issue(c) for c in _READ)).list.drop_nulls(),
        pl.lit(True).alias("has_error"),
    )
    return pl.concat([checked.filter(~unread), flagged])
