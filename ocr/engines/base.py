"""The engine interface: a text line with its box and score, and what every engine can do."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

Box = tuple[int, int, int, int]
# Characters whose misreading breaks a value's shape rather than changing its meaning.
PUNCTUATION = "-()（）:：,，.。、_·'\"「」『』【】|"


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text read from a page, with its box in pixels of the (deskewed) page."""

    text: str
    score: float
    box: Box
    # Per character of ``text`` where the engine gives them; empty otherwise.
    char_scores: tuple[float, ...] = ()

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
