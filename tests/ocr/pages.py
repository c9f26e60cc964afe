"""Readings of made-up pages, laid out the way the two form families place their text."""

from typing import Any

import numpy as np

from ocr.engines.base import STEP_SYMBOLS, StepGlyphs, TextLine
from ocr.reading import EngineReading, PageReading

ROW = 100  # row pitch of the fake table, in pixels
_STEP_WIDTH = len(STEP_SYMBOLS) + 1

_PARTY_ROWS = (
    ("姓名", "name"),
    ("性别", "sex"),
    ("出生日期", "birth_date"),
    ("身份证件号", "id_number"),
    ("民族", "ethnicity"),
    ("职业", "occupation"),
    ("文化程度", "education"),
    ("本人婚姻状况", "prior_status"),
)
_NUMBER_LABEL = {"marriage": "结婚证字号", "divorce": "离婚证字号", "reissue": "补发证字号"}
_TITLE = {
    "marriage": "结婚登记审查处理表",
    "divorce": "离婚登记审查处理表",
    "reissue": "补发婚姻登记证审查处理表",
}


def line(text: str, x: int, y: int, *, score: float = 0.99) -> TextLine:
    """A line whose box starts at (x, y), 40 px high, 30 px per character."""
    return TextLine(text, score, (x, y, x + 30 * len(text), y + 40))


def stepped_line(text: str, *, doubt: dict[int, dict[str, float]] | None = None) -> TextLine:
    """A line reading ``text``: each character on one step (its glyphs from ``doubt`` where
    given, else the character at 0.97), a blank step after it."""
    count = 2 * len(text)
    steps = np.zeros((count, _STEP_WIDTH), np.float16)
    at: list[int] = []
    glyph: list[str] = []
    prob: list[float] = []
    for i, ch in enumerate(text):
        steps[2 * i, 0] = 0.02
        steps[2 * i + 1, 0] = 0.99
        for g, p in ((doubt or {}).get(i) or {ch: 0.97}).items():
            at.append(2 * i)
            glyph.append(g)
            prob.append(p)
    glyphs = StepGlyphs(np.array(at, np.int16), np.array(glyph), np.array(prob, np.float16))
    box = (400, 200, 400 + 30 * len(text), 240)
    cols = tuple(range(0, count, 2))
    return TextLine(text, 0.9, box, (0.9,) * len(text), steps, cols, glyphs)


def table_lines(record: dict[str, Any], *, score: float = 0.99) -> list[TextLine]:
    """The modern table: labels at x=100, 男方 values at x=400, 女方 values at x=900."""
    lines = [line(_TITLE[record["record_type"]], 400, 50), line("项目", 100, 130)]
    lines += [line("男方", 500, 130), line("女方", 1000, 130)]
    y = 230
    for label, key in _PARTY_ROWS:
        lines.append(line(label, 100, y))
        for role, x in (("male", 400), ("female", 900)):
            value = record[role][key]
            if value:
                lines.append(line(value, x, y - 5, score=score))
        y += ROW
    lines.append(line("常住户口所在地", 100, y + 30))
    for role, x in (("male", 400), ("female", 900)):
        hukou = record[role]["hukou"]
        lines.append(line(hukou[:10], x, y, score=score))
        lines.append(line(hukou[10:], x, y + 60, score=score))
    y += 2 * ROW
    for label, value in (
        ("登记日期", record["registration_date"]),
        (_NUMBER_LABEL[record["record_type"]], record["certificate_no"]),
        ("婚姻登记员", record["registrar"]),
        ("登记机关", record["office_name"]),
    ):
        lines += [line(label, 100, y), line(value, 400, y, score=score)]
        y += ROW
    return lines


def table_rules(count: int = 16) -> tuple[int, ...]:
    """Rules between the fake table's rows (the hukou row is twice as tall)."""
    rules = [110, 210]
    y = 210
    for index in range(count):
        y += 2 * ROW if index == 8 else ROW
        rules.append(y)
    return tuple(rules)


def reading(
    lines: list[TextLine], *, rules: tuple[int, ...] = (), extra: tuple[EngineReading, ...] = ()
) -> PageReading:
    """A page reading as the main engine would have produced it."""
    main = EngineReading("fake", "1", tuple(lines))
    return PageReading(1600, 2300, False, 0.0, False, rules, (main, *extra))


MODERN: dict[str, Any] = {
    "record_type": "marriage",
    "registration_date": "2018-07-06",
    "office_code": "532301",
    "office_name": "楚雄市民政局",
    "certificate_no": "J532301-2018-000588",
    "registrar": "起志红",
    "male": {
        "name": "程辉忠",
        "sex": "男",
        "birth_date": "1991-11-15",
        "id_number": "532301199111152090",
        "ethnicity": "汉族",
        "hukou": "云南省楚雄彝族自治州楚雄市子午镇中村村委会",
        "occupation": "农民",
        "education": "中专",
        "prior_status": "未婚",
    },
    "female": {
        "name": "唐芬",
        "sex": "女",
        "birth_date": "1983-11-25",
        "id_number": "532324198311250605",
        "ethnicity": "汉族",
        "hukou": "云南省楚雄彝族自治州南华县马街镇核桃村委会新村村99号",
        "occupation": "个体经营",
        "education": "大专",
        "prior_status": "未婚",
    },
}
