"""Rule periods: the shipped ``rules.toml`` (with the minimum ages of ``hunyin.domain.law``)
plus periods admins added in the store."""

import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib.resources import files
from typing import Any

from sqlalchemy import cast, literal, null, select, union_all
from sqlalchemy.orm import Session

from hunyin.domain.law import min_ages
from warehouse.models import RulePeriodClosure, RulePeriodRow


@dataclass(frozen=True, slots=True)
class RulePeriod:
    """One rule in force over one period, with the check that evaluates it."""

    rule: str
    test: str
    group: str
    kinds: tuple[str, ...]
    valid_from: date
    valid_to: date | None
    citation: str
    summary: str
    params: dict[str, Any] = field(default_factory=dict)
    source: str = "rules.toml"
    closed_by: str | None = None

    def in_force(self, day: date) -> bool:
        """Whether the period covers ``day`` (both ends inclusive)."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _from_table(entry: dict[str, Any]) -> list[RulePeriod]:
    """One period per row of the law's table named by ``entry``: the minimum ages."""
    if entry["table"] != "min_ages":
        raise ValueError(f"rules.toml names an unknown table {entry['table']!r}")
    return [
        RulePeriod(
            rule=entry["rule"],
            test=entry["test"],
            group=entry["group"],
            kinds=tuple(entry["kinds"]),
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            citation=row.citation,
            summary=row.summary,
            params={"male": row.male, "female": row.female},
        )
        for row in min_ages()
    ]


def _from_entry(entry: dict[str, Any]) -> list[RulePeriod]:
    if "table" in entry:
        return _from_table(entry)
    return [
        RulePeriod(
            rule=entry["rule"],
            test=entry["test"],
            group=entry["group"],
            kinds=tuple(entry["kinds"]),
            valid_from=entry["valid_from"],
            valid_to=entry.get("valid_to"),
            citation=entry["citation"],
            summary=entry["summary"],
            params=entry.get("params", {}),
        )
    ]


@lru_cache(maxsize=1)
def shipped_periods() -> tuple[RulePeriod, ...]:
    """The periods of ``registry/rules/rules.toml``, the minimum ages from the law's table."""
    text = files("registry.rules").joinpath("rules.toml").read_text(encoding="utf-8")
    return tuple(p for entry in tomllib.loads(text)["period"] for p in _from_entry(entry))


def _stored(row: Any) -> RulePeriod:
    return RulePeriod(
        rule=row.rule,
        test=row.test,
        group=row.rule_group,
        kinds=tuple(row.kinds),
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        citation=row.citation,
        summary=row.summary,
        params=row.params or {},
        source=f"added by {row.created_by}",
    )


def stored_periods(session: Session) -> list[RulePeriod]:
    """The periods admins added through the API."""
    return [
        _stored(row) for row in session.scalars(select(RulePeriodRow).order_by(RulePeriodRow.id))
    ]


@dataclass(frozen=True, slots=True)
class _Closure:
    valid_to: date
    citation: str
    created_by: str


def _closed(period: RulePeriod, closure: _Closure) -> RulePeriod:
    return replace(
        period,
        valid_to=closure.valid_to,
        citation=f"{period.citation}；{closure.valid_to}起停止适用：{closure.citation}",
        closed_by=closure.created_by,
    )


_PERIOD, _CLOSURE = 0, 1
_NONE = {
    name: cast(null(), getattr(RulePeriodRow, name).type).label(name)
    for name in ("test", "rule_group", "kinds", "summary", "params")
}
# The added periods and every end an admin gave a period, in one round trip: each decision
# reads them (a union of the two tables, the closures' missing columns typed nulls).
_STORED_AND_CLOSED = union_all(
    select(
        literal(_PERIOD).label("part"),
        RulePeriodRow.id,
        RulePeriodRow.rule,
        RulePeriodRow.valid_from,
        RulePeriodRow.valid_to,
        RulePeriodRow.citation,
        RulePeriodRow.created_by,
        *(getattr(RulePeriodRow, name).label(name) for name in _NONE),
    ),
    select(
        literal(_CLOSURE),
        RulePeriodClosure.id,
        RulePeriodClosure.rule,
        RulePeriodClosure.valid_from,
        RulePeriodClosure.valid_to,
        RulePeriodClosure.citation,
        RulePeriodClosure.created_by,
        *_NONE.values(),
    ),
)
_STORED_AND_CLOSED = _STORED_AND_CLOSED.order_by(
    _STORED_AND_CLOSED.selected_columns.part, _STORED_AND_CLOSED.selected_columns.id
)


def all_periods(session: Session) -> list[RulePeriod]:
    """Shipped periods, then added ones; each with the end an admin gave it, if any."""
    stored: list[RulePeriod] = []
    closures: dict[tuple[str, date], _Closure] = {}
    for row in session.execute(_STORED_AND_CLOSED):
        if row.part == _PERIOD:
            stored.append(_stored(row))
        else:
            closures[(row.rule, row.valid_from)] = _Closure(
                row.valid_to, row.citation, row.created_by
            )
    out = []
    for period in (*shipped_periods(), *stored):
        closure = closures.get((period.rule, period.valid_from))
        out.append(_closed(period, closure) if closure is not None else period)
    return out


def periods_in_force(session: Session, *, day: date, kind: str) -> list[RulePeriod]:
    """Every period covering ``day`` that governs business of ``kind``, shipped ones first."""
    return [p for p in all_periods(session) if kind in p.kinds and p.in_force(day)]
