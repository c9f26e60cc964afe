"""Party rules (ages, ID numbers, code tables) as polars expressions (see ``validation.rules``)."""

import polars as pl

from hunyin.codes import ethnic_groups, marital_statuses
from validation.catalog import limits, min_ages
from validation.frame_record import Check, reg_date

SEX_OF_ROLE = {"male": "男", "female": "女"}
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = r"^(\d{17}[\dX]|\d{15})$"


def _age(birth: pl.Expr) -> pl.Expr:
    """Whole years of age on the registration date."""

    def month_day(day: pl.Expr) -> pl.Expr:
        # month() is Int8: widen before scaling
        return day.dt.month().cast(pl.Int32) * 100 + day.dt.day().cast(pl.Int32)

    before_birthday = month_day(reg_date) < month_day(birth)
    return reg_date.dt.year() - birth.dt.year() - before_birthday.cast(pl.Int32)


def _minimum(role: str) -> pl.Expr:
    """The minimum marriage age of ``role`` in force on the registration date."""
    expr = pl.lit(None, pl.Int32)
    for era in min_ages():
        in_era = (reg_date >= era.valid_from) & (reg_date <= era.valid_to if era.valid_to else True)
        expr = pl.when(in_era).then(pl.lit(getattr(era, role), pl.Int32)).otherwise(expr)
    return expr


def _inside_birth_date(number: pl.Expr) -> pl.Expr:
    """The birth date inside a well-shaped number; null when it is not a real date."""
    digits = (
        pl.when(number.str.len_chars() == 18)
        .then(number.str.slice(6, 8))
        .otherwise(pl.lit("19") + number.str.slice(6, 6))
    )
    return digits.str.to_date("%Y%m%d", strict=False)


def _check_character(number: pl.Expr) -> pl.Expr:
    total = pl.sum_horizontal(
        [number.str.slice(i, 1).cast(pl.Int32) * w for i, w in enumerate(_WEIGHTS)]
    )
    return (total % 11).replace_strict(dict(enumerate(_CHECK)), return_dtype=pl.String)


def _id_checks(role: str) -> list[Check]:
    number, sex = pl.col(f"{role}_id_number"), pl.col(f"{role}_sex")
    birth = pl.col(f"{role}_birth_date")
    present = number.is_not_null() & (number != "")
    shaped = present & number.str.contains(_SHAPE)
    long = shaped & (number.str.len_chars() == 18)
    inside = pl.when(shaped).then(_inside_birth_date(number))
    parity = pl.when(long).then(number.str.slice(16, 1)).otherwise(number.str.slice(14, 1))
    sex_of = pl.when(parity.cast(pl.Int32) % 2 == 1).then(pl.lit("男")).otherwise(pl.lit("女"))
    return [
        ("id-shape", "id_number", role, present & ~number.str.contains(_SHAPE)),
        ("id-date", "id_number", role, shaped & inside.is_null()),
        (
            "id-check",
            "id_number",
            role,
            long & (pl.when(long).then(_check_character(number)) != number.str.slice(17, 1)),
        ),
        (
            "id-15-late",
            "id_number",
            role,
            shaped & (number.str.len_chars() == 15) & (reg_date >= limits()["id15_expired"]),
        ),
        ("id-birth-date", "birth_date", role, inside != birth),
        ("id-sex", "sex", role, shaped & (pl.when(shaped).then(sex_of) != sex)),
    ]


def party_checks(role: str) -> list[Check]:
    """Every party rule for ``role`` (``male`` or ``female``)."""
    birth, sex = pl.col(f"{role}_birth_date"), pl.col(f"{role}_sex")
    implausible = (birth >= reg_date) | (_age(birth) > limits()["oldest_party_age"])
    under_age = (
        (pl.col("record_type") == "marriage") & ~implausible & (_age(birth) < _minimum(role))
    )
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
