"""Validation of flat ledger frames: the one place the loader asks which rows are in error.

``check`` adds ``issues`` (list of ``{field, rule, severity, message}``) and ``has_error``. Until
the record rules offer a frame-wide check fast enough for a million rows, the reading checks
here stand in: a date or business type nobody can read, a malformed ID number, a missing name.
"""

from dataclasses import dataclass

import polars as pl

from warehouse.bulk.idnumbers import is_valid

ISSUE = pl.Struct({"field": pl.Utf8, "rule": pl.Utf8, "severity": pl.Utf8, "message": pl.Utf8})


@dataclass(frozen=True, slots=True)
class Check:
    failed: pl.Expr
    field: str
    rule: str
    message: str

    def issue(self) -> pl.Expr:
        value = pl.struct(
            pl.lit(self.field).alias("field"),
            pl.lit(self.rule).alias("rule"),
            pl.lit("error").alias("severity"),
            pl.lit(self.message).alias("message"),
        )
        return pl.when(self.failed).then(value).otherwise(pl.lit(None, ISSUE))


def _unread(column: str, field: str, what: str) -> Check:
    failed = pl.col(column).is_null() & pl.col(f"raw_{column}").is_not_null()
    return Check(failed, field, f"{what}-unreadable", f"{what} cannot be read")


def _checks() -> list[Check]:
    """Every reading check, record first, then each party's."""
    checks = [
        _unread("registration_date", "registration_date", "date"),
        _unread("record_type", "record_type", "business-type"),
    ]
    for role in ("male", "female"):
        number = f"{role}_id_number"
        checks += [
            _unread(f"{role}_birth_date", f"{role}.birth_date", "date"),
            Check(
                pl.col(number).is_not_null() & ~is_valid(number).fill_null(False),
                f"{role}.id_number",
                "id-number-invalid",
                "ID number malformed or its check character wrong",
            ),
            Check(pl.col(f"{role}_name").is_null(), f"{role}.name", "required", "name missing"),
        ]
    return checks


def reading_checks(frame: pl.DataFrame) -> pl.DataFrame:
    """The minimum checks of reading itself, as ``issues`` and ``has_error``."""
    checks = _checks()
    failed = pl.any_horizontal([c.failed.fill_null(False) for c in checks])
    numbered = frame.with_row_index("_row")
    # Lists of issues are costly to build; only the few failing rows need one.
    issues = numbered.filter(failed).select(
        "_row", pl.concat_list([c.issue() for c in checks]).list.drop_nulls().alias("issues")
    )
    return (
        numbered.join(issues, on="_row", how="left", maintain_order="left")
        .drop("_row")
        .with_columns(
            pl.col("issues").fill_null(pl.lit([], pl.List(ISSUE))),
            pl.col("issues").is_not_null().alias("has_error"),
        )
    )


def check(frame: pl.DataFrame) -> pl.DataFrame:
    """Validate a flat ledger frame: adds ``issues`` and ``has_error``."""
    return reading_checks(frame)
