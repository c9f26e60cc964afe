"""Glyph variants: traditional or variant characters the recogniser sometimes returns for
simplified print, mapped back. Characters of GB 2312 are simplified already and never touched,
so a rare but valid character of a name (乾, 於) is left alone."""

import csv
from functools import lru_cache
from importlib.resources import files
from typing import Any


@lru_cache(maxsize=1)
def _variants() -> dict[str, str]:
    text = files("ocr.data").joinpath("variants.csv").read_text(encoding="utf-8")
    return {row["variant"]: row["standard"] for row in csv.DictReader(text.splitlines())}


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _simplified(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=4096)
def _map(ch: str) -> str:
    if ch.isascii() or _simplified(ch):
        return ch
    if ch in _variants():
        return _variants()[ch]
    converted = str(_converter().convert(ch))
    return converted if len(converted) == 1 and _simplified(converted) else ch


def simplify(text: str) -> str:
    """The text with non-GB 2312 characters replaced by their simplified forms where known."""
    return "".join(_map(ch) for ch in text)
