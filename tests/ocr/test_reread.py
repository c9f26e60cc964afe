"""Second readings of doubtful lines on the binarised page (a scripted engine: no model runs)."""

import numpy as np

from ocr.engines.base import TextLine
from ocr.engines.fake import FakeEngine
from ocr.forms import routing
from ocr.reread import binarised, reread

SURE = TextLine("彝族", 0.99, (0, 0, 60, 40), (0.99, 0.99))
UNSURE = TextLine("龙潭", 0.6, (0, 50, 60, 90), (0.55, 0.97))
PAGE = np.full((100, 100, 3), 230, np.uint8)


def _again(line: TextLine, text: str, scores: tuple[float, ...]) -> TextLine:
    """What the engine reads in ``line``'s box on the binarised page."""
    return TextLine(text, min(scores), line.box, scores)


def test_agreement_keeps_the_surer_score_and_only_doubtful_lines_are_read_again() -> None:
    # The sure line is not read again: the engine would read it as garbage if it were.
    engine = FakeEngine([_again(SURE, "xx", (0.99, 0.99)), _again(UNSURE, "龙潭", (0.93, 0.9))])
    sure, confirmed = reread(engine, PAGE, [SURE, UNSURE])
    assert sure is SURE
    assert confirmed.text == "龙潭" and confirmed.char_scores == (0.93, 0.97)


def test_a_character_read_otherwise_is_capped_and_the_agreeing_one_raised() -> None:
    engine = FakeEngine([_again(UNSURE, "龙谭", (0.99, 0.99))])
    [line] = reread(engine, PAGE, [UNSURE])
    assert line.text == "龙潭"
    assert line.char_scores == (0.99, routing()["disagreement_confidence"])
    assert line.sureness < routing()["accept_threshold"]


def test_traditional_and_simplified_forms_of_one_character_agree() -> None:
    first = TextLine("河邊", 0.8, (0, 0, 60, 40), (0.98, 0.79))
    engine = FakeEngine([_again(first, "河边", (0.97, 0.96))])
    [line] = reread(engine, PAGE, [first])
    assert line.text == "河邊" and line.char_scores == (0.98, 0.96)


def test_readings_of_different_lengths_leave_the_first_as_it_was() -> None:
    engine = FakeEngine([_again(UNSURE, "龙潭村", (0.99, 0.99, 0.99))])
    assert reread(engine, PAGE, [UNSURE]) == [UNSURE]


def test_the_binarised_page_is_black_and_white_rgb_of_the_same_size() -> None:
    page = PAGE.copy()
    page[40:60, 20:80] = (180, 40, 40)  # a stroke of red ink
    out = binarised(page)
    assert out.shape == page.shape and out.dtype == np.uint8
    assert set(np.unique(out)) <= {0, 255}
    assert out[50, 50, 0] == 0 and out[5, 5, 0] == 255
