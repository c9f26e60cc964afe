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
def all_offices() -> tuple[Office, ...]:
    """Every office of ``offices.csv``: the counties' and the designated ones (楚雄州民政局 for
    foreign-related cases, 昆明市民政局 for Taiwan parties), which register no ordinary case."""
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


@lru_cache(maxsize=1)
def offices() -> tuple[Office, ...]:
    """The prefecture's county-level registration offices over time (whose codes records,
    ledgers and hukous carry)."""
    return tuple(o for o in all_offices() if o.level == "county")


def office_by_code(code: str) -> Office | None:
    return next((o for o in all_offices() if o.code == code), None)


def office_by_name(name: str) -> Office | None:
    return next((o for o in all_offices() if o.name == name), None)


def office_valid_on(code: str, day: date) -> bool:
    office = office_by_code(code)
    return office is not None and office.valid_on(day)


def office_for_county_on(county_prefix: str, day: date) -> Office | None:
    """The office whose county name starts with ``county_prefix`` (e.g. '楚雄') on ``day``."""
    return next(
        (o for o in offices() if o.county.startswith(county_prefix) and o.valid_on(day)), None
    )


def county_stem(office: Office) -> str:
    """The county's name without 县/市: 楚雄县 and 楚雄市 are one county under two names."""
    return office.county[:-1]


def county_offices(code: str) -> tuple[Office, ...]:
    """Every office the county of ``code`` had across renames, oldest first."""
    office = office_by_code(code)
    if office is None or office.level != "county":
        return ()
    stem = county_stem(office)
    same = (o for o in offices() if o.level == "county" and county_stem(o) == stem)
    return tuple(sorted(same, key=lambda o: o.valid_from))


@lru_cache(maxsize=1)
def ethnic_groups() -> dict[str, str]:
    """Name → two-digit code."""
    return {r["name"]: r["code"] for r in _rows("ethnic-groups.csv")}


@lru_cache(maxsize=1)
def ethnic_synonyms() -> dict[str, str]:
    """Abbreviations and older names as clerks wrote them (彝, 夷族) → the name in the table."""
    return {r["written"]: r["name"] for r in _rows("ethnic-synonyms.csv")}


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


@dataclass(frozen=True, slots=True)
class EventType:
    """An event that ends (``ends``) or voids (``voids``) a marriage, its usual documents, and
    the day the law first knew it (no marriage was declared void before 2001-04-28)."""

    type: str
    name: str
    effect: str
    documents: tuple[str, ...]
    valid_from: date
    citation: str


@lru_cache(maxsize=1)
def event_types() -> dict[str, EventType]:
    """Type → its name, effect and documents (``event-types.csv``)."""
    return {
        r["type"]: EventType(
            type=r["type"],
            name=r["name"],
            effect=r["effect"],
            documents=tuple(r["documents"].split("|")),
            valid_from=date.fromisoformat(r["valid_from"]),
            citation=r["citation"],
        )
        for r in _rows("event-types.csv")
    }
