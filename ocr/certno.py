"""Certificate numbers of the three eras: shape, year, office and kind of registration."""

import re
from dataclasses import dataclass

from hunyin.codes import offices
from hunyin.domain.text import compact

_MODERN = re.compile(r"^(BJ|BL|J|L)(\d{6})-(\d{4})-(\d{6})$")
_PROVINCIAL = re.compile(r"^云([\u4e00-\u9fff])(结|离|补)字(\d{2})(\d{2})(\d{5})$")
_OLD = re.compile(r"^\((\d{2})\)([\u4e00-\u9fff])民(结|离|补)字第(\d{3,5})号$")
_KIND = {"J": "marriage", "L": "divorce", "BJ": "reissue", "BL": "reissue"}
_KIND_CHAR = {"结": "marriage", "离": "divorce", "补": "reissue"}


@dataclass(frozen=True, slots=True)
class CertificateNumber:
    """What a certificate number says about its record."""

    text: str
    record_type: str
    year_suffix: str
    office_code: str | None = None
    county_abbreviation: str | None = None

    def year_matches(self, year: int) -> bool:
        """True when the number's year (two or four digits) is ``year``."""
        return str(year).endswith(self.year_suffix)


def normalise(raw: str | None) -> str | None:
    """As printed, half-width, no spaces, full-width brackets made ASCII."""
    text = compact(raw)
    return text.replace("（", "(").replace("）", ")") if text else None


def find(text: str) -> str | None:
    """The first certificate number inside a line that may carry seal debris around it."""
    for pattern in (_MODERN, _PROVINCIAL, _OLD):
        if match := re.search(pattern.pattern.strip("^$"), text):
            return match[0]
    return None


# An old number as written, any character standing where its county and its printed 第 go.
_OLD_LOOSE = re.compile(r"\((\d{2})\)([\u4e00-\u9fff])民(结|离|补)字([\u4e00-\u9fff])(\d{3,5})号")


def old_repairs(text: str) -> list[str]:
    """The old numbers a reading may be when it has their shape but a county no office of the
    table has (年 read for 牟) or another character where 第 is printed: the reading with each
    county's abbreviation and 第 in place; none when the reading needs no repair."""
    match = _OLD_LOOSE.search(text)
    if match is None:
        return []
    year, county, kind, slot, serial = match.groups()
    counties = county_abbreviations()
    if county in counties and slot == "第":
        return []
    return [f"({year}){c}民{kind}字第{serial}号" for c in sorted(counties)]


def county_abbreviations() -> frozenset[str]:
    """The first character of every office's county: how old numbers name their county."""
    return frozenset(o.county[0] for o in offices())


# The symbols of a modern number after its letters: separators read as a dot or slash are the
# printed dash.
NUMBER_SYMBOLS = "0123456789-./"


def modern_from(letters: str, digits: str) -> str | None:
    """A modern number from the letters read at its start and a reading of the rest under the
    digits and dash (dots and slashes taken for the dash), when it has the modern shape."""
    text = letters + re.sub(r"[./]", "-", digits)
    return text if _MODERN.match(text) else None


def parse(text: str | None) -> CertificateNumber | None:
    """The parts of a certificate number, or ``None`` when it has none of the known shapes."""
    if not text:
        return None
    if match := _MODERN.match(text):
        return CertificateNumber(text, _KIND[match[1]], match[3], office_code=match[2])
    if match := _PROVINCIAL.match(text):
        return CertificateNumber(text, _KIND_CHAR[match[2]], match[4], county_abbreviation=match[1])
    if match := _OLD.match(text):
        return CertificateNumber(text, _KIND_CHAR[match[3]], match[1], county_abbreviation=match[2])
    return None
