"""Choosing an ID number among the readings the engines produced, by its check character.

Only readings that an engine actually produced are candidates: a digit nobody read is never
invented, even when a single substitution would make the check character agree.
"""

import re
from dataclasses import dataclass

from hunyin.domain import idnumber
from hunyin.domain.text import compact
from ocr.forms import routing
from ocr.values import FieldValue


@dataclass(frozen=True, slots=True)
class Candidate:
    """One engine's reading of the ID number's region."""

    text: str
    score: float
    engine: str


def _normalise(text: str) -> str:
    """Upper case, × as X, without marks at either end (a label beside the number is read as
    dashes by an engine limited to digits); the characters in between are left as read."""
    number = (compact(text) or "").upper().replace("×", "X")
    return re.sub(r"^[^0-9X]+|[^0-9X]+$", "", number)


def _checked(text: str) -> bool:
    """An 18-character number whose check character and birth date hold."""
    return len(text) == 18 and idnumber.is_valid(text)


def _fits(text: str, birth: str | None, sex: str | None) -> bool:
    """True when the number's birth date and sequence parity agree with the form's (a field
    not read agrees with anything)."""
    inside = idnumber.birth_date_of(text)
    return (birth is None or (inside is not None and inside.isoformat() == birth)) and (
        sex is None or idnumber.sex_of(text) == sex
    )


def choose(
    value: FieldValue,
    others: list[Candidate],
    *,
    birth: str | None = None,
    sex: str | None = None,
) -> tuple[FieldValue, str | None]:
    """The ID field after weighing the second opinions and the readings decoded under the
    digits-and-X alphabet; also the engine whose reading won. Among several readings that
    pass the check character, the form's birth date and sex choose."""
    knobs = routing()
    constrained = [_normalise(text) for text, _ in value.alternatives]
    if value.value is None:
        return value, None
    seconds = {_normalise(c.text): c for c in others if _normalise(c.text)}
    agree = value.value in seconds
    if idnumber.is_valid(value.value):
        if _checked(value.value):
            value.confidence = max(value.confidence, knobs["id_checked_confidence"])
        # No check character in a 15-digit number: a second reading must agree, and the birth
        # date and sex it holds must be the ones the form gives apart (seven of its digits).
        confirmed = agree and (
            len(value.value) == 18
            or (birth is not None and sex is not None and _fits(value.value, birth, sex))
        )
        if confirmed:
            value.confidence = max(value.confidence, knobs["agreement_confidence"])
        elif len(value.value) == 15:
            value.doubt(
                "id-unconfirmed",
                "15-digit ID number not confirmed by a second reading, birth date and sex",
            )
        if not agree and any(_checked(text) for text in seconds):
            value.doubt("id-engines-disagree", "two engines read different valid ID numbers")
        if constrained and constrained[0] != value.value and _checked(constrained[0]):
            value.doubt("id-readings-disagree", "digit-only reading is another valid number")
        return value, None
    engines = {text: c.engine for text, c in seconds.items() if _checked(text)}
    valid = sorted(set(engines) | {t for t in constrained if _checked(t)})
    fitting = [t for t in valid if _fits(t, birth, sex)] if len(valid) > 1 else valid
    if len(fitting) == 1:
        # The check character (and the form's birth date and sex) pick a reading that an
        # engine produced; no digit is made up.
        chosen = fitting[0]
        value.value = chosen
        value.confidence = knobs["id_checked_confidence"]
        value.issues.clear()
        return value, engines.get(chosen)
    value.doubt("id-check", "ID number fails its check character or has no valid birth date")
    return value, None
