"""Party rules (ages, ID numbers, code tables) as polars expressions (see ``validation.rules``)."""

import polars as pl

from hunyin.codes import ethnic_groups, marital_statuses
from hunyin.domain import idcolumns
from hunyin.domain.law import min_ages
from validation.catalog import SEX_OF_ROLE, limits
from validation.frame_record import Check, between, reg_date


def _month_day(day: pl.Expr) -> pl.Expr:
    # month() is Int8: widen before scaling
    return day.dt.month().cast(pl.Int32) * 100 + day.dt.day().cast(pl.Int32)


def _age(birth: pl.Expr) -> pl.Expr:
    """Whole years of age on the registration date."""
    before_birthday = _month_day(reg_date) < _month_day(birth)
    return reg_date.dt.year() - birth.dt.year() - before_birthday.cast(pl.Int32)


def _minimum(role: str) -> pl.Expr:
    """The minimum marriage age of ``role`` in force on the registration date."""
    expr = pl.lit(None, pl.Int32)
    for period in min_ages():
        minimum = pl.lit(getattr(period, role), pl.Int32)
        expr = pl.when(between(period.valid_from, period.valid_to)).then(minimum).otherwise(expr)
    return expr


def party_helpers(role: str) -> list[list[pl.Expr]]:
    """Helper columns for ``role``: shaped number, birth date inside, check character, age."""
    column = f"{role}_id_number"
    number = pl.col(column)
    shaped = idcolumns.well_shaped(column).fill_null(False)
    long = pl.col(f"_{role}_shaped") & (number.str.len_chars() == 18)
    first17 = number.str.slice(0, 17)
    return [
        [shaped.alias(f"_{role}_shaped"), _age(pl.col(f"{role}_birth_date")).alias(f"_{role}_age")],
        [
            pl.when(pl.col(f"_{role}_shaped"))
            .then(idcolumns.inside_birth_date(column))
            .alias(f"_{role}_inside"),
            pl.when(long).then(idcolumns.check_character(first17)).alias(f"_{role}_check"),
        ],
    ]


def _id_checks(role: str) -> list[Check]:
    number, sex = pl.col(f"{role}_id_number"), pl.col(f"{role}_sex")
    shaped, inside = pl.col(f"_{role}_shaped"), pl.col(f"_{role}_inside")
    length = number.str.len_chars()
    parity = pl.when(length == 18).then(number.str.slice(16, 1)).otherwise(number.str.slice(14, 1))
    sex_of = (
        pl.when(parity.cast(pl.Int32, strict=False) % 2 == 1)
        .then(pl.lit("男"))
        .otherwise(pl.lit("女"))
    )
    # A placeholder (zeros around the birth date, back-filled) is no number: nothing to check.
    real = ~idcolumns.is_placeholder(f"{role}_id_number").fill_null(False)
    checks: list[Check] = [
        ("id-shape", "id_number", role, (number != "") & ~shaped),
        ("id-date", "id_number", role, shaped & inside.is_null()),
        ("id-check", "id_number", role, pl.col(f"_{role}_check") != number.str.slice(17, 1)),
        (
            "id-15-late",
            "id_number",
            role,
            shaped & (length == 15) & (reg_date >= limits()["id15_expired"]),
        ),
        ("id-birth-date", "birth_date", role, inside != pl.col(f"{role}_birth_date")),
        ("id-sex", "sex", role, shaped & (pl.when(shaped).then(sex_of) != sex)),
    ]
    return [(rule, field, who, condition & real) for rule, field, who, condition in checks]


def party_checks(role: str) -> list[Check]:
    """Every party rule for ``role`` (``male`` or ``female``)."""
    birth, sex, age = pl.col(f"{role}_birth_date"), pl.col(f"{role}_sex"), pl.col(f"_{role}_age")
    implausible = (birth >= reg_date) | (age > limits()["oldest_party_age"])
    under_age = (pl.col("record_type") == "marriage") & ~implausible & (age < _minimum(role))
    ethnicity, status = pl.col(f"{role}_ethnicity"), pl.col(f"{role}_prior_status")
    return [
        ("party-required", "name", role, pl.col(f"{role}_name").is_null()),
        ("party-required", "birth_date", role, birth.is_null()),
        ("sex-value", "sex", role, sex != SEX_OF_ROLE[role]),
        ("birth-plausible", "birth_date", role, implausible),
        ("min-age", "birth_date", role, under_age),
        *_id_checks(role),
        ("ethnicity-code", "ethnicity", role, ~ethnicity.is_in(list(ethnic_groups()))),
        ("prior-status-code", "prior_status", role, ~status.is_in(list(marital_statuses()))),
    ]
