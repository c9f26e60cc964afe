"""The law's dated tables: the minimum marriage ages by period (``hunyin/data/min_ages.csv``)
and who may declare a marriage void or annul it in which period
(``hunyin/data/event-authorities.csv``).

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


# The authority names a decision's document or issuer points to. A document's own name says
# who issues it (判决书 and 调解书 are a court's, 决定书 a registry office's).
AUTHORITY_NAMES = {"court": "人民法院", "registry": "婚姻登记机关"}
_AUTHORITY_WORDS = {
    "court": ("法院", "判决", "调解", "裁定"),
    "registry": ("民政", "婚姻登记", "决定书"),
}


@dataclass(frozen=True, slots=True)
class EventAuthority:
    """An authority that may decide an event of ``event_type`` over one period."""

    event_type: str
    authority: str
    valid_from: date
    valid_to: date | None
    citation: str

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@lru_cache(maxsize=1)
def event_authorities() -> tuple[EventAuthority, ...]:
    """Who may declare a marriage void or annul it, by period."""
    text = files("hunyin.data").joinpath("event-authorities.csv").read_text(encoding="utf-8")
    return tuple(
        EventAuthority(
            event_type=r["type"],
            authority=r["authority"],
            valid_from=date.fromisoformat(r["valid_from"]),
            valid_to=date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
            citation=r["citation"],
        )
        for r in csv.DictReader(text.splitlines())
    )


def decided_by(text: str | None) -> str | None:
    """``court`` or ``registry`` when ``text`` (a document's name or its issuer) names one
    of them alone, else None."""
    if not text:
        return None
    found = {a for a, words in _AUTHORITY_WORDS.items() if any(w in text for w in words)}
    return found.pop() if len(found) == 1 else None


def authorities_on(event_type: str, day: date) -> list[EventAuthority]:
    """The authorities that may decide ``event_type`` on ``day``; empty for an event type the
    table does not restrict."""
    return [a for a in event_authorities() if a.event_type == event_type and a.in_force(day)]


def restricted(event_type: str) -> bool:
    """Whether the table says who may decide ``event_type``."""
    return any(a.event_type == event_type for a in event_authorities())
