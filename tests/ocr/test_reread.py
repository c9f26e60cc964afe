"""Second readings of doubtful lines on the binarised page (a scripted engine: no model runs)."""

import numpy as np

from ocr.engines.base import TextLine
from ocr.engines.fake import FakeEngine
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


def test_a_different_second_reading_raises_nothing() -> None:
    engine = FakeEngine([_again(UNSURE, "龙谭", (0.99, 0.99))])
    assert reread(engine, PAGE, [UNSURE]) == [UNSURE]


def test_the_binarised_page_is_black_and_white_rgb_of_the_same_size() -> None:
    page = PAGE.copy()
    page[40:60, 20:80] = (180, 40, 40)  # a stroke of red ink
    out = binarised(page)
    assert out.shape == page.shape and out.dtype == np.uint8
    assert set(np.unique(out)) <= {0, 255}
    assert out[50, 50, 0] == 0 and out[5, 5, 0] == 255
