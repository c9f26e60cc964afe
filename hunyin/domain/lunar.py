"""Birth dates kept by the lunar calendar (农历): conversion to the civil (solar) date and back.

Clerks wrote many older birth dates as the family kept them, by the lunar calendar, sometimes
marked (农历一九四六年十月十二日), mostly not. A marked one is converted on import; an unmarked
one cannot be told from a solar date, so linkage compares dates both ways.
"""

import re
from contextlib import suppress
from datetime import date
from functools import lru_cache

from lunardate import LunarDate

from hunyin.domain.dates import parse_date

# The years the conversion tables cover.
_FIRST, _LAST = 1900, 2099
LUNAR_MARK = r"^\s*(?:农历|阴历|農曆|陰曆)"
_MARK = re.compile(LUNAR_MARK + r"\s*")


@lru_cache(maxsize=1 << 16)
def lunar_to_solar(day: date | None) -> date | None:
    """The solar date of a lunar year/month/day written as ``day`` (non-leap month), or ``None``
    when no such lunar date exists (a 30th in a short month) or it lies outside the tables."""
    if day is None or not _FIRST <= day.year <= _LAST:
        return None
    try:
        solar: date = LunarDate(day.year, day.month, day.day).to_solar_date()
    except ValueError:
        return None
    return solar


@lru_cache(maxsize=1 << 16)
def lunar_readings(day: date) -> frozenset[date]:
    """Every civil date a lunar date written as ``day`` may be: its month, or the leap month
    of the same number in a year that has one (written alike)."""
    found = {d} if (d := lunar_to_solar(day)) is not None else set()
    if _FIRST <= day.year <= _LAST:
        with suppress(ValueError):  # no leap month of that number that year
            found.add(LunarDate(day.year, day.month, day.day, True).to_solar_date())
    return frozenset(found)


@lru_cache(maxsize=1 << 16)
def solar_to_lunar(day: date) -> date | None:
    """The lunar year/month/day of a solar date, written as a date (a leap month as its month)."""
    if not _FIRST < day.year <= _LAST:
        return None
    lunar = LunarDate.from_solar_date(day.year, day.month, day.day)
    try:
        return date(lunar.year, lunar.month, lunar.day)
    except ValueError:
        return None


def is_marked_lunar(text: str | None) -> bool:
    """Whether a written date says it is lunar (农历, 阴历)."""
    return bool(text) and _MARK.match(text or "") is not None


def parse_marked_lunar(text: str | None) -> date | None:
    """The solar date of a written date marked lunar; ``None`` for any other text."""
    if not text or not is_marked_lunar(text):
        return None
    return lunar_to_solar(parse_date(_MARK.sub("", text)))
