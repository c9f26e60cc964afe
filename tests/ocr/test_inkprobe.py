"""Words of closed lists found by their ink beside their labels, with the real recogniser."""

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.engines.base import TextLine
from ocr.engines.rapid import RapidOcrEngine
from ocr.inkprobe import ink_probe, word_box

pytestmark = pytest.mark.ocr

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine(threads=1)


def _row(
    words: dict[str, tuple[int, int]], *, underlines: tuple[tuple[int, int], ...] = ()
) -> tuple[np.ndarray, dict[str, TextLine]]:
    """A white strip with each word drawn at its (x, size), all on one baseline, a printed
    underline under each (x0, x1), and each word's line."""
    image = Image.new("RGB", (1400, 220), "white")
    draw = ImageDraw.Draw(image)
    lines = {}
    for word, (x, size) in words.items():
        font = ImageFont.truetype(FONT, size)
        top = 130 - size
        draw.text((x, top), word, font=font, fill="black")
        x0, y0, x1, y1 = draw.textbbox((x, top), word, font=font)
        lines[word] = TextLine(word, 0.99, (int(x0) - 4, int(y0) - 4, int(x1) + 4, int(y1) + 4))
    for x0, x1 in underlines:
        draw.line((x0, 142, x1, 142), fill="black", width=3)
    return np.asarray(image), lines


def test_a_small_word_above_an_underline_is_found_by_its_ink(engine: RapidOcrEngine) -> None:
    image, lines = _row(
        {"性别": (100, 48), "女": (330, 26), "民族": (800, 48)}, underlines=((240, 560),)
    )
    seen = [lines["性别"], lines["民族"]]
    out = ink_probe(engine, image, seen)
    [found] = [ln for ln in out if ln not in seen]
    assert found.text == "女"
    written = lines["女"].box
    assert found.box[0] <= written[0] + 4 and written[2] - 4 <= found.box[2]
    assert found.box[3] < 142 + 20


def test_the_word_box_leaves_the_underline_and_specks_out() -> None:
    lined, _ = _row({"性别": (100, 48), "未婚": (330, 30)}, underlines=((240, 700),))
    plain, lines = _row({"性别": (100, 48), "未婚": (330, 30)})
    speck = lined.copy()
    speck[60:62, 650:652] = 0
    cell = (240, 40, 720, 170)
    box, bare = word_box(speck, cell, 56), word_box(plain, cell, 56)
    assert box is not None and bare is not None
    # Taking the rule out may take a pixel of the strokes that touch it with it.
    assert all(abs(a - b) <= 2 for a, b in zip(box, bare, strict=True))
    written = lines["未婚"].box
    assert box[0] <= written[0] + 4 and written[2] - 4 <= box[2] < 650


def test_a_cell_read_already_or_blank_is_left_as_it_is(engine: RapidOcrEngine) -> None:
    image, lines = _row({"性别": (100, 48), "男": (330, 48), "民族": (800, 48)})
    read = list(lines.values())
    assert ink_probe(engine, image, read) == read
    blank, only = _row({"性别": (100, 48), "民族": (800, 48)}, underlines=((240, 560),))
    assert ink_probe(engine, blank, list(only.values())) == list(only.values())


def test_ink_that_reads_as_no_word_of_the_list_is_not_kept(engine: RapidOcrEngine) -> None:
    image, lines = _row({"婚姻状况": (100, 48), "张三": (400, 30)}, underlines=((320, 700),))
    seen = [lines["婚姻状况"]]
    assert ink_probe(engine, image, seen) == seen


def test_a_doubted_misreading_gives_way_to_the_word_read_from_its_ink(
    engine: RapidOcrEngine,
) -> None:
    image, lines = _row({"婚姻状况": (100, 48), "未婚": (400, 40)}, underlines=((320, 700),))
    label, written = lines["婚姻状况"], lines["未婚"]
    doubted = TextLine("末婚", 0.8, written.box, (0.55, 0.99))
    out = ink_probe(engine, image, [label, doubted])
    assert [ln.text for ln in out] == ["婚姻状况", "未婚"]
    sure = TextLine("末婚", 0.99, written.box, (0.99, 0.99))
    assert ink_probe(engine, image, [label, sure]) == [label, sure]
