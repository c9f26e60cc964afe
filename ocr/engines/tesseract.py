"""Tesseract (chi_sim) through pytesseract: the second opinion on single lines."""

import numpy as np

from hunyin.errors import MissingDependencyError
from ocr.engines.base import Box, TextLine, crop


class TesseractEngine:
    """Reads line crops; ``charset`` narrows it to e.g. the characters of an ID number."""

    name = "tesseract"

    def __init__(self, *, lang: str = "chi_sim") -> None:
        import pytesseract

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
        self, image: np.ndarray, boxes: list[Box], *, charset: str | None = None
    ) -> list[TextLine]:
        """Each box read as one line (page segmentation mode 7)."""
        config = "--psm 7"
        if charset:
            config += f" -c tessedit_char_whitelist={charset}"
        lang = "eng" if charset and charset.isascii() else self._lang
        lines = []
        for box in boxes:
            data = self._tess.image_to_data(
                crop(image, box, pad=8),
                lang=lang,
                config=config,
                output_type=self._tess.Output.DICT,
            )
            words = [
                (t, float(c)) for t, c in zip(data["text"], data["conf"], strict=True) if t.strip()
            ]
            text = "".join(t for t, _ in words)
            score = min((c for _, c in words), default=0.0) / 100
            lines.append(TextLine(text=text, score=max(score, 0.0), box=box))
        return lines
