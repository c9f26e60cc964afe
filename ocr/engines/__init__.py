"""OCR engines behind one interface: RapidOCR (PP-OCRv6) first, Tesseract as second opinion."""

from ocr.engines.base import Box, OcrEngine, TextLine
from ocr.engines.fake import FakeEngine
from ocr.engines.rapid import RapidOcrEngine
from ocr.engines.tesseract import TesseractEngine

__all__ = [
    "Box",
    "FakeEngine",
    "OcrEngine",
    "RapidOcrEngine",
    "TesseractEngine",
    "TextLine",
    "default_engines",
]


def default_engines(*, threads: int | None = None) -> list[OcrEngine]:
    """The production pair: PP-OCRv6 reads every line, Tesseract re-reads ID numbers."""
    return [RapidOcrEngine(threads=threads), TesseractEngine()]
