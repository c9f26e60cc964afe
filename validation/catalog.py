"""The rule data of ``validation/data``, loaded once: rules, eras, shapes and office numbers."""

import csv
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files
from typing import Any

from hunyin.codes import office_by_code, offices
from hunyin.schema import Issue

PARTY_LABEL = {"male": "male party", "female": "female party"}
SEX_OF_ROLE = {"male": "男", "female": "女"}


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    scope: str
    severity: str
    message: str


@dataclass(frozen=True, slots=True)
class CertEra:
    name: str
    valid_from: date
    valid_to: date | None
    pattern: str
    rule: str
    kinds: dict[str, tuple[str, ...]]


def _text(name: str) -> str:
    return files("validation.data").joinpath(name).read_text(encoding="utf-8")


def _toml(name: str) -> dict[str, Any]:
    return tomllib.loads(_text(name))


@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """Rule id → rule."""
    return {r["id"]: Rule(**r) for r in _toml("rules.toml")["rule"]}


@lru_cache(maxsize=1)
def limits() -> dict[str, Any]:
    """Date boundaries and plausibility limits."""
    return _toml("limits.toml")


@lru_cache(maxsize=1)
def cert_eras() -> tuple[CertEra, ...]:
    """Certificate-number shapes by era."""
    return tuple(
        CertEra(
            name=e["name"],
            valid_from=e["valid_from"],
            valid_to=e.get("valid_to"),
            pattern=e["pattern"],
            rule=e["rule"],
            kinds={k: tuple(v) for k, v in e["kinds"].items()},
        )
        for e in _toml("certificates.toml")["era"]
    )


@lru_cache(maxsize=1)
def office_numbers() -> dict[str, str]:
    """Office code → the 2-digit office number used in 2004–2008 certificates."""
    rows = csv.DictReader(_text("office_numbers.csv").splitlines())
    return {r["office_code"]: r["office_no"] for r in rows}


@lru_cache(maxsize=1)
def county_keys() -> dict[str, str]:
    """Office code → its county without the 县/市 suffix: offices of one county share it."""
    return {o.code: o.county[:-1] for o in offices()}


def county_initial(code: str) -> str | None:
    """The county's first character, as abbreviated in older certificate numbers."""
    office = office_by_code(code)
    return office.county[0] if office else None


def in_period(day: date, start: date, end: date | None) -> bool:
    return start <= day and (end is None or day <= end)


def issue(rule_id: str, *, field: str | None, role: str | None = None) -> Issue:
    """The issue of ``rule_id``, its field prefixed and its message phrased for ``role``."""
    rule = rules()[rule_id]
    label = PARTY_LABEL.get(role or "", "")
    return Issue(
        field=f"{role}.{field}" if role and field else field,
        rule=rule.id,
        severity=rule.severity,  # type: ignore[arg-type]
        message=rule.message.format(party=label),
    )
