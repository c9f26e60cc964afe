"""Tesseract (chi_sim) through pytesseract: the second opinion on single lines."""

import os
from collections.abc import Sequence

import cv2
import numpy as np

from hunyin.errors import MissingDependencyError
from ocr.engines.base import Box, TextLine, crop


class TesseractEngine:
    """Reads line crops; ``charset`` narrows it to e.g. the characters of an ID number."""

    name = "tesseract"

    def __init__(self, *, lang: str = "chi_sim") -> None:
        import pytesseract

        # Tesseract's OpenMP threads only fight over the cores for one-line crops.
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")

        try:
            self.version = f"tesseract {pytesseract.get_tesseract_version()} ({lang})"
        except pytesseract.TesseractNotFoundError as exc:
            raise MissingDependencyError("tesseract-ocr is not installed") from exc
        self._tess = pytesseract
        self._lang = lang

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        """Text-line quadrilaterals from Tesseract's own page layout analysis."""
        data = self._tess.image_to_data(image, lang=self._lang, output_type=self._tess.Output.DICT)
        quads = []
        for level, x, y, w, h in zip(
            data["level"], data["left"], data["top"], data["width"], data["height"], strict=True
        ):
            if level == 4 and w > 0 and h > 0:  # level 4: a text line
                quads.append(np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float32))
        return quads

    def read_regions(
        self,
        image: np.ndarray,
        boxes: list[Box],
        *,
        charset: str | None = None,
        expect: Sequence[str] | None = None,
    ) -> list[TextLine]:
        """Each box read as one line (page segmentation mode 7), once per clean-up pass.

        With a ``charset`` (digits of an ID number) a box is read twice, binarised at scan size
        and enlarged in grey: Tesseract's digits vary with scale, and two independent readings
        give the check more to agree with; the second pass is skipped when the first already
        reads what the main engine read. Every reading keeps the box it came from.
        """
        config = "--psm 7"
        if charset:
            config += f" -c tessedit_char_whitelist={charset}"
        lang = "eng" if charset and charset.isascii() else self._lang
        lines = []
        for index, box in enumerate(boxes):
            grey = cv2.cvtColor(crop(image, box, pad=4), cv2.COLOR_RGB2GRAY)
            target = expect[index].replace(" ", "") if expect else None
            for variant in _passes(grey) if charset else [grey]:
                text, score = self._read(variant, lang, config)
                lines.append(TextLine(text=text, score=score, box=box))
                if text == target:
                    break
        return lines

    def _read(self, image: np.ndarray, lang: str, config: str) -> tuple[str, float]:
        data = self._tess.image_to_data(
            image, lang=lang, config=config, output_type=self._tess.Output.DICT
        )
        words = [
            (t, float(c)) for t, c in zip(data["text"], data["conf"], strict=True) if t.strip()
        ]
        score = min((c for _, c in words), default=0.0) / 100
        return "".join(t for t, _ in words), max(score, 0.0)


def _passes(grey: np.ndarray) -> list[np.ndarray]:
    """Binarised at scan size, and enlarged to 64 px line height in grey."""
    _, binary = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    scale = 64 / max(grey.shape[0], 1)
    tall = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return [binary, tall]
