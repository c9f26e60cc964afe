"""Resident identity numbers (GB 11643-1999): check character, 15→18 upgrade, masking.

The one home of the number's facts: the weights and check characters (``idcolumns`` and the
generators take them from here), the printed shape, and finding and masking numbers in text.
"""

import hashlib
import hmac
import re
from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
"""The weights of the first 17 digits."""
CHECK_CHARACTERS = "10X98765432"
"""The check character for each remainder of the weighted sum modulo 11."""
ID_SHAPE = r"^(\d{17}[\dX]|\d{15})$"
"""A resident ID number as printed: 17 digits and a check character, or 15 digits."""
ID_IN_TEXT = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")
"""A run of 18 or 15 characters shaped like a number and not glued to other digits; 18 first,
so a 15-digit stretch of a longer number is not taken for a number of its own."""
_SHAPE_18 = re.compile(r"^\d{17}[\dX]$")
_SHAPE_15 = re.compile(r"^\d{15}$")


def check_character(first17: str) -> str:
    """The check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def normalise(raw: str | None) -> str | None:
    """Upper-case, without spaces; ``None`` for blank."""
    if raw is None:
        return None
    text = re.sub(r"\s+", "", raw).upper()
    return text or None


def birth_date_of(number: str) -> date | None:
    """The birth date inside a 15- or 18-digit number, or ``None`` when it is not a real date."""
    try:
        if len(number) == 18:
            return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        if len(number) == 15:
            return date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return None
    return None


def sex_of(number: str) -> str | None:
    """'男' or '女' from the sequence parity."""
    digit = number[16] if len(number) == 18 else number[14] if len(number) == 15 else None
    if digit is None or not digit.isdigit():
        return None
    return "男" if int(digit) % 2 else "女"


def is_valid(number: str | None) -> bool:
    """Well formed: shape, a real birth date, and (for 18 digits) the check character."""
    if not number:
        return False
    if _SHAPE_18.match(number):
        return birth_date_of(number) is not None and check_character(number[:17]) == number[17]
    if _SHAPE_15.match(number):
        return birth_date_of(number) is not None
    return False


def is_placeholder(number: str | None) -> bool:
    """A back-filled stand-in, zeros around a birth date (``000000196603120000``): no number.

    No real address code is all zeros, and no real number has nothing but zeros outside its
    birth date."""
    number = normalise(number)
    if not number or len(number) not in (15, 18) or not number[:-1].isdigit():
        return False
    born = slice(6, 14) if len(number) == 18 else slice(6, 12)
    outside = number[: born.start] + number[born.stop :]
    return number[:6] == "000000" or outside.strip("0") in ("", "X")


def upgrade(number: str | None) -> str | None:
    """The 18-digit matching key: a valid 18-digit number as is, a 15-digit one upgraded;
    ``None`` for a placeholder, which is no number."""
    number = normalise(number)
    if not number or not is_valid(number) or is_placeholder(number):
        return None
    if len(number) == 18:
        return number
    first17 = number[:6] + "19" + number[6:]
    return first17 + check_character(first17)


def mask(number: str | None) -> str | None:
    """``5323011990******1X``: address code and birth year kept, all but the last two hidden."""
    if not number:
        return None
    if len(number) == 18:
        return number[:10] + "******" + number[-2:]
    if len(number) == 15:
        return number[:8] + "*****" + number[-2:]
    return "*" * max(len(number) - 2, 0) + number[-2:]


def ids_in_text(text: str) -> list[str]:
    """Every valid ID number written out in full in ``text``, as written."""
    return [m for m in ID_IN_TEXT.findall(text) if is_valid(m.upper())]


def mask_in_text(text: str) -> str:
    """``text`` with every ID-number-shaped run masked, valid or not: a number that fails its
    check may still be a real one misread or mistyped by a digit."""
    return ID_IN_TEXT.sub(lambda m: mask(m[0].upper()) or "", text)


def keyed_hash(number: str | None, *, key: str) -> str | None:
    """A keyed hash (HMAC-SHA256, 24 hex digits) of the number's 18-digit key: the same for the
    15- and 18-digit forms of one number, useless without ``key``."""
    upgraded = upgrade(number)
    if upgraded is None:
        return None
    return hmac.new(key.encode(), upgraded.encode(), hashlib.sha256).hexdigest()[:24]
