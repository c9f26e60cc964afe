"""Rest days and working days: weekends and the State Council's yearly holiday schedule.

A legal period whose last day is a rest day ends on the next working day (民法典 arts. 201,
203; 民发〔2020〕116号). The schedule is data (``hunyin/data/rest-days.csv``), one notice per
year; for a year it does not cover only weekends are known, and ``covered`` says so.
"""

import csv
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def _schedule() -> tuple[dict[date, str], frozenset[int]]:
    """Listed days (``holiday``/``workday``) and the years whose notice is in the file."""
    text = files("hunyin.data").joinpath("rest-days.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    days: dict[date, str] = {}
    years: set[int] = set()
    for row in csv.DictReader(lines):
        days[date.fromisoformat(row["day"])] = row["kind"]
        years.add(int(row["schedule_year"]))
    return days, frozenset(years)


def covered(day: date) -> bool:
    """Whether the holiday schedule of ``day``'s year is in the data."""
    return day.year in _schedule()[1]


def is_rest_day(day: date) -> bool:
    """A listed holiday, or a Saturday or Sunday not listed as a make-up working day."""
    kind = _schedule()[0].get(day)
    if kind is not None:
        return kind == "holiday"
    return day.weekday() >= 5


def working_day_on_or_after(day: date) -> date:
    """``day`` itself when it is a working day, else the next working day."""
    while is_rest_day(day):
        day += timedelta(days=1)
    return day


def period_end(start: date, days: int) -> date:
    """Last day of a period of ``days`` days counted from the day after ``start``, moved to the
    next working day when it falls on a rest day."""
    return working_day_on_or_after(start + timedelta(days=days))
