"""A field as read (its value, confidence, region and doubts) and the shape each field's value
must have."""

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from hunyin.codes import ethnic_groups, ethnicity_synonyms, marital_statuses, offices
from hunyin.domain.dates import parse_date
from hunyin.domain.idnumber import ID_SHAPE
from hunyin.schema import Issue
from ocr import certno, hukou
from ocr.engines.base import Box
from ocr.forms import routing

_PERSON_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")
_CJK_TEXT = re.compile(r"^[\u4e00-\u9fff]{1,12}$")
_ID_SHAPE = re.compile(ID_SHAPE)
_EARLIEST = date(1900, 1, 1)


@dataclass(slots=True)
class FieldValue:
    """One field as read: the value (dates in ISO), how sure, from where, and what is wrong."""

    field: str
    value: str | None
    confidence: float
    region: Box | None = None
    issues: list[Issue] = dataclasses.field(default_factory=list)
    # Readings of the field decoded under its own alphabet, most probable first, each with
    # its share of the probability (empty where the engine gave no per-step probabilities).
    alternatives: list[tuple[str, float]] = dataclasses.field(default_factory=list)
    # A typed value taken from a constrained reading: every valid value one character from the
    # plain reading (changed, added or dropped), each with the least sure character it keeps.
    slips: dict[str, float] = dataclasses.field(default_factory=dict)
    # A hukou whose township, not in the table, a line wrap cuts: the characters and width in
    # pixels of each line before a wrap, for ``crosscheck.check_wraps`` to weigh.
    cut_township: tuple[tuple[int, int], ...] = ()
    # Those of any hukou that wraps, township cut or not.
    wrapped_lines: tuple[tuple[int, int], ...] = ()

    def doubt(
        self, rule: str, message: str, *, severity: Literal["error", "anomaly"] = "error"
    ) -> None:
        """Mark the value as doubtful: a reason for review and no confidence to accept it."""
        self.issues.append(Issue(field=self.field, rule=rule, message=message, severity=severity))
        self.confidence = min(self.confidence, 0.5)

    def note(self, rule: str, message: str) -> None:
        """Record how the value was read (a warning: its confidence decides, not the note)."""
        self.issues.append(Issue(field=self.field, rule=rule, message=message, severity="warning"))


def valid(name: str, text: str) -> str | None:
    """The normalised value when ``text`` has the shape of field ``name``, else ``None``."""
    if name in ("name", "registrar"):
        return text if _PERSON_NAME.match(text) else None
    if name == "sex":
        return text if text in ("男", "女") else None
    if name in ("birth_date", "registration_date"):
        day = parse_date(text)
        return day.isoformat() if day and _EARLIEST <= day <= date.today() else None
    if name == "ethnicity":
        return text if text in ethnic_groups() else ethnicity_synonyms().get(text)
    if name == "education":
        return text if text in routing()["education"] else None
    if name == "prior_status":
        return text if text in marital_statuses() else None
    if name == "occupation":
        return text if _CJK_TEXT.match(text) else None
    if name == "hukou":
        return text if hukou.match(text) else None
    if name == "office_name":
        return next((o.name for o in offices() if o.name in text), None)
    if name == "certificate_no":
        return certno.find(text)
    if name == "id_number":
        number = text.upper().replace("×", "X")
        return number if _ID_SHAPE.match(number) else None
    return text
