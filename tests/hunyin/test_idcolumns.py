import re

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from hunyin.domain import idnumber
from hunyin.domain.idcolumns import (
    check_character,
    inside_birth_date,
    is_valid,
    upgrade,
    well_shaped,
)

NUMBERS = [
    "532301199111152090",
    "532301199111152091",
    "53230119911115209X",
    "532301911115209",
    "532301911315209",
    "532301199113152090",
    "5323011991111520",
    "53230A199111152090",
    "",
    None,
]


def test_matches_the_domain_functions() -> None:
    frame = pl.DataFrame({"n": NUMBERS}, schema={"n": pl.Utf8}).with_columns(
        is_valid("n").alias("valid"), upgrade("n").alias("key")
    )
    for number, valid, key in frame.iter_rows():
        assert bool(valid) == idnumber.is_valid(number), number
        assert key == idnumber.upgrade(number), number


def test_fifteen_and_eighteen_digits_share_a_key() -> None:
    frame = pl.DataFrame({"n": ["532301911115209", idnumber.upgrade("532301911115209")]})
    keys = frame.select(upgrade("n"))["n"].to_list()
    assert keys[0] == keys[1] is not None


@given(st.lists(st.text(alphabet="0123456789", min_size=17, max_size=17), min_size=1, max_size=50))
def test_check_character_of_a_column_is_the_scalar_one(numbers: list[str]) -> None:
    frame = pl.DataFrame({"n": numbers}).select(check_character(pl.col("n")))
    assert frame["n"].to_list() == [idnumber.check_character(n) for n in numbers]


@given(st.lists(st.one_of(st.none(), st.text(alphabet="0123456789X", max_size=19)), max_size=50))
def test_shape_and_birth_date_are_the_scalar_ones(numbers: list[str | None]) -> None:
    frame = pl.DataFrame({"n": numbers}, schema={"n": pl.Utf8}).select(
        well_shaped("n").alias("shaped"), inside_birth_date("n").alias("born")
    )
    for number, shaped, born in zip(numbers, frame["shaped"], frame["born"], strict=True):
        if number is None:
            assert shaped is None
            continue
        assert shaped == bool(re.fullmatch(idnumber.ID_SHAPE, number))
        if shaped:
            assert born == idnumber.birth_date_of(number)
