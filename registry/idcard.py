"""What a resident-ID card reader types into the desk (keyboard wedge), read into form fields.

Readers in the offices type the card's fields on one line, separated by a tab, ``|`` or a comma,
then Enter; models differ in the order and in how they write the birth date. So each piece is
recognised by its shape rather than its place: the 15/18-character number, 男/女, a name ending
in 族 from the national table, eight digits or an ISO date, the longest remaining text with an
address word (省, 市, 县, 镇, 路…) as the address and a remaining Chinese text as the name. The
number is the anchor: birth date and sex are taken from it, and a reader's birth date or sex
that disagrees is reported, not used.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from hunyin.codes import ethnic_groups, offices
from hunyin.domain.idnumber import birth_date_of, is_valid, normalise, sex_of

_SEPARATORS = re.compile(r"[\t|,，\r\n]+")
_ID = re.compile(r"^[0-9]{17}[0-9Xx]$|^[0-9]{15}$")
_DATE = re.compile(r"^(\d{4})[-年./]?(\d{1,2})[-月./]?(\d{1,2})日?$")
_NAME = re.compile(r"^[\u3400-\u9fff·•]{1,20}$")
_ADDRESS_WORDS = re.compile(r"[省州市县区镇乡村路街巷号组]")


@dataclass
class CardReading:
    """The fields read from one line; ``problems`` says, in Chinese, what did not fit."""

    id_number: str | None = None
    name: str | None = None
    sex: str | None = None
    ethnicity: str | None = None
    birth_date: date | None = None
    address: str | None = None
    hukou_code: str | None = None
    problems: list[str] = field(default_factory=list)


def _date(text: str) -> date | None:
    found = _DATE.fullmatch(text)
    if not found:
        return None
    try:
        return date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def _county_code(address: str) -> str | None:
    """The county office whose county the address names (the code of today's office)."""
    today = date.today()
    for office in offices():
        if office.level == "county" and office.valid_on(today) and office.county in address:
            return office.code
    return None


def read_card_line(line: str) -> CardReading:
    """The fields of one reader line; never raises, whatever was typed."""
    reading = CardReading()
    pieces = [p.strip() for p in _SEPARATORS.split(line[:2000]) if p.strip()]
    rest: list[str] = []
    typed_birth: date | None = None
    typed_sex: str | None = None
    for piece in pieces:
        number = normalise(piece)
        if number and _ID.fullmatch(number) and reading.id_number is None:
            reading.id_number = number
        elif piece in ("男", "女") and typed_sex is None:
            typed_sex = piece
        elif piece in ethnic_groups() and reading.ethnicity is None:
            reading.ethnicity = piece
        elif (born := _date(piece)) is not None and typed_birth is None:
            typed_birth = born
        else:
            rest.append(piece)
    # the address is the longest piece that reads like one; the name is a short piece left over
    places = [p for p in rest if _ADDRESS_WORDS.search(p)] or (rest if len(rest) > 1 else [])
    reading.address = max(places, key=len) if places else None
    names = [p for p in rest if p != reading.address and _NAME.fullmatch(p)]
    reading.name = names[0] if names else None
    if reading.address:
        reading.hukou_code = _county_code(reading.address)
    if reading.id_number is None:
        reading.problems.append("没有读到身份证号")
    elif not is_valid(reading.id_number):
        reading.problems.append("读到的身份证号无效（位数、出生日期或校验码有误）")
    else:
        reading.birth_date = birth_date_of(reading.id_number)
        reading.sex = sex_of(reading.id_number)
    if typed_birth and reading.birth_date and typed_birth != reading.birth_date:
        reading.problems.append("读卡器给出的出生日期与身份证号不符，已按身份证号填写")
    if typed_sex and reading.sex and typed_sex != reading.sex:
        reading.problems.append("读卡器给出的性别与身份证号不符，已按身份证号填写")
    if reading.id_number is None or not is_valid(reading.id_number):
        reading.birth_date, reading.sex = typed_birth, typed_sex
    if reading.name is None:
        reading.problems.append("没有读到姓名")
    return reading
