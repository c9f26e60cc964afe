"""Checks against the parties and the store: ages, prior marriages, original office,
the divorce cooling-off period."""

from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict

from hunyin.domain.dates import age_on
from registry.offices import same_office
from registry.rules.facts import Facts, PartyFacts
from registry.rules.jurisdiction import NoParams
from registry.rules.outcome import Outcome
from registry.status import marital_state


class AgeParams(BaseModel):
    """Minimum ages of men and women."""

    model_config = ConfigDict(extra="forbid")

    male: int
    female: int


class CoolingParams(BaseModel):
    """Days of cooling-off, then days to complete the divorce."""

    model_config = ConfigDict(extra="forbid")

    cooling_days: int
    completion_days: int


def min_age(params: AgeParams, facts: Facts) -> Outcome:
    """Both parties at or above the minimum age of the era on the day."""
    day, notes = facts.case.day, []
    for party in facts.case.parties:
        minimum = params.male if party.sex == "男" else params.female
        if party.birth_date is None:
            return Outcome(None, f"{party.name}出生日期不详，需核实", verify=True)
        age = age_on(party.birth_date, day)
        if age < minimum:
            return Outcome(False, f"{party.name}{age}周岁，未达法定婚龄{minimum}周岁")
        notes.append(f"{party.name}{age}周岁（≥{minimum}）")
    return Outcome(True, "；".join(notes))


def _describe(event: dict[str, Any]) -> str:
    return f"{event.get('date')} {event.get('office_code')} {event.get('certificate_no') or ''}"


def _not_married_one(facts: PartyFacts) -> Outcome:
    name = facts.party.name
    state, marriage = marital_state(facts.confirmed)
    if state == "married" and marriage is not None:
        return Outcome(False, f"{name}在库中为已婚（{_describe(marriage)}）")
    state, marriage = marital_state(facts.confirmed + facts.probable)
    if state == "married" and marriage is not None:
        return Outcome(
            None,
            f"{name}可能已婚（未经身份证号确认的记录 {_describe(marriage)}），需人工核实",
            verify=True,
            candidates=facts.probable,
        )
    return Outcome(True, f"{name}在库中无有效婚姻")


def not_married(params: NoParams, facts: Facts) -> Outcome:
    """Neither party is married in the store; a probable-only marriage needs a person."""
    outcomes = [_not_married_one(p) for p in facts.parties]
    for wanted in (False, None):
        hits = [o for o in outcomes if o.passed is wanted]
        if hits:
            return Outcome(
                wanted,
                "；".join(o.message for o in hits),
                verify=any(o.verify for o in hits),
                candidates=[c for o in hits for c in o.candidates],
            )
    return Outcome(True, "；".join(o.message for o in outcomes))


def married_to_each_other(params: NoParams, facts: Facts) -> Outcome:
    """Both parties' current marriage is the same record."""
    first, second = facts.parties
    ids = [marital_state(p.confirmed)[1] for p in (first, second)]
    if ids[0] is not None and ids[1] is not None and ids[0]["record_id"] == ids[1]["record_id"]:
        return Outcome(True, f"双方互为配偶（{_describe(ids[0])}）")
    loose = [marital_state(p.confirmed + p.probable)[1] for p in (first, second)]
    if (
        loose[0] is not None
        and loose[1] is not None
        and loose[0]["record_id"] == loose[1]["record_id"]
    ):
        return Outcome(
            None,
            "双方婚姻记录未经身份证号确认，需人工核实",
            verify=True,
            candidates=first.probable + second.probable,
        )
    return Outcome(False, "库中没有双方之间的有效婚姻")


def original_office(params: NoParams, facts: Facts) -> Outcome:
    """Only the office that made the original registration (its code, or as renamed)."""
    case = facts.case
    original = case.original_office_code
    if original is None and facts.parties:
        events = [e for e in facts.parties[0].confirmed if e.get("type") in ("marriage", "divorce")]
        original = events[-1]["office_code"] if events else None
    if original is None:
        return Outcome(False, "库中没有原登记记录，且未提供原登记机关")
    if same_office(original, case.office_code):
        return Outcome(True, f"本机关为原登记机关（{original}）")
    return Outcome(False, f"只能由原登记机关（{original}）办理")


def cooling_window(applied_on: date, params: CoolingParams) -> tuple[date, date, date]:
    """Last day of cooling-off, first and last day to complete (the day of receipt not
    counted, 民法典 art. 201)."""
    ends = applied_on + timedelta(days=params.cooling_days)
    return ends, ends + timedelta(days=1), ends + timedelta(days=params.completion_days)


def cooling_off(params: CoolingParams, facts: Facts) -> Outcome:
    """Application, a cooling-off wait, then a window in which both come back."""
    day, application = facts.case.day, facts.application
    if application is None:
        ends, _, _ = cooling_window(day, params)
        return Outcome(True, f"受理离婚申请后进入冷静期，至{ends}，期间任一方可撤回")
    ends, opens, closes = cooling_window(application.applied_on, params)
    if day < opens:
        return Outcome(False, f"冷静期内（{application.applied_on}申请，{ends}期满）")
    if day > closes:
        return Outcome(False, f"冷静期满后未在{closes}前办理，视为撤回")
    return Outcome(True, f"冷静期已满，可于{closes}前办理离婚登记")
