from datetime import date

import pytest

from hunyin.domain.dates import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1987-03-18", date(1987, 3, 18)),
        ("1987.03.18", date(1987, 3, 18)),
        ("19870318", date(1987, 3, 18)),
        ("1987年03月18日", date(1987, 3, 18)),
        ("1987年3月8日", date(1987, 3, 8)),
        ("１９８７－０３－１８", date(1987, 3, 18)),
        ("一九八七年三月十八日", date(1987, 3, 18)),
        ("一九四七年十二月二十六日", date(1947, 12, 26)),
        ("一九七〇年十月三十一日", date(1970, 10, 31)),
        ("一九七七年七月十六日", date(1977, 7, 16)),
        ("1987-02-30", None),
        ("", None),
        (None, None),
        ("no date", None),
    ],
)
def test_parse_date(text: str | None, expected: date | None) -> None:
    assert parse_date(text) == expected
