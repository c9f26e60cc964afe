"""Finding whole ID numbers in text meant for people (reports, Data Docs) before it ships."""

from collections.abc import Iterable
from pathlib import Path

from hunyin.domain.idnumber import ids_in_text


def files_with_id_numbers(paths: Iterable[Path]) -> list[Path]:
    """The text files (HTML, JSON) among ``paths`` that hold a whole ID number."""
    texts = [p for p in paths if p.suffix in {".html", ".json", ".txt", ".csv"} and p.is_file()]
    return [p for p in texts if ids_in_text(p.read_text(encoding="utf-8", errors="replace"))]
