"""Reading an identity number that OCR may have garbled, confirmed by its check character.

A number that is already well formed is taken as printed. Otherwise every reading that swaps one
character for a known OCR confusion (or undoes one adjacent transposition) is tried; a reading is
kept only when the check character confirms it and its birth date and sex agree with the record.
Exactly one surviving reading is accepted; none or several means nobody can tell, so no key.
"""

import tomllib
from datetime import date
from functools import lru_cache
from importlib.resources import files

from hunyin.domain.idnumber import birth_date_of, is_valid, normalise, sex_of, upgrade


@lru_cache(maxsize=1)
def confusions() -> dict[str, str]:
    """Character read → the characters it may stand for (``linkage.toml``)."""
    text = files("warehouse.linkage").joinpath("linkage.toml").read_text(encoding="utf-8")
    table: dict[str, str] = tomllib.loads(text)["ocr_confusions"]
    return table


def _readings(number: str) -> set[str]:
    table = confusions()
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


def repaired_key(raw: str | None, *, birth_date: date | None, sex: str | None) -> str | None:
    """The 18-digit key of a printed number, repairing one OCR slip when exactly one fits."""
    if raw is None or not (number := "".join(raw.split())):
        return None
    if is_valid(normalise(number)):
        return upgrade(number)
    if len(number) != 18:
        # A 15-digit number has no check character: nothing can confirm a repair.
        return None
    fits = {
        r
        for r in map(normalise, _readings(number))
        if r and is_valid(r) and _agrees(r, birth_date, sex)
    }
    return fits.pop() if len(fits) == 1 else None
