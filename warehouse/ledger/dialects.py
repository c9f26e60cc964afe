"""The known ledger dialects (``dialects.toml``): header names, business-type words, date styles."""

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from hunyin.domain.text import compact
from hunyin.errors import InputError


class LedgerFormatError(InputError):
    """A ledger whose header cannot be mapped onto the record schema."""


@dataclass(frozen=True, slots=True)
class Dialects:
    headers: dict[str, str]  # compacted header → flat field
    ignored: frozenset[str]
    required: tuple[str, ...]
    record_types: dict[str, str]  # business-type word → record type
    date_patterns: tuple[str, ...]
    header_min_known: int
    header_search_rows: int

    def is_known(self, cell: str | None) -> bool:
        """Whether a cell reads as a header this file knows (mapped or ignored)."""
        key = compact(cell)
        return key is not None and (key in self.headers or key in self.ignored)

    def map_header(self, header: Sequence[str | None], *, source: str) -> list[tuple[int, str]]:
        """(column position, flat field) of each mapped column; raises naming what is wrong."""
        mapping: list[tuple[int, str]] = []
        unknown = []
        for position, column in enumerate(header):
            key = compact(column) or ""
            if key in self.headers:
                mapping.append((position, self.headers[key]))
            elif key not in self.ignored:
                unknown.append(column or "(blank)")
        if unknown:
            raise LedgerFormatError(f"{source}: cannot map columns: {', '.join(unknown)}")
        fields = [field for _, field in mapping]
        if twice := sorted({f for f in fields if fields.count(f) > 1}):
            raise LedgerFormatError(f"{source}: more than one column for: {', '.join(twice)}")
        if missing := [f for f in self.required if f not in fields]:
            raise LedgerFormatError(f"{source}: no column for: {', '.join(missing)}")
        return mapping


@lru_cache(maxsize=1)
def dialects() -> Dialects:
    """The dialect file shipped with the package, read once."""
    text = files("warehouse.ledger").joinpath("dialects.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    headers = {
        compact(name) or name: field for field, names in data["columns"].items() for name in names
    }
    words = {word: kind for kind, names in data["record_types"].items() for word in names}
    return Dialects(
        headers=headers,
        ignored=frozenset(compact(h) or h for h in data["ignore"]["headers"]),
        required=tuple(data["required"]),
        record_types=words,
        date_patterns=tuple(data["dates"]["patterns"]),
        header_min_known=int(data["header_min_known"]),
        header_search_rows=int(data["header_search_rows"]),
    )
