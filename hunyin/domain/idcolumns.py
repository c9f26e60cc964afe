"""Identity numbers as polars expressions: ``hunyin.domain.idnumber`` for whole columns."""

import polars as pl

from hunyin.domain.idnumber import CHECK_CHARACTERS, ID_SHAPE, WEIGHTS


def check_character(first17: pl.Expr) -> pl.Expr:
    """The check character of 17 digits (callers check the shape first: see ``is_valid``)."""
    # Integer arithmetic on the 17 digits as one number: far quicker than 17 string slices.
    digits = first17.cast(pl.Int64, strict=False)
    total = pl.sum_horizontal((digits // 10 ** (16 - i)) % 10 * w for i, w in enumerate(WEIGHTS))
    return (total % 11).replace_strict(dict(enumerate(CHECK_CHARACTERS)), return_dtype=pl.Utf8)


def well_shaped(column: str) -> pl.Expr:
    """17 digits and a check character, or 15 digits (null stays null)."""
    return pl.col(column).str.contains(ID_SHAPE)


def inside_birth_date(column: str) -> pl.Expr:
    """The birth date inside a well-shaped number; null when it is not a real date."""
    number = pl.col(column)
    inside = (
        pl.when(number.str.len_chars() == 18)
        .then(number.str.slice(6, 8))
        .otherwise("19" + number.str.slice(6, 6))
    )
    return inside.str.strptime(pl.Date, "%Y%m%d", strict=False)


def _check_fits(column: str) -> pl.Expr:
    """The check character of an 18-digit number fits its first 17 digits (15 have none)."""
    number = pl.col(column)
    fits = check_character(number.str.slice(0, 17)) == number.str.slice(17, 1)
    return (number.str.len_chars() != 18) | fits


def is_valid(column: str) -> pl.Expr:
    """Well formed: shape, a real birth date, and for 18 digits the check character."""
    return well_shaped(column) & inside_birth_date(column).is_not_null() & _check_fits(column)


def upgrade(column: str) -> pl.Expr:
    """The 18-digit matching key: valid 18 digits as they are, valid 15 upgraded, else null."""
    number = pl.col(column)
    first17 = number.str.slice(0, 6) + "19" + number.str.slice(6, 9)
    upgraded = (
        pl.when(number.str.len_chars() == 18)
        .then(number)
        .otherwise(first17 + check_character(first17))
    )
    return pl.when(is_valid(column)).then(upgraded).otherwise(None)
