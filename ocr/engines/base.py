"""The engine interface: a text line with its box and score, and what every engine can do."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

Box = tuple[int, int, int, int]
# Characters whose misreading breaks a value's shape rather than changing its meaning.
PUNCTUATION = "-()（）:：,，.。、_·'\"「」『』【】|"
# The symbols whose probability a recogniser keeps at every step of a line (column 0 of a
# line's ``steps`` is the CTC blank, then one column per symbol here), so that a field can be
# decoded again under its own constraint: digits and X for ID numbers, the date grammars.
STEP_SYMBOLS = "0123456789X年月日〇零一二三四五六七八九十-./"


@dataclass(frozen=True, slots=True)
class StepGlyphs:
    """The glyphs a recogniser found likely at each step of a line, beyond ``STEP_SYMBOLS``:
    parallel arrays of step index, glyph and probability (only glyphs above a floor), so that a
    field of a closed vocabulary can be decoded under it without the whole distribution."""

    step: np.ndarray
    glyph: np.ndarray
    prob: np.ndarray


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text read from a page, with its box in pixels of the (deskewed) page."""

    text: str
    score: float
    box: Box
    # Per character of ``text`` where the engine gives them; empty otherwise.
    char_scores: tuple[float, ...] = ()
    # Per recogniser step, the probabilities of blank and of ``STEP_SYMBOLS`` (float16, steps ×
    # symbols), and the step at which each character of ``text`` was read; where the engine
    # gives them. Not part of a line's identity.
    steps: np.ndarray | None = field(default=None, compare=False, repr=False)
    cols: tuple[int, ...] = field(default=(), compare=False, repr=False)
    glyphs: StepGlyphs | None = field(default=None, compare=False, repr=False)

    @property
    def sureness(self) -> float:
        """The least sure character that carries meaning (spaces and punctuation are checked
        by the value's shape instead); the line score when the engine gives no per-character
        scores. One misread character hides in a mean (0.96) but not in a minimum (0.49)."""
        scores = [
            s
            for ch, s in zip(self.text, self.char_scores, strict=False)
            if not ch.isspace() and ch not in PUNCTUATION
        ]
        return min(scores) if scores else self.score

    @property
    def cx(self) -> float:
        """Horizontal centre."""
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        """Vertical centre."""
        return (self.box[1] + self.box[3]) / 2

    @property
    def height(self) -> int:
        """Box height in pixels."""
        return self.box[3] - self.box[1]


class OcrEngine(Protocol):
    """A text reader. ``name`` and ``version`` (engine and model) go into provenance."""

    name: str
    version: str

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        """Quadrilaterals (4×2, clockwise from top left) of the text lines of an RGB page."""
        ...

    def read_regions(
        self,
        image: np.ndarray,
        boxes: list[Box],
        *,
        charset: str | None = None,
        expect: Sequence[str] | None = None,
    ) -> list[TextLine]:
        """Read the given boxes of an RGB page, in order: at least one line per box, each
        carrying its box (an engine may return several readings of one box, and may stop
        early once a reading equals the ``expect``-ed text of another engine)."""
        ...


def crop(image: np.ndarray, box: Box, *, pad: int = 4) -> np.ndarray:
    """The box cut out of the image, padded a little and clipped to the page."""
    h, w = image.shape[:2]
    x0, y0, x1, y1 = box
    return image[max(0, y0 - pad) : min(h, y1 + pad), max(0, x0 - pad) : min(w, x1 + pad)]


def bounding_box(quad: np.ndarray) -> Box:
    """The axis-aligned box around a quadrilateral."""
    xs, ys = quad[:, 0], quad[:, 1]
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())
