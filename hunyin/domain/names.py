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


@lru_cache(maxsize=1 << 16)
def _reading(character: str) -> str:
    return str(lazy_pinyin(character)[0])


@lru_cache(maxsize=_CACHED)
def sound(name: str) -> str:
    """The toneless pinyin of the simplified name, syllables joined by spaces (陳琇英 → chen xiu
    ying); characters without a reading (letters, marks) are kept as they are, a run of them as
    one word.

    Read a character at a time (its common reading, as a name is read): a backfill sounds out
    hundreds of thousands of distinct names, and pypinyin's segmentation of each whole name
    costs a hundred times more than looking its few characters up."""
    words: list[str] = []
    bare = False
    for character in simplified(name):
        reading = _reading(character)
        if reading == character and bare:
            words[-1] += character
        else:
            words.append(reading)
        bare = reading == character
    return " ".join(words)
