"""Second readings of doubtful lines: the same recogniser over a binarised copy of the page.

Faded strokes, coloured ink and a seal's red under a value move the recogniser's probabilities
more than they move the shapes of the characters; on the binarised page those are gone. A line
whose least sure character is doubtful is read again there: where both readings give the same
text, each character keeps the surer of its two scores (both readings saw that glyph); where
they differ, the first reading stands as it was and nothing is raised.
"""

import cv2
import numpy as np

from ocr.engines.base import PUNCTUATION, OcrEngine, TextLine
from ocr.forms import routing


def binarised(image: np.ndarray) -> np.ndarray:
    """The page in black and white, thresholded against its neighbourhood (uneven paper and
    faded ink alike), as RGB for the recogniser."""
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    knobs = routing()
    ink = cv2.adaptiveThreshold(
        gray,
        255,
        cv2.ADAPTIVE_THRESH_GAUSSIAN_C,
        cv2.THRESH_BINARY,
        int(knobs["reread_block"]),
        float(knobs["reread_offset"]),
    )
    return cv2.cvtColor(ink, cv2.COLOR_GRAY2RGB)


def _doubtful(line: TextLine) -> bool:
    """A line worth a second reading: some meaningful character below the accept bar."""
    meaningful = [ch for ch in line.text if not ch.isspace() and ch not in PUNCTUATION]
    return len(meaningful) >= 1 and line.sureness < routing()["reread_below"]


def _merged(first: TextLine, second: TextLine) -> TextLine:
    """The first reading with each character's score raised to the second reading's, when
    both read the same text with per-character scores."""
    if (
        second.text != first.text
        or len(first.char_scores) != len(first.text)
        or len(second.char_scores) != len(second.text)
    ):
        return first
    scores = tuple(max(a, b) for a, b in zip(first.char_scores, second.char_scores, strict=True))
    return TextLine(
        first.text,
        max(first.score, second.score),
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
