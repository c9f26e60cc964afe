"""A misread date put right by its grammar is as sure as what it keeps when the record allows
no other date one character away (no engine runs here)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from ocr import crosscheck
from ocr.constrained import one_slip_dates, share_of_dates
from ocr.decoding import DATE_SYMBOLS
from ocr.engines.base import TextLine
from ocr.fields import read_field
from ocr.values import FieldValue
from tests.ocr.test_decoding import _spelled

_TRUTH = "一九二五年五月二十三日"


def _birth(read: str, doubt: dict[int, dict[str, float]]) -> FieldValue:
    """The birth date field read from ``read``, the recogniser's steps spelling the truth
    with ``doubt`` at some characters."""
    scores = tuple(0.6 if i in doubt else 1.0 for i in range(len(read)))
    line = TextLine(read, 0.6, (0, 0, 400, 40), scores, _spelled(_TRUTH, doubt=doubt), ())
    return read_field("male.birth_date", [line])


def _record(birth: FieldValue, registered: str) -> dict[str, FieldValue]:
    values = {
        "registration_date": FieldValue("registration_date", registered, 0.95),
        "male.birth_date": birth,
        "female.birth_date": FieldValue("female.birth_date", None, 1.0),
    }
    crosscheck.check_dates(values)
    return values


def test_a_year_only_one_date_of_the_record_can_be_is_vouched_for() -> None:
    # 一 read as 二: 2925 is no year, and of the dates one character away only 1925 lies
    # before a registration of 1956 (2025 would too, were the registration later).
    birth = _birth("二九二五年五月二十三日", {0: {"二": 0.6, "一": 0.3}})
    assert birth.value == "1925-05-23" and birth.confidence <= 0.6
    assert _record(birth, "1956-02-17")["male.birth_date"].confidence >= 0.9


def test_a_year_two_dates_of_the_record_could_be_stays_unsure() -> None:
    birth = _birth("二九二五年五月二十三日", {0: {"二": 0.6, "一": 0.3}})
    # Registered in 2026, 1925 and 2025 (〇 for 九) both lie before it: nothing says which.
    assert {"1925-05-23", "2025-05-23"} <= set(birth.slips)
    values = _record(birth, "2026-03-01")
    assert values["male.birth_date"].confidence <= 0.6


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DATE_SYMBOLS + "号x "), st.floats(0, 1)), max_size=14))
def test_any_reading_gives_valid_dates_with_scores(chars: list[tuple[str, float]]) -> None:
    found = one_slip_dates(chars)
    assert all(len(day) == 10 and 0.0 <= score <= 1.0 for day, score in found.items())


def _plain(read: str, doubt: dict[int, dict[str, float]]) -> FieldValue:
    """The birth date field read as ``read``, each character but the doubted ones all but
    certain, and each as sure as the recogniser's step gives its glyph."""
    steps = {i: doubt.get(i, {ch: 0.998}) for i, ch in enumerate(read)}
    scores = tuple(steps[i][ch] for i, ch in enumerate(read))
    line = TextLine(read, min(scores), (0, 0, 400, 40), scores, _spelled(read, doubt=steps), ())
    return read_field("male.birth_date", [line])


def test_a_date_whose_only_rivals_are_no_date_is_vouched_for_by_its_grammar() -> None:
    # 一 or 二 (the hand's two strokes): 2925 is no year, so every date the steps allow is 1925.
    birth = _plain("一九二五年五月十一日", {0: {"一": 0.65, "二": 0.3}})
    assert birth.value == "1925-05-11"
    assert birth.confidence >= 0.9


def test_a_date_with_a_rival_date_stays_as_unsure_as_its_reading() -> None:
    # 五 or 三 in the month: both are dates, nothing but the recogniser can choose.
    birth = _plain("一九二五年五月十一日", {5: {"五": 0.65, "三": 0.3}})
    assert birth.value == "1925-05-11"
    assert birth.confidence <= 0.7


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.text(DATE_SYMBOLS + "号x", max_size=14), st.floats(0, 1)), max_size=8),
    st.sampled_from(["1925-05-11", "2013-08-13"]),
)
def test_the_share_of_a_date_is_a_share(readings: list[tuple[str, float]], day: str) -> None:
    assert 0.0 <= share_of_dates(readings, day) <= 1.0
