"""Second look at cells whose one-character value the detector missed (a lone 男 or 女 is
often too small a blob for it): the blank stretches of the label's row are recognised
directly, and only a reading that is exactly one of the field's values is kept."""

import numpy as np

from hunyin.domain.text import compact
from ocr.engines.base import Box, OcrEngine, TextLine
from ocr.forms import forms

# Stretches shorter than this many line heights hold no missed character; a probe reaches at
# most this many line heights past the last line of the row.
_MIN_GAP = 1.0
_MARGIN = 0.6
_REACH = 6.0


def _clean(text: str) -> str:
    return (compact(text) or "").rstrip(":：")


def _row(label: TextLine, lines: list[TextLine]) -> list[TextLine]:
    """Lines whose centre lies right of the label's and within its height, left to right."""
    return sorted(
        (
            ln
            for ln in lines
            if ln is not label and ln.cx > label.cx and abs(ln.cy - label.cy) < 0.5 * label.height
        ),
        key=lambda ln: ln.box[0],
    )


def _gaps(label: TextLine, row: list[TextLine], width: int) -> list[Box]:
    """The blank stretches of the row after the label, as boxes as tall as the label. Each
    stretch keeps a line height away from the text around it: the recogniser would otherwise
    read the edge of a neighbouring character as one more."""
    h = label.height
    y0, y1 = int(max(0.0, label.box[1] - 0.2 * h)), int(label.box[3] + 0.2 * h)
    stretches, reached = [], label.box[2]
    for line in row:
        stretches.append((reached, line.box[0]))
        reached = max(reached, line.box[2])
    stretches.append((reached, int(min(reached + _REACH * h, width))))
    return [
        (int(start + _MARGIN * h), y0, int(end - _MARGIN * h), y1)
        for start, end in stretches
        if end - start >= (_MIN_GAP + 2 * _MARGIN) * h
    ]


def probe(engine: OcrEngine, image: np.ndarray, lines: list[TextLine]) -> list[TextLine]:
    """Lines found in the blank stretches beside labels whose row lacks one of its values."""
    values = forms().lone_values
    width = image.shape[1]
    boxes: list[Box] = []
    for label in lines:
        expected = values.get(_clean(label.text))
        if not expected:
            continue
        row = _row(label, lines)
        if sum(_clean(ln.text) in expected for ln in row) >= len(expected):
            continue
        boxes += _gaps(label, row, width)
    if not boxes:
        return []
    wanted = {v for vs in values.values() for v in vs}
    return [
        TextLine(_clean(ln.text), ln.score, ln.box, ln.char_scores[-1:])
        for ln in engine.read_regions(image, boxes)
        if _clean(ln.text) in wanted
    ]
