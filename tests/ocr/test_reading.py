"""Page handling around the engines: blank pages, table rules, second opinions, seals."""

import numpy as np

from ocr.engines.base import TextLine
from ocr.engines.fake import FakeEngine
from ocr.pagefix import horizontal_rules, looks_blank, skew_degrees, suppress_seal
from ocr.reading import BINARISED, read_image


def _page() -> np.ndarray:
    image = np.full((1200, 900, 3), 245, np.uint8)
    for y in (200, 400, 600):
        image[y : y + 3, 50:850] = 20
    image[250:290, 100:400] = 30  # something dark where the text would be
    return image


def test_a_page_without_ink_is_blank() -> None:
    assert looks_blank(np.full((1200, 900, 3), 240, np.uint8))
    assert not looks_blank(_page())
    reading = read_image(np.full((1200, 900, 3), 240, np.uint8), engines=[FakeEngine([])])
    assert reading.blank
    assert reading.lines == ()


def test_rules_and_lines_are_reported() -> None:
    lines = [
        TextLine("姓名", 0.99, (100, 250, 160, 290)),
        TextLine("程辉忠", 0.98, (300, 250, 390, 290)),
    ]
    reading = read_image(_page(), engines=[FakeEngine(lines)])
    assert not reading.blank
    assert [ln.text for ln in reading.lines] == ["姓名", "程辉忠"]
    assert len(reading.rules) == 3
    assert all(abs(a - b) <= 3 for a, b in zip(reading.rules, (201, 401, 601), strict=True))
    assert horizontal_rules(_page()) == reading.rules


def test_only_unchecked_id_numbers_get_a_second_opinion() -> None:
    lines = [
        TextLine("532328650203447", 0.99, (100, 250, 400, 290)),
        TextLine("532301199111152090", 0.99, (100, 450, 400, 490)),
    ]
    second = FakeEngine([TextLine("532328650203447", 0.7, (100, 250, 400, 290))], name="second")
    reading = read_image(_page(), engines=[FakeEngine(lines), second])
    assert [ln.box for ln in reading.readings[1].lines] == [(100, 250, 400, 290)]
    # The 15-digit number, which has no check character, is also read again by the main
    # engine on the binarised page, with its label if it was read with one.
    assert [r.engine for r in reading.readings] == ["fake", "second", f"fake {BINARISED}"]
    assert [ln.text for ln in reading.readings[2].lines] == ["532328650203447"]


def test_red_seal_ink_is_removed_and_dark_text_kept() -> None:
    image = _page()
    image[700:760, 100:300] = (210, 60, 60)
    image[720:730, 150:250] = (20, 20, 20)
    clean = suppress_seal(image)
    assert clean[705, 120].min() > 200
    assert clean[725, 200].max() < 50


def test_skew_is_measured_from_long_lines() -> None:
    quad = np.array([[0, 0], [400, 14], [400, 54], [0, 40]], np.float32)
    assert 1.5 < skew_degrees([quad, quad + 100]) < 2.5


class _UpsideDownPage(FakeEngine):
    """Reads garbage where the text is found, and clean text at the turned positions."""

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        return super().detect(image)[:1]


def test_a_page_that_reads_as_garbage_is_turned() -> None:
    h, w = _page().shape[:2]
    found = TextLine("卜丄", 0.3, (100, 250, 400, 290))
    turned = TextLine("姓名", 0.99, (w - 400, h - 290, w - 100, h - 250))
    reading = read_image(_page(), engines=[_UpsideDownPage([found, turned])])
    assert reading.upside_down
    assert [ln.text for ln in reading.lines] == ["姓名"]
