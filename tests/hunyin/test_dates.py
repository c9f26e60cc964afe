from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hunyin.domain.dates import age_on, parse_date


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


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(1990, 6, 1), date(2012, 6, 1), 22),  # the birthday itself counts
        (date(1990, 6, 1), date(2012, 5, 31), 21),
        (date(1990, 6, 1), date(2012, 6, 2), 22),
        (date(1992, 2, 29), date(2014, 2, 28), 21),  # a leap-day birth in a common year
        (date(1992, 2, 29), date(2014, 3, 1), 22),
        (date(1992, 2, 29), date(2016, 2, 29), 24),
        (date(1990, 12, 31), date(1991, 1, 1), 0),
    ],
)
def test_age_on(birth: date, day: date, age: int) -> None:
    assert age_on(birth, day) == age


def _anniversary(birth: date, years: int) -> date:
    """The day ``years`` after ``birth``; a 29 February birthday falls on 1 March."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return date(birth.year + years, 3, 1)


_DAYS = st.dates(date(1900, 1, 1), date(2100, 12, 31))


@given(_DAYS, _DAYS)
def test_age_on_is_the_anniversaries_passed(birth: date, day: date) -> None:
    if day < birth:
        birth, day = day, birth
    age = age_on(birth, day)
    assert _anniversary(birth, age) <= day < _anniversary(birth, age + 1)
