"""Whatever an engine reads, field parsing gives a record or an outcome and never raises: a value
that does not parse is a doubt on its field, and a page that holds a form stays a record."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hunyin.schema import Outcome, Record, Source
from ocr.engines.base import TextLine
from ocr.extraction import extract_page
from tests.ocr.pages import MODERN, line, reading, table_lines, table_rules

SOURCE = Source(file="532301/2018/00009.png", page=1)
_VALUE = [ln.box[0] >= 400 and ln.box[1] > 200 for ln in table_lines(MODERN)]
_LABEL_LINES = [ln for ln, value in zip(table_lines(MODERN), _VALUE, strict=True) if not value]
_VALUE_BOXES = [ln.box for ln, value in zip(table_lines(MODERN), _VALUE, strict=True) if value]

# What engines produce where a value belongs: any text, digits where words belong, a date
# with a letter in it, empty lines and very long ones.
_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789XxB×-年月日〇零一二十", max_size=25),
    st.from_regex(r"\A[0-9]{2,4}[A-Z0-9]?年[0-9]{1,2}月[0-9]{1,2}日\Z"),
    st.from_regex(r"\A[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z"),
    st.just(""),
    st.text(min_size=500, max_size=2000),
)


@st.composite
def _values(draw: st.DrawFn) -> list[TextLine]:
    lines = []
    for box in _VALUE_BOXES:
        text = draw(_TEXT)
        score = draw(st.floats(0.0, 1.0))
        chars = draw(st.one_of(st.just(()), st.lists(st.floats(0.0, 1.0), max_size=60).map(tuple)))
        lines.append(TextLine(text, score, box, chars))
    return lines


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=_values())
def test_a_form_with_any_values_is_a_record(values: list[TextLine]) -> None:
    result = extract_page(reading([*_LABEL_LINES, *values], rules=table_rules()), source=SOURCE)
    assert isinstance(result, Record)
    assert result.status in ("accepted", "needs_review")
    for dotted in ("registration_date", "male.birth_date", "female.birth_date"):
        value = result.get(dotted)
        assert value is None or value.year >= 1900


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(_TEXT, max_size=30),
    positions=st.lists(st.tuples(st.integers(0, 1500), st.integers(0, 2200)), max_size=30),
)
def test_any_page_reading_is_accounted_for(
    texts: list[str], positions: list[tuple[int, int]]
) -> None:
    lines = [line(text, x, y) for text, (x, y) in zip(texts, positions, strict=False)]
    result = extract_page(reading(lines), source=SOURCE)
    assert isinstance(result, Record | Outcome)
    if isinstance(result, Outcome):
        assert result.status in ("blank", "quarantined") and result.reason


def test_a_misread_date_is_a_doubt_on_its_field() -> None:
    lines = [
        TextLine("20B年08月13日", ln.score, ln.box)
        if ln.text == MODERN["registration_date"]
        else ln
        for ln in table_lines(MODERN)
    ]
    result = extract_page(reading(lines, rules=table_rules()), source=SOURCE)
    assert isinstance(result, Record)
    assert result.status == "needs_review"
    assert result.registration_date is None
    doubts = [i for i in result.issues if i.field == "registration_date"]
    assert doubts and "20B年08月13日" in doubts[0].message
