"""Choosing an ID number among the readings the engines produced, by its check character.

Only readings that an engine actually produced are candidates: a digit nobody read is never
invented, even when a single substitution would make the check character agree.
"""

import re
from dataclasses import dataclass

from hunyin.domain import idnumber
from hunyin.domain.text import compact
from ocr.fields import FieldValue
from ocr.forms import routing


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


def choose(value: FieldValue, others: list[Candidate]) -> tuple[FieldValue, str | None]:
    """The ID field after weighing the second opinions; also the engine whose reading won."""
    knobs = routing()
    if value.value is None:
        return value, None
    seconds = {_normalise(c.text): c for c in others if _normalise(c.text)}
    agree = value.value in seconds
    if idnumber.is_valid(value.value):
        if _checked(value.value):
            value.confidence = max(value.confidence, knobs["id_checked_confidence"])
        if agree:
            value.confidence = max(value.confidence, knobs["agreement_confidence"])
        elif len(value.value) == 15:
            # No check character: only a second engine's agreement makes it sure.
            value.doubt("id-unconfirmed", "15-digit ID number not confirmed by a second reading")
        if not agree and any(_checked(text) for text in seconds):
            value.doubt("id-engines-disagree", "two engines read different valid ID numbers")
        return value, None
    valid = [text for text in seconds if _checked(text)]
    if len(valid) == 1:
        # The check character picks the second engine's reading; no digit is made up.
        value.value = valid[0]
        value.confidence = knobs["id_checked_confidence"]
        value.issues.clear()
        return value, seconds[valid[0]].engine
    value.doubt("id-check", "ID number fails its check character or has no valid birth date")
    return value, None
