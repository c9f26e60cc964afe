"""Label-anchored layout: which lines of a page hold which field, by the printed labels.

Two families of layout are handled alike. On the modern table, labels sit in the first column,
the 男方 and 女方 columns follow, and table rules bound each row (so a value wrapped onto two
lines stays in its row). On the older application, labels sit inline with their values inside
blocks headed 男方： and 女方：. Either way a value belongs to the nearest label on its left in
the same row; the party comes from the column or from the block.
"""

from bisect import bisect
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from hunyin.codes import offices
from hunyin.domain.text import compact
from ocr.constrained import CLOSED_FIELDS, vocabulary
from ocr.engines.base import PUNCTUATION, StepGlyphs, TextLine
from ocr.forms import Label, forms, routing
from ocr.reading import PageReading

# Fields whose value may wrap onto the next line without a label of its own.
_WRAPPING = ("hukou",)
# The opening of every hukou of the prefecture: where a line read across both party columns
# holds it a second time (three characters of it in a row, one may be misread or dropped), the
# other party's value begins there.
_HUKOU_OPENING = "云南省楚雄"
_COUNTY_ENDS = "县市"


@dataclass(frozen=True, slots=True)
class Anchor:
    """A printed label found on the page."""

    label: Label
    line: TextLine


@dataclass(slots=True)
class Layout:
    """The page's form family and, per dotted field, its value lines in reading order."""

    title_type: str | None = None
    certificate_label: str | None = None
    labels: int = 0
    cells: dict[str, list[TextLine]] = field(default_factory=dict)


def clean(text: str) -> str:
    """Compact text without the trailing colon printed after some labels."""
    return (compact(text) or "").rstrip(":：")


def _split(line: TextLine, label: Label) -> tuple[TextLine, TextLine | None]:
    """A line that starts with a label, cut into the label and the value read with it."""
    text = clean(line.text)
    rest = text[len(label.text) :]
    if not rest:
        return line, None
    x0, y0, x1, y1 = line.box
    cut = x0 + (x1 - x0) * len(label.text) // len(text)
    # The cleaned text drops spaces and colons: scores follow the characters that remain.
    kept = [s for ch, s in zip(line.text, line.char_scores, strict=False) if clean(ch)]
    scores = tuple(kept) if len(kept) == len(text) else ()
    steps, cols = _value_steps(line, len(label.text), len(text))
    return (
        TextLine(label.text, line.score, (x0, y0, cut, y1), scores[: len(label.text)]),
        TextLine(rest, line.score, (cut, y0, x1, y1), scores[len(label.text) :], steps, cols),
    )


def _value_steps(
    line: TextLine, label_length: int, length: int
) -> tuple[np.ndarray | None, tuple[int, ...]]:
    """The recogniser steps of the value part of a line that starts with a label: cut halfway
    between the label's last character and the value's first."""
    if line.steps is None or len(line.cols) != len(line.text):
        return None, ()
    kept = [i for i, ch in enumerate(line.text) if clean(ch)]
    if len(kept) != length or label_length >= length:
        return None, ()
    last, first = line.cols[kept[label_length - 1]], line.cols[kept[label_length]]
    cut = (last + first) // 2 + 1
    cols = tuple(c - cut for i, c in enumerate(line.cols) if i in kept[label_length:])
    return line.steps[cut:], cols


def _is_debris(text: str, line: TextLine, seal_chars: frozenset[str]) -> bool:
    """Seal lettering and specks: not a value of any field. A seal spells the office's name,
    so a short line made only of the characters of an office named on the page is its ring."""
    if any(word in text for word in forms().seal_words):
        return True
    if len(text) <= 3 and set(text) <= seal_chars:
        return True
    lone = {v for values in forms().lone_values.values() for v in values}
    if len(text) == 1 and text not in lone:
        return True
    # A word of a closed list (男, 彝族), or one misread character from one (葬族), is judged
    # by its field, however unsure the reading.
    if text in lone or _near_closed_word(text):
        return False
    return len(text) <= 3 and _text_score(line) < routing()["debris_score"]


@lru_cache(maxsize=1)
def _closed_words() -> frozenset[str]:
    return frozenset(w for name in CLOSED_FIELDS for w in vocabulary(name) if len(w) > 1)


def _near_closed_word(text: str) -> bool:
    """True when ``text`` is a word of a closed list, or an ethnic group's name with one other
    character misread (葬族): its 族 tells it from seal lettering (公专 is no 中专)."""
    if text in _closed_words():
        return True
    return text.endswith("族") and any(
        len(w) == len(text) and sum(a != b for a, b in zip(w, text, strict=True)) == 1
        for w in vocabulary("ethnicity")
    )


def _name_labels(lines: tuple[TextLine, ...]) -> list[TextLine]:
    """The printed 姓名 labels of the page."""
    texts = {lab.text for lab in forms().labels if lab.field == "name"}
    return [ln for ln in lines if clean(ln.text) in texts]


def _beside_any(line: TextLine, labels: list[TextLine]) -> bool:
    """True when ``line`` stands right of one of ``labels`` on its row. A seal is stamped over
    the office and the date, never over the parties' names: a short, unsure line there is a
    name written by hand (周靜 with 靜 at 0.56), which goes to a steward as read rather than
    being thrown away as a speck."""
    return any(
        abs(line.cy - label.cy) < 0.5 * label.height and line.box[0] >= label.box[2]
        for label in labels
    )


def _text_score(line: TextLine) -> float:
    """The line's score over its characters other than punctuation: a stray bracket read
    beside a lone 女 must not make the value look like a speck."""
    scores = [
        s for ch, s in zip(line.text, line.char_scores, strict=False) if ch not in PUNCTUATION
    ]
    return (
        sum(scores) / len(scores)
        if scores and len(line.char_scores) == len(line.text)
        else line.score
    )


def _same_row(a: TextLine, b: TextLine, rules: tuple[int, ...]) -> bool:
    if rules:
        return bisect(rules, a.cy) == bisect(rules, b.cy)
    return abs(a.cy - b.cy) < 0.6 * max(a.height, b.height, 1)


def _reading_order(lines: list[TextLine]) -> list[TextLine]:
    """Top to bottom by visual row, left to right within a row."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda ln: ln.cy):
        if rows and abs(rows[-1][0].cy - line.cy) < 0.5 * max(line.height, 1):
            rows[-1].append(line)
        else:
            rows.append([line])
    return [ln for row in rows for ln in sorted(row, key=lambda ln: ln.box[0])]


class _Page:
    """Lines of one page sorted into title, headers, anchors and values."""

    def __init__(self, lines: tuple[TextLine, ...]) -> None:
        vocab = forms()
        self.layout = Layout()
        self.anchors: list[Anchor] = []
        self.values: list[TextLine] = []
        self.headers: dict[str, TextLine] = {}
        self.debris: list[TextLine] = []
        named = [o.name for o in offices() if any(o.name in ln.text for ln in lines)]
        seal_chars = frozenset("".join(named))
        names = _name_labels(lines)
        for line in lines:
            text = clean(line.text)
            if not text:
                continue
            title = next((t for t in vocab.titles if t in text), None)
            if title:
                self.layout.title_type = vocab.titles[title]
            elif text in vocab.male_headers:
                self.headers.setdefault("male", line)
            elif text in vocab.female_headers:
                self.headers.setdefault("female", line)
            elif text in vocab.other_headers or any(p in text for p in vocab.printed_phrases):
                continue
            elif _is_debris(text, line, seal_chars) and not _beside_any(line, names):
                self.debris.append(line)
            else:
                self._sort_line(line, text)

    def _sort_line(self, line: TextLine, text: str) -> None:
        label = next((lab for lab in forms().labels if text.startswith(lab.text)), None)
        if label is None:
            self.values.append(line)
            return
        if label.text in forms().certificate_label_type:
            self.layout.certificate_label = label.text
        head, rest = _split(line, label)
        self.anchors.append(Anchor(label, head))
        if rest is not None:
            self.values.append(rest)


def _complete_headers(page: _Page) -> None:
    """With one column header misread (a seal over 女方), the other line of that row stands in."""
    for known, missing, side in (("male", "female", 1), ("female", "male", -1)):
        head = page.headers.get(known)
        if head is None or missing in page.headers:
            continue
        row = [
            v
            for v in page.values + page.debris
            if abs(v.cy - head.cy) < 0.5 * max(head.height, 1) and (v.cx - head.cx) * side > 0
        ]
        if len(row) == 1 and len(clean(row[0].text)) <= 2:
            page.headers[missing] = row[0]
            if row[0] in page.values:
                page.values.remove(row[0])


def _party_by_block(anchor: Anchor, headers: dict[str, TextLine]) -> str | None:
    male, female = headers.get("male"), headers.get("female")
    if female and anchor.line.cy > female.cy:
        return "female"
    if male and anchor.line.cy > male.cy:
        return "male"
    return None


def _cut(line: TextLine, index: int) -> tuple[TextLine, TextLine] | None:
    """The line cut before character ``index``, with its steps, glyphs and scores, the box
    cut in proportion to the steps; ``None`` without per-character steps."""
    if line.steps is None or len(line.cols) != len(line.text) or not 0 < index < len(line.text):
        return None
    cut = (line.cols[index - 1] + line.cols[index]) // 2 + 1
    x0, y0, x1, y1 = line.box
    at = x0 + (x1 - x0) * cut // max(len(line.steps), 1)
    scores = line.char_scores if len(line.char_scores) == len(line.text) else ()
    parts = []
    for (start, end), (left, right), steps in (
        ((0, index), (x0, at), line.steps[:cut]),
        ((index, len(line.text)), (at, x1), line.steps[cut:]),
    ):
        glyphs = None
        if line.glyphs is not None:
            g = line.glyphs
            mine = (g.step >= cut) if start else (g.step < cut)
            glyphs = StepGlyphs(g.step[mine] - (cut if start else 0), g.glyph[mine], g.prob[mine])
        parts.append(
            TextLine(
                line.text[start:end],
                line.score,
                (left, y0, right, y1),
                scores[start:end],
                steps,
                tuple(c - (cut if start else 0) for c in line.cols[start:end]),
                glyphs,
            )
        )
    return parts[0], parts[1]


def _split_across_columns(values: list[TextLine], middle: float) -> list[TextLine]:
    """Lines the detector merged across the two party columns (a long hukou of the man running
    into the woman's), cut where the second hukou opens."""
    out: list[TextLine] = []
    for line in values:
        at = _second_opening(line.text)
        parts = _cut(line, at) if line.box[0] < middle < line.box[2] and at > 0 else None
        out += parts if parts else [line]
    return out


def _second_opening(text: str) -> int:
    """Where a hukou opens a second time in ``text`` (0 when it does not)."""
    for skip in range(len(_HUKOU_OPENING) - 2):
        found = text.find(_HUKOU_OPENING[skip : skip + 3], skip + 1)
        if found > skip:
            start = found - skip
            # The county before ends the first hukou: the opening's first characters were lost.
            return found if skip and text[start] in _COUNTY_ENDS else start
    return 0


def analyse(reading: PageReading) -> Layout:
    """Find the form family and the value lines of every field on a read page."""
    page = _Page(reading.lines)
    _complete_headers(page)
    male, female = page.headers.get("male"), page.headers.get("female")
    table = bool(male and female and abs(male.cy - female.cy) < max(male.height, 1))
    if table and male and female:
        page.values = _split_across_columns(page.values, (male.cx + female.cx) / 2)
    rules = reading.rules if table else ()
    cells: dict[str, list[TextLine]] = {}
    owner: dict[TextLine, str] = {}
    for value in _reading_order(page.values):
        left = [
            a
            for a in page.anchors
            if a.line.box[0] < value.box[0] and _same_row(a.line, value, rules)
        ]
        if not left:
            key = _continuation(value, owner)
            if key:
                cells[key].append(value)
                owner[value] = key
            continue
        anchor = min(left, key=lambda a: _nearness(a.line, value))
        key = anchor.label.field
        if anchor.label.per_party:
            if table and male and female:
                party: str | None = "male" if value.cx < (male.cx + female.cx) / 2 else "female"
            else:
                party = _party_by_block(anchor, page.headers)
            if party is None:
                continue
            key = f"{party}.{key}"
        cells.setdefault(key, []).append(value)
        owner[value] = key
    page.layout.cells = {k: _reading_order(v) for k, v in cells.items()}
    page.layout.labels = len(page.anchors)
    return page.layout


def _nearness(label: TextLine, value: TextLine) -> tuple[int, float, int]:
    """Sort key of a label for a value: on the value's line first (then the nearest on the
    left), else the vertically nearest: a missed table rule must not pair a value with the
    label of the next row."""
    dy = abs(label.cy - value.cy)
    level = dy < 0.5 * max(label.height, value.height, 1)
    return (0 if level else 1, 0.0 if level else dy, -label.box[2])


def _continuation(value: TextLine, owner: dict[TextLine, str]) -> str | None:
    """The wrapping field whose last line sits just above this one, if any."""
    for line, key in owner.items():
        if not key.endswith(_WRAPPING):
            continue
        # Judged by the line above: a merged, taller box (seal over text) is not a wrapped value.
        below = 0 < value.cy - line.cy < 2 * line.height and value.height < 1.5 * line.height
        aligned = abs(value.box[0] - line.box[0]) < 3 * line.height
        if below and aligned:
            return key
    return None
