"""Identity numbers as polars expressions: ``hunyin.domain.idnumber`` for whole columns."""

import polars as pl

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def _check_character(first17: pl.Expr) -> pl.Expr:
    # Integer arithmetic on the 17 digits as one number: far quicker than 17 string slices.
    digits = first17.cast(pl.Int64, strict=False)
    total = pl.sum_horizontal((digits // 10 ** (16 - i)) % 10 * w for i, w in enumerate(_WEIGHTS))
    return (total % 11).replace_strict(dict(enumerate(_CHECK)), return_dtype=pl.Utf8)


def _well_shaped(column: str) -> pl.Expr:
    """17 digits and a check character, or 15 digits."""
    return pl.col(column).str.contains(r"^(\d{17}[\dX]|\d{15})$")


def _real_birth_date(column: str) -> pl.Expr:
    """The birth date inside a well-shaped number is a real date."""
    number = pl.col(column)
    inside = (
        pl.when(number.str.len_chars() == 18)
        .then(number.str.slice(6, 8))
        .otherwise("19" + number.str.slice(6, 6))
    )
    return inside.str.strptime(pl.Date, "%Y%m%d", strict=False).is_not_null()


def _check_fits(column: str) -> pl.Expr:
    """The check character of an 18-digit number fits its first 17 digits (15 have none)."""
    number = pl.col(column)
    fits = _check_character(number.str.slice(0, 17)) == number.str.slice(17, 1)
    return (number.str.len_chars() != 18) | fits


def is_valid(column: str) -> pl.Expr:
    """Well formed: shape, a real birth date, and for 18 digits the check character."""
    return _well_shaped(column) & _real_birth_date(column) & _check_fits(column)


def is_placeholder(column: str) -> pl.Expr:
    """``hunyin.domain.idnumber.is_placeholder``: zeros around a birth date, no number."""
    number = pl.col(column)
    long = number.str.len_chars() == 18
    outside = (
        pl.when(long)
        .then(number.str.slice(0, 6) + number.str.slice(14, 4))
        .otherwise(number.str.slice(0, 6) + number.str.slice(12, 3))
    )
    shaped = number.str.contains(r"^(\d{17}[\dX]|\d{15})$")
    zeros = outside.str.contains(r"^0+X?$") | (number.str.slice(0, 6) == "000000")
    return shaped & zeros


def upgrade(column: str) -> pl.Expr:
    """The 18-digit matching key: valid 18 digits as they are, valid 15 upgraded, else null;
    null for a placeholder too."""
    number = pl.col(column)
    first17 = number.str.slice(0, 6) + "19" + number.str.slice(6, 9)
    upgraded = (
        pl.when(number.str.len_chars() == 18)
        .then(number)
        .otherwise(first17 + _check_character(first17))
    )
    return pl.when(is_valid(column) & ~is_placeholder(column)).then(upgraded).otherwise(None)
