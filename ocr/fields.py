"""Field values from their lines: clean-up, format rules, and a first confidence per field."""

import dataclasses
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from hunyin.codes import ethnic_groups, marital_statuses, offices
from hunyin.domain.dates import parse_date
from hunyin.domain.text import halfwidth
from hunyin.schema import Issue
from ocr import certno
from ocr.engines.base import PUNCTUATION, Box, TextLine
from ocr.forms import routing
from ocr.glyphs import simplify

_PERSON_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")
_CJK_TEXT = re.compile(r"^[\u4e00-\u9fff]{1,12}$")
_ID_SHAPE = re.compile(r"^(\d{17}[\dX]|\d{15})$")
_EARLIEST = date(1900, 1, 1)
# Underlines and specks read as punctuation at either end of a value.
_EDGE_JUNK = "_-—~.,，。、·'\"|:："
# Fields whose value is found inside a line that may also carry seal lettering.
_FOUND_INSIDE = ("certificate_no", "office_name")


@dataclass(slots=True)
class FieldValue:
    """One field as read: the value (dates in ISO), how sure, from where, and what is wrong."""

    field: str
    value: str | None
    confidence: float
    region: Box | None = None
    issues: list[Issue] = dataclasses.field(default_factory=list)

    def doubt(
        self, rule: str, message: str, *, severity: Literal["error", "anomaly"] = "error"
    ) -> None:
        """Mark the value as doubtful: a reason for review and no confidence to accept it."""
        self.issues.append(Issue(field=self.field, rule=rule, message=message, severity=severity))
        self.confidence = min(self.confidence, 0.5)


@lru_cache(maxsize=1)
def _counties() -> frozenset[str]:
    return frozenset(o.county for o in offices())


def _region(lines: list[TextLine]) -> Box:
    return (
        min(ln.box[0] for ln in lines),
        min(ln.box[1] for ln in lines),
        max(ln.box[2] for ln in lines),
        max(ln.box[3] for ln in lines),
    )


def _value_lines(lines: list[TextLine]) -> list[TextLine]:
    """The first line and its neighbours on the same row with no wide gap between them: seal
    lettering further along the row is left out (and makes the field doubtful)."""
    used = [lines[0]]
    for line in lines[1:]:
        last = used[-1]
        same_row = abs(line.cy - last.cy) < 0.5 * max(last.height, 1)
        if not same_row or line.box[0] - last.box[2] > 1.5 * max(last.height, 1):
            break
        used.append(line)
    return used


def _valid(name: str, text: str) -> str | None:
    """The normalised value when ``text`` has the shape of field ``name``, else ``None``."""
    if name in ("name", "registrar"):
        return text if _PERSON_NAME.match(text) else None
    if name == "sex":
        return text if text in ("男", "女") else None
    if name in ("birth_date", "registration_date"):
        day = parse_date(text)
        return day.isoformat() if day and _EARLIEST <= day <= date.today() else None
    if name == "ethnicity":
        return text if text in ethnic_groups() else None
    if name == "education":
        return text if text in routing()["education"] else None
    if name == "prior_status":
        return text if text in marital_statuses() else None
    if name == "occupation":
        return text if _CJK_TEXT.match(text) else None
    if name == "hukou":
        match = re.match(routing()["hukou_pattern"], text)
        return text if match and match["county"] in _counties() else None
    if name == "office_name":
        return next((o.name for o in offices() if o.name in text), None)
    if name == "certificate_no":
        return certno.find(text)
    if name == "id_number":
        number = text.upper().replace("×", "X")
        return number if _ID_SHAPE.match(number) else None
    return text


def _characters(lines: list[TextLine]) -> list[tuple[str, float]]:
    """The characters of the lines, half-width and simplified, each with its score (the line's
    score where the engine gave none), without spaces and edge specks."""
    chars: list[tuple[str, float]] = []
    for line in lines:
        scores = line.char_scores if len(line.char_scores) == len(line.text) else ()
        for index, ch in enumerate(line.text):
            normal = simplify(halfwidth(ch))
            if not normal.isspace():
                chars.append((normal, scores[index] if scores else line.score))
    while chars and chars[0][0] in _EDGE_JUNK:
        chars.pop(0)
    while chars and chars[-1][0] in _EDGE_JUNK:
        chars.pop()
    return chars


def _checked_prefix(name: str, text: str) -> int:
    """How many leading characters a code table vouches for: province, prefecture and county
    of a hukou (a misread there breaks the shape instead)."""
    if name != "hukou":
        return 0
    match = re.match(routing()["hukou_pattern"], text)
    return match.end("county") if match else 0


def read_field(dotted: str, lines: list[TextLine] | None) -> FieldValue:
    """The value of one field from its cell; an empty cell gives ``None`` with full confidence.
    Its confidence is the least sure character that nothing else vouches for."""
    if not lines:
        return FieldValue(dotted, None, 1.0)
    name = dotted.rsplit(".", 1)[-1]
    used = lines if name == "hukou" else _value_lines(lines)
    chars = _characters(used)
    text = "".join(ch for ch, _ in chars)
    unchecked = [s for ch, s in chars[_checked_prefix(name, text) :] if ch not in PUNCTUATION]
    sure = min(unchecked, default=min(ln.score for ln in used))
    result = FieldValue(dotted, None, sure, _region(used))
    result.value = _valid(name, text)
    if result.value is None:
        result.value = text or None
        result.doubt("format", f"{dotted} does not look like a valid value")
    elif len(used) < len(lines) or (name in _FOUND_INSIDE and result.value != text):
        result.doubt("extra-text", f"more text than expected beside the {dotted} label")
    elif _uneven_pitch(used):
        result.doubt("char-count", f"{dotted} lines differ in spacing: a character may be missing")
    return result


def _uneven_pitch(lines: list[TextLine]) -> bool:
    """True when the lines of one wrapped value have clearly different widths per character:
    one value is written in one hand, so a wider pitch means a character was not read."""
    pitches = [(ln.box[2] - ln.box[0]) / len(ln.text) for ln in lines if len(ln.text) >= 4]
    return len(pitches) > 1 and max(pitches) > routing()["wrap_pitch_ratio"] * min(pitches)
