"""What the code tables vouch for in a hukou reading: province, prefecture and county, a
township of that county (``townships.csv``), and the printed words of an address."""

import csv
import re
from functools import lru_cache
from importlib.resources import files

from hunyin.codes import offices
from ocr.forms import routing


@lru_cache(maxsize=1)
def _counties() -> frozenset[str]:
    return frozenset(o.county for o in offices())


@lru_cache(maxsize=1)
def townships() -> frozenset[tuple[str, str]]:
    """(county name without 县/市, township) pairs: a county keeps its townships across a
    change of status (楚雄县 → 楚雄市, 禄丰县 → 禄丰市)."""
    text = files("ocr.data").joinpath("townships.csv").read_text(encoding="utf-8")
    return frozenset((row["county"], row["township"]) for row in csv.DictReader(text.splitlines()))


def match(text: str) -> re.Match[str] | None:
    """The shape of a hukou in the prefecture, with a county of the code table, or ``None``."""
    found = re.match(routing()["hukou_pattern"], text)
    return found if found and found["county"] in _counties() else None


def vouched(text: str) -> frozenset[int]:
    """Indices of the characters a code table vouches for: a misread there would break the
    shape or miss the table, so only the other characters need a confident reading."""
    found = match(text)
    if found is None:
        return frozenset()
    spans = [(0, found.end("county"))]
    if (found["county"][:-1], found["town"]) in townships():
        spans.append(found.span("town"))
    spans += [found.span(g) for g, v in found.groupdict().items() if g.startswith("fixed_") and v]
    return frozenset(i for start, end in spans for i in range(start, end))


def _prefix() -> str:
    """The printed province and prefecture every hukou of the prefecture opens with."""
    pattern = routing()["hukou_pattern"]
    return pattern[1 : pattern.index("(")]


def _substituted(a: str, b: str) -> int:
    """How many characters differ between two strings of one length."""
    return sum(x != y for x, y in zip(a, b, strict=True))


def table_reading(text: str) -> str | None:
    """The reading with what the code tables say put where it is at most a slip away: the
    province and prefecture up to two characters, the county and then its township one
    character (replaced, dropped or added); ``None`` when nothing needs or allows it. Whether
    the recogniser supports the result is for the caller to weigh."""
    prefix = _prefix()
    head = text[: len(prefix)]
    fixed = text
    if head != prefix and len(head) == len(prefix) and _substituted(head, prefix) <= 2:
        fixed = prefix + text[len(prefix) :]
    if fixed.startswith(prefix):
        rest = fixed[len(prefix) :]
        county = next((c for c in _counties() if rest.startswith(c)), None)
        if county is None:
            county = next(
                (c for c in sorted(_counties()) if _substituted(rest[: len(c)], c) == 1), None
            )
            if county is not None and len(rest) >= len(county):
                fixed = prefix + county + rest[len(county) :]
    near = near_township(fixed)
    if near is not None:
        found = match(fixed)
        if found is not None:
            fixed = fixed[: found.start("town")] + near + fixed[found.end("town") :]
    return fixed if fixed != text and match(fixed) else None


def _one_apart(a: str, b: str) -> bool:
    """True when one character inserted, dropped or changed turns ``a`` into ``b``."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def near_township(text: str) -> str | None:
    """A township of the county's table one character away from the one read, when the one
    read is not in the table: a character dropped or misread there (赵店镇 for 赵家店镇) would
    otherwise pass as a former township that nothing can check."""
    found = match(text)
    if found is None:
        return None
    county, town = found["county"][:-1], found["town"]
    if (county, town) in townships():
        return None
    return next((t for c, t in sorted(townships()) if c == county and _one_apart(t, town)), None)


def wraps_unknown_township(text: str, wraps: list[int]) -> bool:
    """True when a township not in the county's table is cut by a line wrap (``wraps``: where
    each further line begins): a character lost at the end of a line (白乡 for 白塔乡) leaves
    no trace in either line's reading, and nothing checks a former township."""
    found = match(text)
    if found is None or (found["county"][:-1], found["town"]) in townships():
        return False
    start, end = found.span("town")
    return any(start < at < end for at in wraps)
