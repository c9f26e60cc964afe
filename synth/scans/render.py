"""Drawing the forms: the modern table and the older application, at any resolution and font."""

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from synth.scans.hand import Hand, write

_DIGITS = "〇一二三四五六七八九"
_TITLES = {
    "marriage": "结婚登记审查处理表",
    "divorce": "离婚登记审查处理表",
    "reissue": "补发婚姻登记证审查处理表",
}
_NUMBER_LABEL = {"marriage": "结婚证字号", "divorce": "离婚证字号", "reissue": "补发证字号"}
_PARTY_ROWS = (
    ("姓名", "name"),
    ("性别", "sex"),
    ("出生日期", "birth_date"),
    ("身份证件号", "id_number"),
    ("国籍", None),
    ("民族", "ethnicity"),
    ("职业", "occupation"),
    ("文化程度", "education"),
    ("本人婚姻状况", "prior_status"),
)


def chinese_date(iso: str) -> str:
    """一九八七年三月十八日."""
    day = date.fromisoformat(iso)

    def small(n: int) -> str:
        tens, units = divmod(n, 10)
        return (("" if tens == 1 else _DIGITS[tens]) + "十" if tens else "") + (
            _DIGITS[units] if units else ""
        )

    year = "".join(_DIGITS[int(c)] for c in str(day.year))
    return f"{year}年{small(day.month)}月{small(day.day)}日"


def styled_date(iso: str, rng: random.Random) -> str:
    """The date as offices wrote it on modern forms, in one of their styles."""
    day = date.fromisoformat(iso)
    return rng.choice((f"{day:%Y年%m月%d日}", iso, f"{day.year}年{day.month}月{day.day}日"))


@dataclass(frozen=True, slots=True)
class Style:
    """How a page is drawn: resolution, fonts for print and for filled-in values, ink colour."""

    dpi: int
    label_font: tuple[str, int]
    value_font: tuple[str, int]
    ink: tuple[int, int, int]
    # Filled-in values written by this clerk's hand instead of typed in ``value_font``.
    hand: Hand | None = None


class Canvas:
    """An A4 page measured in millimetres."""

    def __init__(self, style: Style, rng: random.Random | None = None) -> None:
        self.style = style
        self.rng = rng or random.Random(0)
        self.k = style.dpi / 25.4
        self.image = Image.new("RGB", (round(210 * self.k), round(297 * self.k)), "white")
        self.draw = ImageDraw.Draw(self.image)
        self._fonts: dict[tuple[tuple[str, int], float], ImageFont.FreeTypeFont] = {}

    def font(self, face: tuple[str, int], size_mm: float) -> ImageFont.FreeTypeFont:
        """A font face at a size in millimetres, loaded once."""
        key = (face, size_mm)
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(face[0], round(size_mm * self.k), index=face[1])
        return self._fonts[key]

    def text(
        self, x: float, y: float, text: str, *, value: bool = False, size: float = 4.2
    ) -> None:
        """Printed text at (x, y) mm, or a filled-in value in the value font and ink."""
        if value and self.style.hand is not None:
            px = round(size * self.k)
            write(
                self.image, x * self.k, y * self.k, text, px=px, hand=self.style.hand, rng=self.rng
            )
            return
        font = self.font(self.style.value_font if value else self.style.label_font, size)
        fill = self.style.ink if value else (20, 20, 20)
        self.draw.text((x * self.k, y * self.k), text, font=font, fill=fill)

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """A printed rule between two points in mm."""
        self.draw.line(
            [(x0 * self.k, y0 * self.k), (x1 * self.k, y1 * self.k)],
            fill=(30, 30, 30),
            width=max(2, round(self.k / 3)),
        )


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def draw_table(record: dict[str, Any], style: Style, rng: random.Random) -> Image.Image:
    """The modern 审查处理表."""
    c = Canvas(style, rng)
    c.text(62, 22, _TITLES[record["record_type"]], size=7)
    x0, xm, xf, x1, y = 18.0, 58.0, 124.0, 192.0, 40.0
    rows: list[tuple[str, float]] = [("项目", 12.0)] + [(label, 12.0) for label, _ in _PARTY_ROWS]
    rows += [
        ("常住户口所在地", 22),
        ("登记日期", 12),
        (_NUMBER_LABEL[record["record_type"]], 12),
        ("婚姻登记员", 12),
        ("登记机关", 12),
    ]
    c.line(x0, y, x1, y)
    for label, height in rows:
        c.text(x0 + 2, y + height / 2 - 2.3, label, size=4)
        split = label not in ("登记日期", "婚姻登记员", "登记机关") and not label.endswith("证字号")
        for role, x in (("male", xm), ("female", xf)):
            if label == "项目":
                c.text(x + 25, y + 4, "男方" if role == "male" else "女方", size=4)
                continue
            if not split and role == "female":
                continue
            _table_value(c, record, label, role, x, y, rng)
        c.line(x0, y + height, x1, y + height)
        c.line(xm, y, xm, y + height)
        if split:
            c.line(xf, y, xf, y + height)
        y += height
    c.line(x0, 40, x0, y + 40)
    c.line(x1, 40, x1, y + 40)
    c.text(x0 + 2, y + 3, "审查意见:", size=4)
    c.text(x0 + 20, y + 12, "符合登记条件，准予登记。", size=4)
    c.line(x0, y + 40, x1, y + 40)
    return c.image


def _table_value(
    c: Canvas, record: dict[str, Any], label: str, role: str, x: float, y: float, rng: random.Random
) -> None:
    party = record[role]
    dx = x + 3 + rng.uniform(0, 4)
    if label == "常住户口所在地":
        hukou = party["hukou"]
        for i, part in enumerate(_wrap(hukou, max(13, -(-len(hukou) // 2)))):
            c.text(dx, y + 3 + i * 9, part, value=True, size=3.8 if len(part) <= 14 else 3.4)
        return
    simple = {
        "登记日期": styled_date(record["registration_date"], rng),
        "婚姻登记员": record["registrar"],
        "登记机关": record["office_name"],
    }
    if label in simple:
        c.text(dx, y + 3.5, simple[label], value=True)
        return
    if label.endswith("证字号"):
        c.text(dx, y + 3.5, record["certificate_no"], value=True)
        return
    key = dict(_PARTY_ROWS)[label]
    value = "中国" if key is None else party[key]
    if key == "birth_date":
        value = styled_date(value, rng)
    if value:
        c.text(dx, y + 3.5, value, value=True)


def draw_application(record: dict[str, Any], style: Style, rng: random.Random) -> Image.Image:
    """The older 结婚登记申请书 with inline labels and Chinese-numeral dates."""
    c = Canvas(style, rng)
    c.text(75, 22, "结婚登记申请书", size=7)
    y = 40.0
    for role, head in (("male", "男方:"), ("female", "女方:")):
        p = record[role]
        c.text(18, y, head)
        rows = [
            [("姓名", p["name"], 40), ("性别", p["sex"], 20), ("民族", p["ethnicity"], 30)],
            [("出生日期", chinese_date(p["birth_date"]), 70), ("文化程度", p["education"], 35)],
            [("职业", p["occupation"], 40), ("婚姻状况", p["prior_status"], 25)],
            [("身份证号码", p["id_number"] or "", 75)],
            [("户口所在地", p["hukou"], 130)],
        ]
        for row in rows:
            y += 11
            x = 20.0
            for label, value, width in row:
                c.text(x, y, label)
                lx = x + 4.4 * len(label) + 2
                c.line(lx, y + 5.5, lx + width, y + 5.5)
                c.text(
                    lx + 2 + rng.uniform(0, 3),
                    y - 1,
                    value,
                    value=True,
                    size=4 if len(value) < 20 else 3.8,
                )
                x = lx + width + 8
        y += 16
    c.text(18, y, "我们双方自愿结婚，经审查符合《中华人民共和国婚姻法》规定的结婚条件。", size=3.8)
    y += 8
    for label, value in (
        ("登记机关", record["office_name"]),
        ("登记日期", chinese_date(record["registration_date"])),
        ("结婚证字号", record["certificate_no"]),
        ("登记员", record["registrar"]),
    ):
        y += 11
        c.text(22, y, label)
        c.line(44, y + 5.5, 130, y + 5.5)
        c.text(47, y - 1, value, value=True)
    return c.image
