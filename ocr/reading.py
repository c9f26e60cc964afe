"""Reading one page: load, page handling, the main engine over every line, second opinions."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from hunyin.domain import idnumber
from ocr import pagefix
from ocr.engines.base import Box, OcrEngine, TextLine, bounding_box
from ocr.forms import routing
from ocr.inkprobe import ink_probe
from ocr.media import load_page
from ocr.probe import probe, respan
from ocr.reread import binarised, reread

# Lines the second engine re-reads: identity numbers that do not prove themselves by their
# check character (15-digit numbers have none), and modern certificate numbers whose least sure
# character is doubtful (nothing checks the serial).
_ID_LIKE = re.compile(r"^[0-9A-Za-z×]{14,20}$")
_NUMBER_LIKE = re.compile(r"^[BJL]{1,2}\d{6}-\d{4}-\d{6}$")
SECOND_CHARSET = "0123456789XBJL-"
# A 15-digit ID number inside a line (its label may be read with it): the main recogniser reads
# it again on the binarised page, a second reading where the other engine often reads nothing
# of a hand-written number.
_FIFTEEN = re.compile(r"(?<![0-9])[0-9]{15}(?![0-9Xx×])")
BINARISED = "binarised"
# Below this skew (degrees) a page is read as it is: the turn would cost more than it gains.
_MIN_SKEW = 0.2
# Median line score below which a page is tried upside down (upright pages read near 1.0,
# upside-down ones near 0.4 or less).
_UPRIGHT_SCORE = 0.8


@dataclass(frozen=True, slots=True)
class EngineReading:
    """What one engine read on the page."""

    engine: str
    version: str
    lines: tuple[TextLine, ...]


@dataclass(frozen=True, slots=True)
class PageReading:
    """Everything extraction needs from a page, without pixels (picklable, small)."""

    width: int
    height: int
    blank: bool
    skew: float
    upside_down: bool
    rules: tuple[int, ...]
    readings: tuple[EngineReading, ...]

    @property
    def lines(self) -> tuple[TextLine, ...]:
        """The main engine's lines."""
        return self.readings[0].lines if self.readings else ()


def _median_score(lines: list[TextLine]) -> float:
    return float(np.median([line.score for line in lines])) if lines else 0.0


def _read_upright(
    engine: OcrEngine, image: np.ndarray, boxes: list[Box]
) -> tuple[np.ndarray, list[TextLine], bool]:
    """Every line read; a page that reads as garbage is read again turned by 180° and the
    better reading kept. Upright text reads with a median score near 1, upside-down text far
    below, so upright pages (nearly all) pay nothing for the check."""
    lines = engine.read_regions(image, boxes)
    if _median_score(lines) >= _UPRIGHT_SCORE:
        return image, lines, False
    h, w = image.shape[:2]
    turned = np.ascontiguousarray(image[::-1, ::-1])
    again = engine.read_regions(turned, pagefix.flip_boxes(boxes, width=w, height=h))
    if _median_score(again) > _median_score(lines):
        return turned, again, True
    return image, lines, False


def _needs_second_opinion(line: TextLine) -> bool:
    text = line.text.replace(" ", "").upper()
    if _NUMBER_LIKE.match(text):
        return line.sureness < routing()["accept_threshold"]
    return bool(_ID_LIKE.match(text)) and not (len(text) == 18 and idnumber.is_valid(text))


def prepare(image: np.ndarray, engine: OcrEngine) -> tuple[np.ndarray, list[Box], float]:
    """Seal-free, levelled page with its line boxes, and the skew that was taken out."""
    image = pagefix.suppress_seal(image)
    quads = engine.detect(image)
    skew = pagefix.skew_degrees(quads)
    if abs(skew) >= _MIN_SKEW:
        image, matrix = pagefix.rotate(image, skew)
        quads = [q @ matrix[:, :2].T + matrix[:, 2] for q in quads]
    boxes = [b for b in map(bounding_box, quads) if b[2] > b[0] and b[3] > b[1]]
    return image, boxes, skew


def read_image(image: np.ndarray, *, engines: Sequence[OcrEngine]) -> PageReading:
    """Read an RGB page: the first engine reads every line, the others re-read the numbers
    that nothing else checks."""
    h, w = image.shape[:2]
    if not engines or pagefix.looks_blank(image):
        return PageReading(w, h, True, 0.0, False, (), ())
    main = engines[0]
    image, boxes, skew = prepare(image, main)
    image, read, flipped = _read_upright(main, image, boxes)
    lines = [line for line in read if line.text.strip()]
    lines += probe(main, image, lines)
    lines = ink_probe(main, image, lines)
    lines = respan(main, image, lines)
    if routing()["reread"]:
        lines = reread(main, image, lines)
    readings = [EngineReading(main.name, main.version, tuple(lines))]
    doubtful = [line.box for line in lines if _needs_second_opinion(line)]
    for engine in engines[1:]:
        expect = [line.text for line in lines if _needs_second_opinion(line)]
        second = engine.read_regions(image, doubtful, charset=SECOND_CHARSET, expect=expect)
        readings.append(EngineReading(engine.name, engine.version, tuple(second)))
    fifteen = [line.box for line in lines if _FIFTEEN.search(line.text.replace(" ", ""))]
    if fifteen:
        again = main.read_regions(binarised(image), fifteen, charset=SECOND_CHARSET)
        readings.append(EngineReading(f"{main.name} {BINARISED}", main.version, tuple(again)))
    rules = pagefix.horizontal_rules(image)
    return PageReading(w, h, not lines, skew, flipped, rules, tuple(readings))


def read_page(path: Path, *, page: int, engines: Sequence[OcrEngine]) -> PageReading:
    """Load page ``page`` (1-based) of a scan file and read it."""
    return read_image(load_page(path, page=page), engines=engines)
