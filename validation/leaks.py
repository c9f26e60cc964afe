"""Finding whole ID numbers in text meant for people (reports, Data Docs) before it ships."""

import re
from collections.abc import Iterable
from pathlib import Path

from hunyin.domain.idnumber import is_valid, mask

# Runs of 15 or 18 characters not glued to other digits; 18 first so a 15-digit tail is not
# taken for a number of its own.
_CANDIDATE = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])")


def id_numbers_in(text: str) -> list[str]:
    """Every well-formed (valid) ID number written out in full in ``text``."""
    return [m for m in _CANDIDATE.findall(text) if is_valid(m.upper())]


def files_with_id_numbers(paths: Iterable[Path]) -> list[Path]:
    """The text files (HTML, JSON) among ``paths`` that hold a whole ID number."""
    texts = [p for p in paths if p.suffix in {".html", ".json", ".txt", ".csv"} and p.is_file()]
    return [p for p in texts if id_numbers_in(p.read_text(encoding="utf-8", errors="replace"))]


def mask_all(text: str) -> str:
    """``text`` with every whole, valid ID number masked."""
    return _CANDIDATE.sub(lambda m: (mask(m[0]) or "") if is_valid(m[0].upper()) else m[0], text)
