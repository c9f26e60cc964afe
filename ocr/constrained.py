"""A field read again under its own constraint beside the plain reading: dates under their
grammar, closed lists under their vocabulary, surnames under the frequency table, certificate
numbers under their shapes. Each takes a constrained reading only where the recogniser
supports it, and never surer than that support."""

import math
import re

from hunyin.codes import ethnic_groups, ethnicity_synonyms, marital_statuses, offices
from ocr import certno, decoding, lexicon, surnames
from ocr.engines.base import TextLine
from ocr.forms import routing
from ocr.values import FieldValue, valid

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
        value = valid(name, word)
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
    value = valid(name, word)
    sure = 1.0
    for other in vocabulary(name):
        if len(other) != len(word) or len(chars) != len(word) or valid(name, other) == value:
            continue
        apart = [
            score
            for (ch, score), mine, theirs in zip(chars, word, other, strict=True)
            if mine != theirs and ch == mine
        ]
        sure = min(sure, max(apart, default=0.0))
    return sure


def weigh_vocabulary(
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


def weigh_surname(result: FieldValue, lines: list[TextLine], text: str) -> None:
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


def constrained_number(result: FieldValue, lines: list[TextLine], text: str) -> None:
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


def repaired_old_number(result: FieldValue, lines: list[TextLine], text: str) -> None:
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
    return valid("birth_date", reading.replace("0", "〇") if chinese else reading)


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


def share_of_dates(readings: list[tuple[str, float]], day: str) -> float:
    """The share of the probability of the readings that are a valid date held by those that
    are ``day``: a reading that is no date (a year past today, a digit too few) is no rival."""
    dates = [(constrained_date(reading), share) for reading, share in readings]
    total = sum(share for found, share in dates if found is not None)
    return sum(share for found, share in dates if found == day) / total if total else 0.0


def weigh_date(result: FieldValue, chars: list[tuple[str, float]], text: str) -> None:
    """The date read under its grammar beside the plain reading. A plain reading that does
    not parse takes the first constrained reading that does, with a confidence too low to be
    accepted unless other evidence (the ID number's birth date) confirms it; a constrained
    reading that parses to another date than the plain one lowers the confidence, and a plain
    date that holds nearly all the probability of the readings that are dates is vouched for
    by the grammar (a stroke the recogniser doubts between 一 and 二 in 一九二五 leaves no other
    date: 2925 is none)."""
    if not result.alternatives:
        return
    best = constrained_date(result.alternatives[0][0])
    knobs = routing()
    if result.value is not None:
        if best is not None and best != result.value:
            result.confidence = min(result.confidence, knobs["disagreement_confidence"])
        elif share_of_dates(result.alternatives, result.value) >= knobs["date_share"]:
            result.confidence = max(result.confidence, knobs["date_confidence"])
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
