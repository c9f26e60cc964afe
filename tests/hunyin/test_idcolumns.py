import polars as pl

from hunyin.domain import idnumber
from hunyin.domain.idcolumns import is_valid, upgrade

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
