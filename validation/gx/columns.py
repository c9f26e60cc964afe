"""The derived columns handed to Great Expectations: states, ages and years, never raw values."""

from collections.abc import Sequence

import pandas as pd
import polars as pl

from hunyin.codes import ethnic_groups
from hunyin.schema import Outcome, Record
from validation.frame import check_frame, input_schema, records_frame

Records = pd.DataFrame | pl.DataFrame | Sequence[Record | Outcome]


def as_frame(records: Records) -> pl.DataFrame:
    """The records as ``check_frame``'s input frame (outcomes without a record are left out)."""
    if isinstance(records, pl.DataFrame | pd.DataFrame):
        frame = records if isinstance(records, pl.DataFrame) else pl.from_pandas(records)
        # pandas keeps dates as datetimes; the rules compare dates
        types = {c: t for c, t in input_schema().items() if c in frame.columns}
        return frame.with_columns(pl.col(c).cast(t, strict=False) for c, t in types.items())
    return records_frame([r for r in records if isinstance(r, Record)])


def _rule_fired(rules: list[str]) -> pl.Expr:
    """Whether any issue of the row is one of ``rules``."""
    return pl.col("issues").list.eval(pl.element().struct.field("rule").is_in(rules)).list.any()


def _party(role: str) -> list[pl.Expr]:
    number = pl.col(f"{role}_id_number")
    field = f"{role}.id_number"
    fired = pl.col("issues").list.eval(
        pl.when(pl.element().struct.field("field") == field).then(pl.element().struct.field("rule"))
    )
    state = (
        pl.when(number.is_null() | (number == ""))
        .then(pl.lit("absent"))
        .when(fired.list.contains("id-shape"))
        .then(pl.lit("bad-shape"))
        .when(fired.list.contains("id-date"))
        .then(pl.lit("bad-date"))
        .when(fired.list.contains("id-check"))
        .then(pl.lit("bad-check"))
        .otherwise(pl.lit("valid"))
    )
    birth, day = pl.col(f"{role}_birth_date"), pl.col("registration_date")
    return [
        state.alias(f"{role}_id_state"),
        (day.dt.year().cast(pl.Int32) - birth.dt.year().cast(pl.Int32)).alias(f"{role}_age"),
        pl.col(f"{role}_sex"),
        pl.col(f"{role}_ethnicity").is_in(list(ethnic_groups())).alias(f"{role}_ethnicity_known"),
    ]


def derived(records: Records) -> pd.DataFrame:
    """The masked, derived pandas frame the suites validate."""
    checked = check_frame(as_frame(records))
    shape = _rule_fired(["cert-shape", "cert-old-shape"])
    inside = _rule_fired(["cert-type", "cert-year", "cert-office"])
    certificate = (
        pl.when(pl.col("certificate_no").is_null())
        .then(pl.lit("absent"))
        .when(shape)
        .then(pl.lit("irregular"))
        .when(inside)
        .then(pl.lit("inconsistent"))
        .otherwise(pl.lit("ok"))
    )
    frame = checked.select(
        "record_type",
        "office_code",
        pl.col("registration_date").dt.year().cast(pl.Int32).alias("registration_year"),
        certificate.alias("certificate_state"),
        *_party("male"),
        *_party("female"),
        (~pl.col("has_error")).alias("error_free"),
    )
    return frame.to_pandas()
