"""Reading an identity number that OCR may have garbled, confirmed by its check character.

A number that is already well formed is taken as printed. Otherwise every reading that swaps one
character for a known OCR confusion (or undoes one adjacent transposition) is tried; a reading is
kept only when the check character confirms it and its birth date and sex agree with the record.
When several readings survive, the one already known to the store as another party's number is
taken; otherwise nobody can tell, and the party gets no key. A placeholder (zeros around a birth
date, domain.md) is no number, and no repair of one is either: it never becomes a key.
"""

from collections.abc import Container
from datetime import date

from hunyin.domain.idnumber import (
    birth_date_of,
    is_placeholder,
    is_valid,
    normalise,
    sex_of,
    upgrade,
)
from warehouse.linkage.config import linkage_config


def _readings(number: str) -> set[str]:
    table: dict[str, str] = linkage_config()["ocr_confusions"]
    out: set[str] = set()
    for i, ch in enumerate(number):
        for alt in table.get(ch, ""):
            out.add(number[:i] + alt + number[i + 1 :])
    for i in range(len(number) - 1):
        out.add(number[:i] + number[i + 1] + number[i] + number[i + 2 :])
    return out


def _agrees(number: str, birth_date: date | None, sex: str | None) -> bool:
    if birth_date is not None and birth_date_of(number) != birth_date:
        return False
    return sex is None or sex_of(number) == sex


def readings(raw: str | None, *, birth_date: date | None, sex: str | None) -> set[str]:
    """The 18-digit keys a printed number may stand for: itself when well formed, else the
    one-slip readings that the check character, birth date and sex confirm."""
    if raw is None or not (number := "".join(raw.split())) or is_placeholder(number):
        return set()
    if is_valid(normalise(number)):
        return {key} if (key := upgrade(number)) else set()
    if len(number) != 18:
        # A 15-digit number has no check character: nothing can confirm a repair.
        return set()
    return {
        r
        for r in map(normalise, _readings(number))
        if r and is_valid(r) and not is_placeholder(r) and _agrees(r, birth_date, sex)
    }


def choose(fits: set[str], *, known: Container[str]) -> str | None:
    """The one reading that fits, or the one of several that the store already knows."""
    if len(fits) == 1:
        return next(iter(fits))
    held = [r for r in fits if r in known]
    return held[0] if len(held) == 1 else None
