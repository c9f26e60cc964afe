"""Words the detector missed beside their labels, found by their ink.

A short word written by hand above a printed underline (a faint 女, 未婚 in a thin pen) is often
no blob to the detector, and a probe of the whole blank stretch reads the underline with it and
gives nothing. Here the cell of a field of a closed list that is empty, or holds a reading that
is no word of the list, is binarised, the printed rules (underline, table borders) are taken
out as the long straight runs they are, specks dropped, and the strokes left are gathered into
one word box round the largest of them. That box is recognised alone, and kept only when it
reads as a word of the field's list (a smudge or the edge of a neighbouring value reads as
none), and in place of a reading only where it keeps that reading's sure characters.
"""

import cv2
import numpy as np

from hunyin.domain.text import compact
from ocr.constrained import vocabulary
from ocr.engines.base import Box, OcrEngine, TextLine
from ocr.forms import forms, routing
from ocr.reread import ink_of

# A line is on a label's row when its centre is this many heights (its own or the label's,
# the taller) from the label's; a cell keeps this many label heights clear of its ends.
_ROW = 0.6
_EDGE = 0.1
# A run of ink longer than this many label heights, across or down, is a printed rule: no
# stroke of a written character is that long.
_RULE = 1.2


def _clean(text: str) -> str:
    return (compact(text) or "").rstrip(":：")


def _labels() -> dict[str, str]:
    """Printed label text → its field, for the fields the probe looks for."""
    wanted = set(routing()["ink_probe"]["fields"])
    return {lab.text: lab.field for lab in forms().labels if lab.field in wanted}


def _is_label(text: str) -> bool:
    """True when ``text`` opens with a printed label (a label read with its value)."""
    return any(text.startswith(lab.text) for lab in forms().labels)


def _column_split(lines: list[TextLine]) -> float | None:
    """On the table form (男方 and 女方 headed side by side) the x between the two party
    columns; ``None`` on the application form, where labels sit inline with their values."""
    vocab = forms()
    male = next((ln for ln in lines if _clean(ln.text) in vocab.male_headers), None)
    female = next((ln for ln in lines if _clean(ln.text) in vocab.female_headers), None)
    if male is None or female is None or abs(male.cy - female.cy) > max(male.height, 1):
        return None
    return (male.cx + female.cx) / 2


def _cells(
    label: TextLine, lines: list[TextLine], split: float | None, width: int
) -> list[tuple[Box, TextLine | None]]:
    """The value cells of a label's row, each with the one line read in it (``None`` when it
    is empty): from the label to the next label (or on the table, each party's column), as
    tall as a hand writes above or on the underline; the whole cell, since a line read there
    may hold only part of the word. A cell holding more than one line is left alone. The cell
    starts where the label's characters end: the detector sometimes draws a label's box over
    a small value written close to it."""
    h = label.height
    knobs = routing()["ink_probe"]
    row = [
        ln for ln in lines if ln is not label and abs(ln.cy - label.cy) < _ROW * max(h, ln.height)
    ]
    printed = label.box[0] + int(knobs["label_pitch"] * h * len(_clean(label.text)))
    opening = min(label.box[2], printed)
    if split is not None:
        spans = [(opening, int(split)), (int(split), width)]
    else:
        after = [ln.box[0] for ln in row if ln.box[0] > label.box[2] and _is_label(_clean(ln.text))]
        end = min(after, default=int(min(label.box[2] + knobs["reach"] * h, width)))
        spans = [(opening, end)]
    y0 = int(max(0.0, label.box[1] - knobs["above"] * h))
    y1 = int(label.box[3] + knobs["below"] * h)
    cells: list[tuple[Box, TextLine | None]] = []
    for x0, x1 in spans:
        start, end = int(x0 + _EDGE * h), int(x1 - _EDGE * h)
        inside = [ln for ln in row if start <= ln.cx <= end]
        if end - start >= h and len(inside) <= 1:
            cells.append(((start, y0, end, y1), inside[0] if inside else None))
    return cells


def _agrees(word: str, line: TextLine) -> bool:
    """True when ``word`` keeps every character the first reading of its cell was sure of, in
    place: a second reading may settle a doubted stroke (禹婚 → 离婚), never overrule a sure one."""
    text = _clean(line.text)
    if len(text) != len(word) or len(line.char_scores) != len(line.text):
        return False
    sure = routing()["reread_below"]
    scores = [s for ch, s in zip(line.text, line.char_scores, strict=True) if _clean(ch)]
    return all(a == b or s < sure for a, b, s in zip(text, word, scores, strict=True))


def _rules_removed(ink: np.ndarray, h: int) -> np.ndarray:
    """The ink without runs longer than a character, across or down: printed rules."""
    length = max(int(_RULE * h), 3)
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))
    down = cv2.getStructuringElement(cv2.MORPH_RECT, (1, length))
    rules = cv2.bitwise_or(
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, across), cv2.morphologyEx(ink, cv2.MORPH_OPEN, down)
    )
    return cv2.subtract(ink, rules)


def word_box(image: np.ndarray, cell: Box, h: int) -> Box | None:
    """The box of the word written in ``cell`` (page pixels), padded for the recogniser: the
    strokes left once rules and specks are gone, gathered round the largest of them (a stroke
    within a character's width of the word belongs to it); ``None`` where no stroke is left."""
    knobs = routing()
    x0, y0, x1, y1 = cell
    grey = cv2.cvtColor(image[y0:y1, x0:x1], cv2.COLOR_RGB2GRAY)
    if grey.size == 0:
        return None
    strokes = _rules_removed(ink_of(grey), h)
    count, _, stats, _ = cv2.connectedComponentsWithStats(strokes, connectivity=8)
    least = knobs["ink_probe"]["min_stroke_area"] * h * h
    parts = [tuple(int(v) for v in s[:4]) for s in stats[1:count] if s[4] >= least]
    if not parts:
        return None
    biggest = max(parts, key=lambda s: s[2] * s[3])
    bx0, by0, bx1, by1 = biggest[0], biggest[1], biggest[0] + biggest[2], biggest[1] + biggest[3]
    grown = True
    while grown:
        grown = False
        for px, py, pw, ph in parts:
            near = px <= bx1 + h and px + pw >= bx0 - h and py <= by1 and py + ph >= by0
            inside = bx0 <= px and px + pw <= bx1 and by0 <= py and py + ph <= by1
            if near and not inside:
                bx0, by0 = min(bx0, px), min(by0, py)
                bx1, by1 = max(bx1, px + pw), max(by1, py + ph)
                grown = True
    pad = int(knobs["ink_probe"]["pad"] * h)
    return (x0 + bx0 - pad, y0 + by0 - pad, x0 + bx1 + pad, y0 + by1 + pad)


def ink_probe(engine: OcrEngine, image: np.ndarray, lines: list[TextLine]) -> list[TextLine]:
    """The lines, with words of closed lists read from the ink of their cells beside the
    labels: added where the cell was empty, and put in place of a reading that is no word of
    the list where the new one keeps its sure characters."""
    labels = _labels()
    split = _column_split(lines)
    width = image.shape[1]
    asks: list[tuple[Box, str, TextLine | None]] = []
    for label in lines:
        field = labels.get(_clean(label.text))
        if field is None:
            continue
        for cell, line in _cells(label, lines, split, width):
            if line is not None and _clean(line.text) in vocabulary(field):
                continue
            box = word_box(image, cell, label.height)
            if box is not None:
                asks.append((box, field, line))
    if not asks:
        return lines
    out = list(lines)
    read = engine.read_regions(image, [box for box, _, _ in asks])
    for (_, field, first), line in zip(asks, read, strict=False):
        text = _clean(line.text)
        if text not in vocabulary(field) or (first is not None and not _agrees(text, first)):
            continue
        # A word read with a speck beside it keeps its text, not the speck's steps and scores.
        word = line if line.text == text else TextLine(text, line.score, line.box)
        if first is None:
            out.append(word)
        else:
            out[out.index(first)] = word
    return out
