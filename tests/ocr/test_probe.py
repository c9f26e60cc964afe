"""The second look for a lone value the detector missed, with the real recogniser."""

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr.engines.base import TextLine
from ocr.engines.rapid import RapidOcrEngine
from ocr.probe import probe, respan

pytestmark = pytest.mark.ocr

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


@pytest.fixture(scope="module")
def engine() -> RapidOcrEngine:
    return RapidOcrEngine(threads=1)


def _row(words: dict[str, int]) -> tuple[np.ndarray, dict[str, TextLine]]:
    """A white strip with each word drawn 48 px high at its x, and the word's line."""
    image = Image.new("RGB", (1400, 200), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 48)
    lines = {}
    for word, x in words.items():
        draw.text((x, 70), word, font=font, fill="black")
        x0, y0, x1, y1 = draw.textbbox((x, 70), word, font=font)
        lines[word] = TextLine(word, 0.99, (int(x0) - 4, int(y0) - 4, int(x1) + 4, int(y1) + 4))
    return np.asarray(image), lines


def test_a_missed_lone_value_is_read_in_the_blank_beside_its_label(
    engine: RapidOcrEngine,
) -> None:
    image, lines = _row({"性别": 100, "男": 420, "民族": 800, "汉族": 1000})
    seen = [lines["性别"], lines["民族"], lines["汉族"]]
    found = probe(engine, image, seen)
    assert [ln.text for ln in found] == ["男"]
    assert lines["性别"].box[2] < found[0].box[0] < lines["男"].box[0] <= found[0].box[2]


def test_nothing_is_probed_when_the_value_was_read_or_the_blank_is_empty(
    engine: RapidOcrEngine,
) -> None:
    image, lines = _row({"性别": 100, "男": 420, "民族": 800})
    assert probe(engine, image, list(lines.values())) == []
    blank, only = _row({"性别": 100, "民族": 800})
    assert probe(engine, blank, list(only.values())) == []


def test_a_value_written_close_to_its_label_is_not_cut_off(engine: RapidOcrEngine) -> None:
    image, lines = _row({"性别": 100, "女": 206, "民族": 800})
    found = probe(engine, image, [lines["性别"], lines["民族"]])
    assert [ln.text for ln in found] == ["女"]


def test_a_date_broken_into_pieces_is_read_again_as_one_line(engine: RapidOcrEngine) -> None:
    image, lines = _row({"出生日期": 100, "一九四五年四月二十二日": 360, "文化程度": 1000})
    label, date, then = lines["出生日期"], lines["一九四五年四月二十二日"], lines["文化程度"]
    # The detector kept only the middle of the date: no date at all.
    piece = TextLine(
        "九四五年四", 0.99, (date.box[0] + 40, date.box[1], date.box[0] + 240, date.box[3])
    )
    out = respan(engine, image, [label, piece, then])
    assert piece not in out and label in out and then in out
    [whole] = [ln for ln in out if ln not in (label, then)]
    assert whole.text == "一九四五年四月二十二日"
    assert label.box[2] < whole.box[0] < date.box[0] and date.box[2] <= whole.box[2] < then.box[0]


def test_pieces_that_are_a_date_or_a_row_that_is_none_stay_as_read(
    engine: RapidOcrEngine,
) -> None:
    image, lines = _row({"出生日期": 100, "1945年4月22日": 360, "文化程度": 1000})
    read = list(lines.values())
    assert respan(engine, image, read) is read
    image, lines = _row({"出生日期": 100, "不详不详": 360, "文化程度": 1000})
    piece = TextLine("不详", 0.99, lines["不详不详"].box)
    read = [lines["出生日期"], piece, lines["文化程度"]]
    assert respan(engine, image, read) == read


def test_a_date_the_detector_missed_altogether_is_read_in_its_cell(
    engine: RapidOcrEngine,
) -> None:
    image, lines = _row({"登记日期": 100, "一九七八年十月十八日": 360})
    out = respan(engine, image, [lines["登记日期"]])
    assert [ln.text for ln in out] == ["登记日期", "一九七八年十月十八日"]
