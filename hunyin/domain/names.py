"""Names as clerks wrote them over the decades: the simplified form of traditional and variant
characters (陳→陈), and the sound of a name, which same-sound characters share (秀/琇)."""

from functools import lru_cache
from typing import Any

from pypinyin import lazy_pinyin

# Distinct names of a prefecture: a few hundred thousand at most.
_CACHED = 1 << 18


@lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=_CACHED)
def simplified(name: str) -> str:
    """The name in simplified characters."""
    return str(_converter().convert(name))


@lru_cache(maxsize=_CACHED)
def sound(name: str) -> str:
    """The toneless pinyin of the simplified name, syllables joined by spaces (陳琇英 → chen xiu
    ying); characters without a reading (letters, marks) are kept as they are."""
    return " ".join(lazy_pinyin(simplified(name)))
