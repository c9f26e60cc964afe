"""The minimum marriage ages by period of law, from ``hunyin/data/min_ages.csv``.

One table for everyone who applies them: the record rules of ``validation`` (scans and
ledgers) and the registry's rule periods, so a change in the law is one new row.
"""

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True, slots=True)
class MinAge:
    """The minimum ages of men and women over one period (both ends inclusive)."""

    valid_from: date
    valid_to: date | None
    male: int
    female: int
    citation: str
    summary: str

    def in_force(self, day: date) -> bool:
        """Whether the period covers ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@lru_cache(maxsize=1)
def min_ages() -> tuple[MinAge, ...]:
    """Minimum marriage ages by period, oldest first."""
    text = files("hunyin.data").joinpath("min_ages.csv").read_text(encoding="utf-8")
    return tuple(
        MinAge(
            valid_from=date.fromisoformat(r["valid_from"]),
            valid_to=date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
            male=int(r["male"]),
            female=int(r["female"]),
            citation=r["citation"],
            summary=r["summary"],
        )
        for r in csv.DictReader(text.splitlines())
    )


def min_age_on(day: date) -> MinAge | None:
    """The minimum ages in force on ``day``; ``None`` before the first marriage law."""
    return next((m for m in min_ages() if m.in_force(day)), None)
