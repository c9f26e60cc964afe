"""Surnames from a frequency table (``surnames.csv``: the most common surnames of the country,
those of the Yi and other peoples common in the prefecture, and the compound ones)."""

import csv
from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Every surname of the table."""
    text = files("ocr.data").joinpath("surnames.csv").read_text(encoding="utf-8")
    return frozenset(row["surname"] for row in csv.DictReader(text.splitlines()))


def surname_of(name: str) -> str | None:
    """The table's surname a name opens with (compound surnames first), or ``None``."""
    for length in (2, 1):
        if len(name) > length and name[:length] in surnames():
            return name[:length]
    return None
