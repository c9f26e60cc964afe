"""Field values from their lines: clean-up, format rules, and a first confidence per field."""

import dataclasses
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from hunyin.codes import ethnic_groups, ethnicity_synonyms, marital_statuses, offices
from hunyin.domain.dates import parse_date
from hunyin.domain.idnumber import ID_SHAPE
from hunyin.domain.text import halfwidth
from hunyin.schema import Issue
from ocr import certno, decoding, hukou, lexicon, surnames
from ocr.engines.base import PUNCTUATION, Box, TextLine
from ocr.forms import routing
from ocr.glyphs import simplify

_PERSON_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")
_CJK_TEXT = re.compile(r"^[\u4e00-\u9fff]{1,12}$")
_ID_SHAPE = re.compile(ID_SHAPE)
_EARLIEST = date(1900, 1, 1)
# Underlines and specks read as punctuation at either end of a value.
_EDGE_JUNK = "_-—~.,，。、·'\"|:：「」『』【】/\\`"
# Fields whose value is found inside a line that may also carry seal lettering.
_FOUND_INSIDE = ("certificate_no", "office_name")
# Fields whose value is typed (a date): a reading that does not parse cannot stand as the value,
# so the field is left empty and the reading goes to the steward in the reason for the doubt.
_TYPED = ("birth_date", "registration_date")


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
    result.value = _valid(name, text)
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
        _weigh_date(result, chars, text)
    if name == "name" and result.value is not None:
        _weigh_surname(result, used, text)
    if name == "certificate_no" and result.value is None:
        _constrained_number(result, used, text)
    if name == "certificate_no":
        _repaired_old_number(result, used, text)
    if name in CLOSED_FIELDS:
        _weigh_vocabulary(result, name, used, chars, text)
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
    the table reading, whether the recogniser itself prefers it, and the reading."""
    table = hukou.table_reading(text)
    steps = lexicon.steps_of(lines) if table is not None else None
    if table is None or steps is None:
        return None
    gain = lexicon.log_probability(steps, table) - lexicon.log_probability(steps, text)
    if gain < math.log(routing()["table_prior"]):
        return None
    return table, gain >= 0.0, text


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


# Fields of a closed list (occupation: the everyday words, though others are written too).
CLOSED_FIELDS = ("sex", "ethnicity", "education", "prior_status", "occupation", "office_name")


def vocabulary(name: str) -> tuple[str, ...]:
    """The words a field of a closed list may be written as (synonyms included)."""
    if name == "sex":
        return ("男", "女")
    if name == "ethnicity":
        return (*ethnic_groups(), *ethnicity_synonyms())
    if name == "prior_status":
        return tuple(marital_statuses())
    if name == "office_name":
        return tuple(o.name for o in offices())
    return tuple(routing()[name])


def _by_value(name: str, words: list[tuple[str, float, float]]) -> list[tuple[str, str, float]]:
    """The vocabulary's readings gathered by the value they stand for (a synonym and its
    table name are one value: 僳僳族 and 傈僳族): (value, its most probable word, the share
    of all its words), most probable value first."""
    shares: dict[str, float] = {}
    first: dict[str, str] = {}
    for word, share, _ in words:
        value = _valid(name, word)
        if value is not None:
            shares[value] = shares.get(value, 0.0) + share
            first.setdefault(value, word)
    return sorted(((v, first[v], s) for v, s in shares.items()), key=lambda row: -row[2])


def _ruled_out(name: str, word: str, chars: list[tuple[str, float]]) -> float:
    """How surely the reading rules out every other value of the list that ``word`` could be
    mistaken for: for each word of another value and as many characters, the surest character
    read as ``word`` has it where that word differs (one such character rules it out). The
    characters every word shares there (民政局, 族) say nothing either way: a slip in them
    cannot change the value."""
    value = _valid(name, word)
    sure = 1.0
    for other in vocabulary(name):
        if len(other) != len(word) or len(chars) != len(word) or _valid(name, other) == value:
            continue
        apart = [
            score
            for (ch, score), mine, theirs in zip(chars, word, other, strict=True)
            if mine != theirs and ch == mine
        ]
        sure = min(sure, max(apart, default=0.0))
    return sure


def _weigh_vocabulary(
    result: FieldValue, name: str, lines: list[TextLine], chars: list[tuple[str, float]], text: str
) -> None:
    """The field read under its vocabulary beside the plain reading. Where both give the same
    value, its share of the probability of the list vouches for it or bounds it; where they
    differ, the confidence drops. Where the plain reading is no word of the list, the value
    the recogniser supports most is taken if it is clearly ahead of the others and not far
    less probable than the plain reading; it is as sure as the characters read as it rule out
    every other value, and never surer than its share. An open field (occupation) keeps a
    plain reading that is no word, only less sure."""
    steps = lexicon.steps_of(lines)
    if steps is None:
        return
    values = _by_value(name, lexicon.ranked(steps, vocabulary(name)))
    if not values:
        return
    knobs = routing()
    normal, best, share = values[0]
    if normal == result.value:
        if share >= knobs["vocabulary_share"]:
            result.confidence = max(result.confidence, knobs["vocabulary_confidence"])
        else:
            # Another value of the list holds the rest: the value is no surer than its share.
            result.confidence = min(result.confidence, share)
        return
    if text in vocabulary(name):
        result.confidence = min(result.confidence, knobs["disagreement_confidence"])
        return
    gain = (
        lexicon.log_probability(steps, best) - lexicon.log_probability(steps, text) if text else 0.0
    )
    if share < knobs["vocabulary_rescue_share"]:
        return
    if gain < math.log(knobs["table_prior"]):
        return
    if name == "occupation" and result.value is not None:
        result.confidence = min(result.confidence, knobs["disagreement_confidence"])
        return
    result.value = normal
    result.confidence = min(share, knobs["vocabulary_confidence"], _ruled_out(name, best, chars))
    result.note(
        "vocabulary-constrained", f"{result.field} read as {text!r}; under its vocabulary {best!r}"
    )


def _weigh_surname(result: FieldValue, lines: list[TextLine], text: str) -> None:
    """A name whose surname is not in the frequency table: the surname of the table that the
    recogniser also saw at that place is taken (not sure enough to be accepted alone); with
    none, the name keeps its reading but is no surer than a rare surname allows (a misread
    surname seldom lands on a common one)."""
    if surnames.surname_of(text) is not None:
        return
    knobs = routing()
    steps = lexicon.steps_of(lines)
    if steps is not None:
        plain = lexicon.log_probability(steps, text)
        options = [
            (lexicon.log_probability(steps, s + text[1:]), s + text[1:])
            for s in surnames.surnames()
            if len(s) == 1 and any(s in g for g in steps.glyphs)
        ]
        best = max(options, default=None)
        if best is not None and best[0] - plain >= math.log(knobs["table_prior"]):
            result.value = best[1]
            result.confidence = min(result.confidence, knobs["rescued_confidence"])
            result.note("surname-table", f"{result.field} read as {text!r}; surname {best[1][0]}")
            return
    result.confidence = min(result.confidence, knobs["rare_surname_confidence"])


_LETTERS = re.compile(r"^(BJ|BL|J|L)")


def _constrained_number(result: FieldValue, lines: list[TextLine], text: str) -> None:
    """A modern certificate number whose plain reading misses the shape, read again under
    its digits and dash after the letters read; not sure enough to be accepted alone."""
    letters = _LETTERS.match(text.upper())
    steps = decoding.steps_of(lines)
    if letters is None or steps is None:
        return
    for reading, share in decoding.nbest(steps, certno.NUMBER_SYMBOLS):
        found = certno.modern_from(letters[0], reading)
        if found is not None:
            result.value = found
            result.confidence = min(result.confidence, share, routing()["rescued_confidence"])
            result.note("number-constrained", f"certificate_no read as {text!r}; as digits {found}")
            return


def _repaired_old_number(result: FieldValue, lines: list[TextLine], text: str) -> None:
    """An old certificate number naming no county of the table, or with another character
    where 第 is printed, read again under the repairs (each county's abbreviation, 第): the one
    the recogniser makes most probable, when it holds nearly all their probability and is not
    far less probable than the plain reading; never sure enough to be accepted alone."""
    repairs = certno.old_repairs(text)
    steps = lexicon.steps_of(lines) if repairs else None
    if steps is None:
        return
    knobs = routing()
    ranked = lexicon.ranked(steps, repairs)
    if not ranked:
        return
    best, share, logp = ranked[0]
    plain = lexicon.log_probability(steps, text)
    if share < knobs["vocabulary_rescue_share"] or logp - plain < math.log(knobs["table_prior"]):
        return
    result.value = best
    result.confidence = min(result.confidence, share, knobs["rescued_confidence"])
    result.issues = [i for i in result.issues if i.severity == "warning"]
    result.note("number-constrained", f"certificate_no read as {text!r}; repaired as {best}")


def constrained_date(reading: str) -> str | None:
    """A date decoded under the date alphabet, in ISO; Arabic zeros inside a date written in
    Chinese numerals are its circles."""
    chinese = any(ch in reading for ch in "一二三四五六七八九十〇零")
    return _valid("birth_date", reading.replace("0", "〇") if chinese else reading)


def one_slip_dates(chars: list[tuple[str, float]]) -> dict[str, float]:
    """Every valid date one character of the date alphabet away from a reading (changed, added
    or dropped), each with the least sure of the characters it keeps as read: where only one
    of them can be the date (the others fall outside what the record allows), the character
    put right is vouched for by the grammar and the record."""
    text = "".join(ch for ch, _ in chars)
    scores = [score for _, score in chars]
    found: dict[str, float] = {}

    def add(candidate: str, kept: list[float]) -> None:
        day = constrained_date(candidate)
        if day is not None:
            found[day] = max(found.get(day, 0.0), min(kept, default=1.0))

    for i in range(len(text) + 1):
        for symbol in decoding.DATE_SYMBOLS:
            add(text[:i] + symbol + text[i:], scores)
            if i < len(text):
                add(text[:i] + symbol + text[i + 1 :], scores[:i] + scores[i + 1 :])
        if i < len(text):
            add(text[:i] + text[i + 1 :], scores[:i] + scores[i + 1 :])
    return found


def _weigh_date(result: FieldValue, chars: list[tuple[str, float]], text: str) -> None:
    """The date read under its grammar beside the plain reading. A plain reading that does
    not parse takes the first constrained reading that does, with a confidence too low to be
    accepted unless other evidence (the ID number's birth date) confirms it; a constrained
    reading that parses to another date than the plain one lowers the confidence."""
    if not result.alternatives:
        return
    best = constrained_date(result.alternatives[0][0])
    if result.value is not None:
        if best is not None and best != result.value:
            result.confidence = min(result.confidence, routing()["disagreement_confidence"])
        return
    for reading, share in result.alternatives:
        found = constrained_date(reading)
        if found is not None:
            result.value = found
            result.slips = one_slip_dates(chars)
            result.confidence = min(result.confidence, share, routing()["rescued_confidence"])
            result.note(
                "date-constrained",
                f"{result.field} read as {text!r}; under the date grammar {reading!r}",
            )
            return


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
