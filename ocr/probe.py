"""Second looks at cells the detector read in part.

A one-character value it missed (a lone 男 or 女 is often too small a blob for it): the blank
stretches of the label's row are recognised directly, and only a reading that is exactly one
of the field's values is kept. A hand-written date it broke into pieces, losing characters
between them (a lone 一 is a thin stroke, no blob at all): the row from the label to the next
label is recognised as one line, and kept in place of the pieces only when it is a date and
they were not.
"""

import numpy as np

from hunyin.domain.dates import parse_date
from hunyin.domain.text import compact
from ocr.engines.base import Box, OcrEngine, TextLine
from ocr.forms import forms

# Stretches shorter than this many line heights hold no missed character; a probe reaches at
# most this many line heights past the last line of the row.
_MIN_GAP = 1.0
_MARGIN = 0.6
_LABEL_MARGIN = 0.15
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
    # A hand drifts above the printed baseline: a small 女 may sit half above the label.
    y0, y1 = int(max(0.0, label.box[1] - 0.5 * h)), int(label.box[3] + 0.2 * h)
    # Beside the printed label a value may start at once: a wide margin there cut the left
    # of a 女 written close to 性别 off, and the probe read nothing.
    stretches, reached, margin = [], label.box[2], _LABEL_MARGIN
    for line in row:
        stretches.append((reached, line.box[0], margin))
        reached, margin = max(reached, line.box[2]), _MARGIN
    stretches.append((reached, int(min(reached + _REACH * h, width)), margin))
    return [
        (int(start + left * h), y0, int(end - _MARGIN * h), y1)
        for start, end, left in stretches
        if end - start >= (_MIN_GAP + left + _MARGIN) * h
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


# The fields whose cells are read again as one line when their pieces are no date, and how
# far past its label, in label heights, a date written in full (一九七八年十月十八日) may run.
_DATE_FIELDS = ("birth_date", "registration_date")
_DATE_REACH = 8.0


def _span(label: TextLine, row: list[TextLine], width: int) -> tuple[Box, list[TextLine]]:
    """The box from the label to the next label of its row (or a reach past the value), and
    the lines inside it."""
    labels = {lab.text for lab in forms().labels}
    pieces: list[TextLine] = []
    end = width
    for line in row:
        if _clean(line.text) in labels:
            end = line.box[0]
            break
        pieces.append(line)
    h = label.height
    if end == width:
        last = pieces[-1].box[2] if pieces else label.box[2] + _DATE_REACH * h
        end = min(int(last + _REACH * h), width)
    top = min([label.box[1], *(ln.box[1] for ln in pieces)])
    bottom = max([label.box[3], *(ln.box[3] for ln in pieces)])
    box = (
        int(label.box[2] + 0.2 * h),
        int(max(0.0, top - 0.1 * h)),
        int(end - 0.2 * h),
        int(bottom + 0.1 * h),
    )
    return box, pieces


def respan(engine: OcrEngine, image: np.ndarray, lines: list[TextLine]) -> list[TextLine]:
    """The lines, each date the detector missed or broke into pieces that are no date replaced
    by one reading of its whole cell, when that reading is a date."""
    dated = {lab.text for lab in forms().labels if lab.field in _DATE_FIELDS}
    width = image.shape[1]
    found: list[tuple[Box, list[TextLine]]] = []
    for label in lines:
        if _clean(label.text) not in dated:
            continue
        box, pieces = _span(label, _row(label, lines), width)
        # An empty cell too: the detector may have seen no blob of the date at all.
        if box[2] > box[0] and parse_date("".join(ln.text for ln in pieces)) is None:
            found.append((box, pieces))
    if not found:
        return lines
    again = engine.read_regions(image, [box for box, _ in found])
    gone: set[int] = set()
    added: list[TextLine] = []
    for (_, pieces), line in zip(found, again, strict=False):
        if parse_date(compact(line.text)) is not None:
            gone |= {id(ln) for ln in pieces}
            added.append(line)
    return [ln for ln in lines if id(ln) not in gone] + added
