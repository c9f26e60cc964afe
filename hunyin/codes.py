"""Code tables shipped with the project: offices with validity periods, ethnic groups, status."""

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True, slots=True)
class Office:
    code: str
    name: str
    county: str
    valid_from: date
    valid_to: date | None
    level: str

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _rows(name: str) -> list[dict[str, str]]:
    text = files("hunyin.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def offices() -> tuple[Office, ...]:
    return tuple(
        Office(
            code=r["office_code"],
            name=r["office_name"],
            county=r["county"],
            valid_from=date.fromisoformat(r["valid_from"]),
            valid_to=date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
            level=r["level"],
        )
        for r in _rows("offices.csv")
    )


def office_by_code(code: str) -> Office | None:
    return next((o for o in offices() if o.code == code), None)


def office_by_name(name: str) -> Office | None:
    return next((o for o in offices() if o.name == name), None)


def office_valid_on(code: str, day: date) -> bool:
    office = office_by_code(code)
    return office is not None and office.valid_on(day)


def office_for_county_on(county_prefix: str, day: date) -> Office | None:
    """The office whose county name starts with ``county_prefix`` (e.g. '楚雄') on ``day``."""
    return next(
        (o for o in offices() if o.county.startswith(county_prefix) and o.valid_on(day)), None
    )


@lru_cache(maxsize=1)
def ethnic_groups() -> dict[str, str]:
    """Name → two-digit code."""
    return {r["name"]: r["code"] for r in _rows("ethnic-groups.csv")}


@lru_cache(maxsize=1)
def marital_statuses() -> dict[str, str]:
    """Name → code (GB/T 2261.2)."""
    return {r["name"]: r["code"] for r in _rows("marital-status.csv")}


PRIOR_STATUSES = ("未婚", "已婚", "离婚", "丧偶")


@dataclass(frozen=True, slots=True)
class CodeTable:
    """A national code table shipped as data: written value → code, and the standard named."""

    name: str
    file: str
    standard: str
    scope: str
    codes: dict[str, str]

    def code_of(self, value: str | None) -> str | None:
        return self.codes.get(value) if value else None


@lru_cache(maxsize=1)
def code_tables() -> dict[str, CodeTable]:
    """Every national code table of ``code-tables.toml``, by name (county, ethnicity, …)."""
    import tomllib

    spec = tomllib.loads(files("hunyin.data").joinpath("code-tables.toml").read_text("utf-8"))
    return {
        name: CodeTable(
            name=name,
            file=entry["file"],
            standard=entry["standard"],
            scope=entry["scope"],
            codes={r[entry["key"]]: r[entry["code"]] for r in _rows(entry["file"])},
        )
        for name, entry in spec.items()
    }


def county_code_in(text: str | None) -> str | None:
    """The GB/T 2260 code of the county a written address names (a county before its
    prefecture, the longest name first), ``None`` when it names none of the shipped ones."""
    if not text:
        return None
    codes = code_tables()["county"].codes
    names = [n for n in codes if n in text]
    # a prefecture's code ends in 00; an address naming a county inside it means the county
    names.sort(key=lambda n: (not codes[n].endswith("00"), len(n)))
    return codes[names[-1]] if names else None


def code_table_text(name: str) -> str:
    """The shipped file of a code table, as it is (for the exchange folder)."""
    return files("hunyin.data").joinpath(code_tables()[name].file).read_text(encoding="utf-8")
