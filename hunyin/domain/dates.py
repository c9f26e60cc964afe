"""Dates as people wrote them (ISO, dotted, compact, 年月日, Chinese numerals) and ages."""

import re
from datetime import date, datetime, timedelta, timezone

_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_FULLWIDTH = str.maketrans("０１２３４５６７８９－．／", "0123456789-./")
_NUMERIC = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_CHINESE = re.compile(
    r"([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
    r"([一二三四五六七八九十]{1,3})日"
)


def _small_number(text: str) -> int:
    """一 … 三十一, as written in month and day."""
    if "十" not in text:
        return _DIGITS[text]
    tens, _, units = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def parse_date(text: str | None) -> date | None:
    """Parse any of the written styles; ``None`` when nothing valid is found."""
    if not text:
        return None
    clean = text.translate(_FULLWIDTH).strip()
    try:
        if match := _NUMERIC.search(clean):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _COMPACT.match(clean):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _CHINESE.search(clean):
            year = int("".join(str(_DIGITS[c]) for c in match[1]))
            return date(year, _small_number(match[2]), _small_number(match[3]))
    except (ValueError, KeyError):
        return None
    return None


def age_on(birth: date, day: date) -> int:
    """Whole years of age on ``day``: the birthday itself counts (a person born on 29 February
    comes of age on 1 March in a common year)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# The prefecture's offices keep China Standard Time (UTC+8) all year: "today" at the window.
OFFICE_TZ = timezone(timedelta(hours=8), "CST")


def office_today() -> date:
    """Today's date at the registration offices."""
    return datetime.now(OFFICE_TZ).date()
