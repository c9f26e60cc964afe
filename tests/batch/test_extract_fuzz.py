"""The guarded page path on arbitrary engine output: it never raises and accounts for the page."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from batch.extract import page_item
from hunyin.schema import Outcome, Record, Source
from ocr.engines.base import TextLine
from ocr.engines.fake import FakeEngine
from ocr.reading import read_image
from tests.ocr.pages import MODERN, table_lines

SOURCE = Source(file="fuzz.png", page=1, sha256="0" * 64)
_FORM = table_lines(MODERN)
_HEIGHT, _WIDTH = 2300, 1600
# A page with table rules and ink on it, so that the reader does not take it for blank.
_PAGE = np.full((_HEIGHT, _WIDTH, 3), 240, np.uint8)
for _y in range(200, 2200, 100):
    _PAGE[_y : _y + 4, 100:1500] = 20
    _PAGE[_y + 30 : _y + 70, 400:700] = 30

_texts = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789年月日-XBJL", max_size=24),
    st.just(""),
    st.text(min_size=500, max_size=3000),
    st.sampled_from([ln.text for ln in _FORM]),
)


@st.composite
def _lines(draw: st.DrawFn) -> list[TextLine]:
    """Form lines with some texts swapped for junk, plus stray lines anywhere on the page."""
    lines = [
        TextLine(draw(_texts) if draw(st.booleans()) else ln.text, ln.score, ln.box)
        for ln in _FORM
        if draw(st.integers(0, 9)) > 0
    ]
    for _ in range(draw(st.integers(0, 6))):
        x0, y0 = draw(st.integers(0, _WIDTH - 2)), draw(st.integers(0, _HEIGHT - 2))
        x1, y1 = draw(st.integers(x0 + 1, _WIDTH)), draw(st.integers(y0 + 1, _HEIGHT))
        lines.append(TextLine(draw(_texts), draw(st.floats(0, 1)), (x0, y0, x1, y1)))
    return lines


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines())
def test_any_engine_output_ends_as_a_record_or_an_outcome(lines: list[TextLine]) -> None:
    page = read_image(_PAGE, engines=[FakeEngine(lines)])
    item = page_item(page, source=SOURCE)
    assert item.source == SOURCE
    if isinstance(item, Outcome):
        assert item.reason
    else:
        assert isinstance(item, Record)
        assert item.status == "needs_review" or not item.issues
