"""Field values from their lines: clean-up, format rules, and a first confidence per field."""

import math

from hunyin.codes import ethnicity_synonyms
from hunyin.domain.text import halfwidth
from ocr import decoding, hukou, lexicon
from ocr.constrained import (
    CLOSED_FIELDS,
    constrained_number,
    repaired_old_number,
    weigh_date,
    weigh_surname,
    weigh_vocabulary,
)
from ocr.engines.base import PUNCTUATION, Box, TextLine
from ocr.forms import routing
from ocr.glyphs import simplify
from ocr.values import FieldValue, valid

# Underlines and specks read as punctuation at either end of a value.
_EDGE_JUNK = "_-—~.,，。、·'\"|:：「」『』【】/\\`"
# Fields whose value is found inside a line that may also carry seal lettering.
_FOUND_INSIDE = ("certificate_no", "office_name")
# Fields whose value is typed (a date): a reading that does not parse cannot stand as the value,
# so the field is left empty and the reading goes to the steward in the reason for the doubt.
_TYPED = ("birth_date", "registration_date")


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


def _vouched(name: str, chars: list[tuple[str, float]]) -> frozenset[int]:
    """Indices of characters that need no confident reading of their own: what the code tables
    vouch for in a hukou, and the zero circles of a date in Chinese numerals."""
    text = "".join(ch for ch, _ in chars)
    if name == "hukou":
        return hukou.vouched(text)
    if name in ("birth_date", "registration_date") and "年" in text:
        knobs = routing()
        return frozenset(
            i
            for i, (ch, score) in enumerate(chars)
            if ch in knobs["zero_glyphs"] and score >= knobs["zero_glyph_min_score"]
        )
    return frozenset()


def read_field(dotted: str, lines: list[TextLine] | None) -> FieldValue:
    """The value of one field from its cell; an empty cell gives ``None`` with full confidence.
    Its confidence is the least sure character that nothing else vouches for."""
    if not lines:
        return FieldValue(dotted, None, 1.0)
    name = dotted.rsplit(".", 1)[-1]
    used = lines if name == "hukou" else _value_lines(lines)
    chars = _characters(used)
    text = "".join(ch for ch, _ in chars)
    table = _table_hukou(used, text) if name == "hukou" else None
    if table is not None:
        chars, text = _respelled(chars, table[0]), table[0]
    vouched = _vouched(name, chars)
    unchecked = [s for i, (ch, s) in enumerate(chars) if i not in vouched and ch not in PUNCTUATION]
    sure = min(unchecked, default=min(ln.score for ln in used))
    result = FieldValue(dotted, None, sure, _region(used))
    result.value = valid(name, text)
    if name == "id_number" or name in _TYPED:
        steps = decoding.steps_of(used)
        alphabet = decoding.ID_SYMBOLS if name == "id_number" else decoding.DATE_SYMBOLS
        result.alternatives = decoding.nbest(steps, alphabet) if steps is not None else []
    if table is not None and not table[1] and not hukou.printed_only(table[2], table[0]):
        result.confidence = min(result.confidence, routing()["rescued_confidence"])
    if table is not None:
        result.note(
            "hukou-table", f"{dotted} read as {table[2]!r}; under the code tables {table[0]!r}"
        )
    if name in _TYPED:
        weigh_date(result, chars, text)
    if name == "name" and result.value is not None:
        weigh_surname(result, used, text)
    if name == "certificate_no" and result.value is None:
        constrained_number(result, used, text)
    if name == "certificate_no":
        repaired_old_number(result, used, text)
    if name in CLOSED_FIELDS:
        weigh_vocabulary(result, name, used, chars, text)
    if name == "hukou" and result.value is None:
        _placed_hukou(result, chars, text)
    if result.value is None and name in _TYPED:
        result.doubt("format", f"{dotted} read as {text!r}, which is no valid date")
    elif result.value is None:
        result.value = text or None
        result.doubt("format", f"{dotted} does not look like a valid value")
    elif _extra_text(name, text, result.value, lines[len(used) :]):
        result.doubt("extra-text", f"more text than expected beside the {dotted} label")
    elif name == "hukou" and (near := hukou.near_township(result.value)):
        result.doubt("hukou-township", f"{dotted}: township one character from {near}")
    elif name == "hukou" and hukou.wraps_unknown_township(result.value, _wraps(used)):
        # Doubted or not once the other party's hukou is read (``crosscheck.check_wraps``).
        result.cut_township = _filled(used)
    elif _uneven_pitch(used):
        result.doubt("char-count", f"{dotted} lines differ in spacing: a character may be missing")
    if name == "hukou":
        result.wrapped_lines = _filled(used)
    if name == "ethnicity" and result.value not in (None, text) and text in ethnicity_synonyms():
        # An unambiguous abbreviation or older name is no error; the written form stays on record.
        result.note("ethnicity-synonym", f"{dotted} written {text!r}, the table's {result.value}")
    return result


def _table_hukou(lines: list[TextLine], text: str) -> tuple[str, bool, str] | None:
    """The hukou as the code tables have it, when it is a slip away from the reading and the
    recogniser supports it (at most ``table_prior`` times less probable than the reading):
    the table reading, whether the recogniser backs it, and the reading. It backs it when it
    prefers it, and when one character of the township is put right that the recogniser saw
    as a real rival there (at most ``township_slip_prior`` times less probable): a township
    no longer in the table, written so, is read without the table's character in sight."""
    table = hukou.table_reading(text)
    steps = lexicon.steps_of(lines) if table is not None else None
    if table is None or steps is None:
        return None
    knobs = routing()
    gain = lexicon.log_probability(steps, table) - lexicon.log_probability(steps, text)
    if gain < math.log(knobs["table_prior"]):
        return None
    slip = hukou.township_slip(text, table) and gain >= math.log(knobs["township_slip_prior"])
    return table, gain >= 0.0 or slip, text


def _placed_hukou(result: FieldValue, chars: list[tuple[str, float]], text: str) -> None:
    """A hukou reading without the shape of one, placed under the place hierarchy (county,
    township, village committee from the code tables), the reading kept in the note. Where the
    tables changed only printed words, the value is as sure as the characters they do not
    vouch for, which are the reading's own (the village committee on); otherwise it is never
    sure enough to be accepted alone."""
    placed = hukou.place_reading(text)
    if placed is None:
        return
    result.value = placed.value
    if placed.printed_only:
        vouched = hukou.vouched(placed.value)
        offset = len(placed.value) - len(chars)
        own = [
            score
            for i, (ch, score) in enumerate(
                chars[len(chars) - placed.tail :], len(chars) - placed.tail
            )
            if i + offset not in vouched and ch not in PUNCTUATION
        ]
        result.confidence = min(own, default=result.confidence)
    else:
        result.confidence = min(result.confidence, routing()["rescued_confidence"])
    result.note(
        "hukou-places", f"{result.field} read as {text!r}; under the place tables {placed.value!r}"
    )


def _filled(lines: list[TextLine]) -> tuple[tuple[int, int], ...]:
    """The characters and width of each line of a value before it wraps onto the next."""
    return tuple((len(_characters([ln])), ln.box[2] - ln.box[0]) for ln in lines[:-1])


def _wraps(lines: list[TextLine]) -> list[int]:
    """Where each line after the first begins in the value's characters."""
    ends: list[int] = []
    for line in lines[:-1]:
        ends.append((ends[-1] if ends else 0) + len(_characters([line])))
    return ends


def _respelled(chars: list[tuple[str, float]], text: str) -> list[tuple[str, float]]:
    """The characters of ``text`` with the scores of the reading they replace, position by
    position (a character added or dropped shifts the rest; the scores stay in step)."""
    scores = [score for _, score in chars]
    low = min(scores, default=1.0)
    return [(ch, scores[i] if i < len(scores) else low) for i, ch in enumerate(text)]


def _extra_text(name: str, text: str, value: str, rest: list[TextLine]) -> bool:
    """True when the cell holds text beside the value that may belong to it. Left alone: a far
    line read as garbage (seal lettering), and one stray mark beside a value that is found
    inside its line by its shape, unless that mark could be a letter or digit of the value."""
    if any(ln.score >= routing()["debris_score"] for ln in rest):
        return True
    if name not in _FOUND_INSIDE or value == text or value not in text:
        # A value not found in the line was decoded from all of it: nothing is left over.
        return False
    left = text.replace(value, "", 1)
    return len(left) > 1 or (left.isascii() and left.isalnum())


def _uneven_pitch(lines: list[TextLine]) -> bool:
    """True when the lines of one wrapped value have clearly different widths per character:
    one value is written in one hand, so a wider pitch means a character was not read."""
    pitches = [(ln.box[2] - ln.box[0]) / len(ln.text) for ln in lines if len(ln.text) >= 4]
    return len(pitches) > 1 and max(pitches) > routing()["wrap_pitch_ratio"] * min(pitches)
