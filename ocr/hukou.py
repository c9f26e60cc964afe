"""What the code tables vouch for in a hukou reading: province, prefecture and county, a
township of that county (``townships.csv``), and the printed words of an address."""

import csv
import re
from dataclasses import dataclass
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
    fixed = [found.span(g) for g, v in found.groupdict().items() if g.startswith("fixed_") and v]
    # A printed word is vouched for only where a misread of it would break the shape: a 锁 read
    # as 镇 in 铁锁乡 makes the shape too (the town 铁镇, then 乡… as the village).
    spans += [span for span in fixed if not _shape_survives(text, span)]
    return frozenset(i for start, end in spans for i in range(start, end))


# A character of no address, put in place of a printed word's characters to see whether the
# shape holds without them.
_STRANGER = "丨"


def _shape_survives(text: str, span: tuple[int, int]) -> bool:
    """True when the reading keeps the shape of a hukou with any character of ``span`` taken
    for another."""
    return any(match(text[:i] + _STRANGER + text[i + 1 :]) is not None for i in range(*span))


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


def printed_only(read: str, fixed: str) -> bool:
    """True when the tables put right only printed words of a reading (province, prefecture and
    county, character for character): what they changed is then as sure as the tables, and
    the rest is the reading's own, as sure as its characters (a township of the table is
    vouched for by it; another, a former one, needs its own sure reading)."""
    found = match(fixed)
    if found is None or len(read) != len(fixed):
        return False
    end = found.end("county")
    return read[end:] == fixed[end:]


def township_slip(read: str, fixed: str) -> bool:
    """True when the tables changed, past the printed province, prefecture and county, one
    character of the township's name and nothing else (左内乡 → 左门乡): a stroke misread in
    place, where the recogniser may still have seen the table's character."""
    found = match(fixed)
    if found is None or len(read) != len(fixed):
        return False
    end = found.end("county")
    apart = [i for i in range(end, len(fixed)) if read[i] != fixed[i]]
    return len(apart) == 1 and found.start("town") <= apart[0] < found.start("fixed_town")


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


# The printed words that close a township and a village committee in a hukou, longest first.
_TOWN_WORDS = ("街道", "镇", "乡")
_VILLAGE_WORDS = ("村委会", "居委会", "社区")
# Most characters a reading may miss of the province and prefecture (ten characters) and still
# be placed: past this, nothing on the line says it is a hukou of the prefecture at all.
_PREFIX_SLIPS = 4
# Most characters at the end of a placed reading that may be dropped to give it the shape (seal
# lettering or a neighbouring cell read onto the line).
_TRAILING = 3


def _edits(a: str, b: str) -> int:
    """Characters changed, dropped or added to turn ``a`` into ``b`` (Levenshtein)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        last, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            last, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, last + (x != y))
    return row[-1]


def _counties_at(text: str) -> list[tuple[int, int, str]]:
    """The counties the reading may name after its province and prefecture: (slips, where the
    county ends in the reading, the county); a county one slip away (军定县 for 牟定县, 武定
    with its 县 lost) counts, after a prefix at most ``_PREFIX_SLIPS`` away."""
    prefix = _prefix()
    found: list[tuple[int, int, str]] = []
    for start in range(len(prefix) - 2, len(prefix) + 3):
        head = _edits(text[:start], prefix)
        if head > _PREFIX_SLIPS:
            continue
        for county in sorted(_counties()):
            for size in (len(county) - 1, len(county), len(county) + 1):
                slips = _edits(text[start : start + size], county)
                if slips <= 1:
                    found.append((head + slips, start + size, county))
    return found


def _town(county: str, rest: str) -> tuple[int, int, str] | None:
    """The township at the head of ``rest``: one of the county's table one slip away at most
    (its characters taken from the table), else the one written up to its 镇/乡/街道 (a former
    township, kept as read, counted as a slip). (Slips, where it ends in ``rest``, township.)"""
    stem = county[:-1]
    near: list[tuple[int, int, str]] = []
    for c, town in sorted(townships()):
        if c != stem:
            continue
        for size in (len(town) - 1, len(town), len(town) + 1):
            slips = _edits(rest[:size], town)
            if slips <= 1:
                near.append((slips, size, town))
    if near:
        return min(near)
    ends = [rest.find(word) + len(word) for word in _TOWN_WORDS if 1 < rest.find(word) + 1 <= 9]
    return (1, min(ends), rest[: min(ends)]) if ends else None


def _village(rest: str) -> str | None:
    """The village committee and what follows it, its closing word put right when one
    character of it was misread (村委全 for 村委会), and trailing characters that fit no shape
    dropped; ``None`` when no closing word is there."""
    for at in range(1, min(len(rest), 7) + 1):
        for word in _VILLAGE_WORDS:
            written = rest[at : at + len(word)]
            if len(written) == len(word) and _substituted(written, word) <= 1:
                return rest[:at] + word + rest[at + len(word) :]
    return None


@dataclass(frozen=True, slots=True)
class Placement:
    """A reading placed under the place hierarchy: the hukou, how many of its last characters
    are the reading's own, one for one (the village committee on), and whether the tables
    changed only printed words (province, prefecture, county, a township of the table read
    exactly, the closing word of the village committee) and dropped nothing."""

    value: str
    tail: int
    printed_only: bool


def place_reading(text: str) -> Placement | None:
    """A reading without the shape of a hukou placed under the place hierarchy: the printed
    province and prefecture, the county of the code table it is nearest (a slip at most), a
    township of that county a slip away (or the one written), the village committee with its
    closing word, and the rest as read, up to ``_TRAILING`` stray characters dropped at the
    end. ``None`` when the reading has the shape already, cannot be placed, or is as near to
    two places as to each other (the tables cannot choose: a human must)."""
    if match(text) is not None:
        return None
    placed: dict[str, tuple[int, Placement]] = {}
    for slips, after, county in _counties_at(text):
        town = _town(county, text[after:])
        if town is None:
            continue
        town_slips, size, township = town
        rest = text[after + size :]
        village = _village(rest)
        if village is None:
            continue
        whole = _prefix() + county + township + village
        cut = next((c for c in range(_TRAILING + 1) if match(whole[: len(whole) - c])), None)
        if cut is None:
            continue
        exact = town_slips == 0 and (county[:-1], township) in townships()
        shaped = Placement(whole[: len(whole) - cut], len(rest) - cut, exact and cut == 0)
        cost = slips + town_slips
        if shaped.value not in placed or cost < placed[shaped.value][0]:
            placed[shaped.value] = (cost, shaped)
    if not placed:
        return None
    best = min(cost for cost, _ in placed.values())
    nearest = [p for cost, p in placed.values() if cost == best]
    return nearest[0] if len(nearest) == 1 else None
