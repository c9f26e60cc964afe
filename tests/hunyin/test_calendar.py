"""The rest-day calendar: weekends, the State Council's holidays and make-up working days."""

from datetime import date, timedelta

import pytest

from hunyin.domain.calendar import covered, is_rest_day, period_end, working_day_on_or_after


@pytest.mark.parametrize(
    ("day", "rest"),
    [
        (date(2023, 2, 5), True),  # a plain Sunday
        (date(2023, 2, 6), False),  # a plain Monday
        (date(2024, 10, 1), True),  # National Day
        (date(2024, 10, 7), True),  # the last day of the National Day week (a Monday)
        (date(2024, 10, 12), False),  # a make-up working Saturday
        (date(2024, 9, 29), False),  # a make-up working Sunday
        (date(2025, 10, 8), True),  # 2025: National Day and Mid-Autumn together, 8 days
        (date(2025, 1, 28), True),  # Spring Festival eve 2025
        (date(2021, 9, 18), False),  # 2021 make-up Saturday before Mid-Autumn
        (date(2023, 4, 5), True),  # 清明 on a Wednesday
    ],
)
def test_rest_days(day: date, rest: bool) -> None:
    assert is_rest_day(day) is rest


def test_every_year_from_2021_is_covered() -> None:
    assert all(covered(date(year, 6, 1)) for year in range(2021, 2027))
    assert not covered(date(2020, 6, 1))


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (date(2023, 3, 1), 30, date(2023, 3, 31)),  # a Friday: as counted
        (date(2023, 1, 6), 30, date(2023, 2, 6)),  # the last day a Sunday: the Monday
        (date(2023, 1, 5), 30, date(2023, 2, 6)),  # the last day a Saturday
        (date(2024, 9, 1), 30, date(2024, 10, 8)),  # inside the National Day week
        (date(2024, 9, 12), 30, date(2024, 10, 12)),  # a make-up working Saturday stays
        (date(2023, 3, 31), 30, date(2023, 5, 4)),  # inside the Labour Day holiday
    ],
)
def test_period_end(start: date, days: int, end: date) -> None:
    assert period_end(start, days) == end


def test_working_day_on_or_after_a_working_day_is_itself() -> None:
    assert working_day_on_or_after(date(2023, 2, 6)) == date(2023, 2, 6)


# The 2026 notice (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04), item by item:
# days off, and the weekend days worked.
NOTICE_2026 = [
    ("元旦", (date(2026, 1, 1), date(2026, 1, 3)), [date(2026, 1, 4)]),
    ("春节", (date(2026, 2, 15), date(2026, 2, 23)), [date(2026, 2, 14), date(2026, 2, 28)]),
    ("清明节", (date(2026, 4, 4), date(2026, 4, 6)), []),
    ("劳动节", (date(2026, 5, 1), date(2026, 5, 5)), [date(2026, 5, 9)]),
    ("端午节", (date(2026, 6, 19), date(2026, 6, 21)), []),
    ("中秋节", (date(2026, 9, 25), date(2026, 9, 27)), []),
    ("国庆节", (date(2026, 10, 1), date(2026, 10, 7)), [date(2026, 9, 20), date(2026, 10, 10)]),
]


@pytest.mark.parametrize(("name", "off", "worked"), NOTICE_2026, ids=[n for n, _, _ in NOTICE_2026])
def test_2026_follows_the_notice(name: str, off: tuple[date, date], worked: list[date]) -> None:
    first, last = off
    span = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    assert all(is_rest_day(day) for day in span), name
    assert not any(is_rest_day(day) for day in worked), name


def test_2026_lists_nothing_beyond_the_notice() -> None:
    listed = {
        first + timedelta(days=i)
        for _, (first, last), _ in NOTICE_2026
        for i in range((last - first).days + 1)
    } | {day for _, _, worked in NOTICE_2026 for day in worked}
    year = [date(2026, 1, 1) + timedelta(days=i) for i in range(365)]
    # every other day of 2026 is a rest day exactly when it is a Saturday or Sunday
    assert all(is_rest_day(day) == (day.weekday() >= 5) for day in year if day not in listed)
