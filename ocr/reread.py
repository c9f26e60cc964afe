"""Second readings of doubtful lines: the same recogniser over a binarised copy of the page.

Faded strokes, coloured ink and a seal's red under a value move the recogniser's probabilities
more than they move the shapes of the characters; on the binarised page those are gone. A line
whose least sure character is doubtful is read again there and the two compared character by
character, as the fields will read them (half-width, simplified: the binarised page often reads
边 where the first reading gave 邊). Where both readings have as many characters, a character
both give keeps the surer of its two scores (both readings saw that glyph), and one they give
differently is no surer than ``disagreement_confidence``; readings of different lengths cannot
be aligned, so the first stands as it was.
"""

import cv2
import numpy as np

from hunyin.domain.text import halfwidth
from ocr.engines.base import PUNCTUATION, OcrEngine, TextLine
from ocr.forms import routing
from ocr.glyphs import simplify


def ink_of(gray: np.ndarray) -> np.ndarray:
    """The ink of a grey image, white on black, thresholded against its neighbourhood (uneven
    paper and faded ink alike)."""
    knobs = routing()
    return cv2.adaptiveThreshold(
        gray,
        255,
        cv2.ADAPTIVE_THRESH_GAUSSIAN_C,
        cv2.THRESH_BINARY_INV,
        int(knobs["reread_block"]),
        float(knobs["reread_offset"]),
    )


def binarised(image: np.ndarray) -> np.ndarray:
    """The page in black and white (``ink_of``, ink black again), as RGB for the recogniser."""
    ink = ink_of(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY))
    return cv2.cvtColor(cv2.bitwise_not(ink), cv2.COLOR_GRAY2RGB)


def _doubtful(line: TextLine) -> bool:
    """A line worth a second reading: some meaningful character below the accept bar."""
    meaningful = [ch for ch in line.text if not ch.isspace() and ch not in PUNCTUATION]
    return len(meaningful) >= 1 and line.sureness < routing()["reread_below"]


def _merged(first: TextLine, second: TextLine) -> TextLine:
    """The first reading with each character's score raised where the second reading gives
    the same character and capped where it gives another, when both have as many characters
    with per-character scores."""
    if (
        len(second.text) != len(first.text)
        or len(first.char_scores) != len(first.text)
        or len(second.char_scores) != len(second.text)
    ):
        return first
    doubt = float(routing()["disagreement_confidence"])
    scores = tuple(
        max(a, b) if simplify(halfwidth(x)) == simplify(halfwidth(y)) else min(a, doubt)
        for x, y, a, b in zip(
            first.text, second.text, first.char_scores, second.char_scores, strict=True
        )
    )
    same = all(s >= a for s, a in zip(scores, first.char_scores, strict=True))
    return TextLine(
        first.text,
        max(first.score, second.score) if same else first.score,
        first.box,
        scores,
        first.steps,
        first.cols,
        first.glyphs,
    )


def reread(engine: OcrEngine, image: np.ndarray, lines: list[TextLine]) -> list[TextLine]:
    """The lines, each doubtful one confirmed (or not) by a reading of the binarised page."""
    doubtful = [i for i, line in enumerate(lines) if _doubtful(line)]
    if not doubtful:
        return lines
    again = engine.read_regions(binarised(image), [lines[i].box for i in doubtful])
    out = list(lines)
    for i, second in zip(doubtful, again, strict=False):
        out[i] = _merged(lines[i], second)
    return out
