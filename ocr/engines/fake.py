"""A scripted engine for tests: it 'reads' the lines it was given, wherever they are."""

from collections.abc import Sequence

import numpy as np

from ocr.engines.base import Box, TextLine


class FakeEngine:
    """Returns prepared lines: ``detect`` gives their boxes, ``read_regions`` their texts."""

    def __init__(
        self, lines: Sequence[TextLine], *, name: str = "fake", version: str = "1"
    ) -> None:
        self.name = name
        self.version = version
        self._lines = list(lines)

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        """The boxes of the prepared lines, as quadrilaterals."""
        return [
            np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
            for x0, y0, x1, y1 in (line.box for line in self._lines)
        ]

    def read_regions(
        self,
        image: np.ndarray,
        boxes: list[Box],
        *,
        charset: str | None = None,
        expect: Sequence[str] | None = None,
    ) -> list[TextLine]:
        """The prepared line whose box is nearest each requested box, with its per-character
        scores (empty if none)."""
        out = []
        for box in boxes:
            near = min(
                self._lines,
                key=lambda ln: sum(abs(a - b) for a, b in zip(ln.box, box, strict=True)),
                default=None,
            )
            read = TextLine(near.text, near.score, box, near.char_scores) if near else None
            out.append(read or TextLine("", 0.0, box))
        return out
