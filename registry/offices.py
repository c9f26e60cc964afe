"""Office facts for jurisdiction: which office serves a county, renamed offices, regions."""

from datetime import date

from hunyin.codes import county_stem as _county_stem
from hunyin.codes import office_by_code, office_for_county_on


def serving_office(county_code: str | None, day: date) -> str | None:
    """The office serving a county (by its code, old or new) on ``day``; None outside ours."""
    office = office_by_code(county_code) if county_code else None
    if office is None:
        return None
    current = office_for_county_on(_county_stem(office), day)
    return current.code if current else office.code


def same_office(a: str | None, b: str | None) -> bool:
    """Whether two codes name one office (equal, or the same county renamed)."""
    if a is None or b is None:
        return False
    if a == b:
        return True
    first, second = office_by_code(a), office_by_code(b)
    return first is not None and second is not None and _county_stem(first) == _county_stem(second)


def in_region(code: str | None, prefix: str) -> bool:
    """Whether a 6-digit administrative code lies in the region with that code prefix."""
    return bool(code) and str(code).startswith(prefix)


def office_level(code: str) -> str | None:
    """``county`` or ``township`` for our offices, None for an unknown code."""
    office = office_by_code(code)
    return office.level if office else None
