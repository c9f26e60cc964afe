from datetime import date, timedelta
from itertools import pairwise

from hunyin.domain.law import min_age_on, min_ages


def test_periods_follow_each_other_without_gap_or_overlap() -> None:
    periods = min_ages()
    assert periods[0].valid_from == date(1950, 5, 1)  # the first marriage law
    assert periods[-1].valid_to is None
    for earlier, later in pairwise(periods):
        assert earlier.valid_to is not None
        assert later.valid_from == earlier.valid_to + timedelta(days=1)


def test_the_ages_in_force_at_each_boundary() -> None:
    assert min_age_on(date(1950, 4, 30)) is None
    first = min_age_on(date(1950, 5, 1))
    assert first is not None and (first.male, first.female) == (20, 18)
    last_of_1950_law = min_age_on(date(1980, 12, 31))
    assert last_of_1950_law is not None and (last_of_1950_law.male, last_of_1950_law.female) == (
        20,
        18,
    )
    for day in (date(1981, 1, 1), date(2020, 12, 31), date(2021, 1, 1), date(2030, 1, 1)):
        era = min_age_on(day)
        assert era is not None and (era.male, era.female) == (22, 20)
    code = min_age_on(date(2021, 1, 1))
    assert code is not None and "民法典" in code.citation
