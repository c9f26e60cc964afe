"""Checks against the parties and the store: ages, prior marriages, original office,
the divorce cooling-off period."""

from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from hunyin.domain.calendar import period_end
from hunyin.domain.dates import age_on
from hunyin.labels import label
from registry.offices import same_office
from registry.rules.facts import Facts, PartyFacts
from registry.rules.jurisdiction import NoParams
from registry.rules.outcome import Outcome
from registry.timeline import marital_state


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
    if "deceased" in facts.doc.get("flags", []):
        died = facts.doc.get("person", {}).get("died_on")
        return Outcome(False, f"库中记载{name}已于{died}死亡")
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


class CoupleParams(BaseModel):
    """What a marriage the store does not hold means: a refusal, or a certificate to check."""

    model_config = ConfigDict(extra="forbid")

    outside_store: Literal["refuse", "verify"] = "refuse"


def married_to_each_other(params: CoupleParams, facts: Facts) -> Outcome:
    """Both parties' current marriage is the same record; since the national rule a marriage
    registered outside the store is verified from its certificate, not refused."""
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
    if params.outside_store == "refuse" or any(m is not None for m in ids):
        return Outcome(False, "库中没有双方之间的有效婚姻")
    checked = facts.case.checked_documents
    if checked:
        return Outcome(True, f"库外登记的婚姻，登记员已核验：{'、'.join(checked)}")
    return Outcome(
        None, "库中没有双方之间的婚姻（可能登记于州外）：须核验结婚证后办理", verify=True
    )


def cooling_window(applied_on: date, params: CoolingParams) -> tuple[date, date, date]:
    """Last day of cooling-off, first and last day to complete. Each period counts from the
    day after it starts (the day of receipt not counted, 民法典 art. 201) and, when its last day
    is a rest day, ends on the next working day (art. 203)."""
    ends = period_end(applied_on, params.cooling_days)
    return ends, ends + timedelta(days=1), period_end(ends, params.completion_days)


def cooling_off(params: CoolingParams, facts: Facts) -> Outcome:
    """Application, a cooling-off wait, then a window in which both come back, at the office
    that received the application."""
    day, application = facts.case.day, facts.application
    if application is None:
        ends, _, _ = cooling_window(day, params)
        return Outcome(True, f"受理离婚申请后进入冷静期，至{ends}，期间任一方可撤回")
    if not same_office(application.office_code, facts.case.office_code):
        return Outcome(
            False, f"离婚申请由{application.office_code}受理，须在受理机关撤回或办理离婚登记"
        )
    ends, opens, closes = cooling_window(application.applied_on, params)
    if day < opens:
        return Outcome(False, f"冷静期内（{application.applied_on}申请，{ends}期满）")
    if day > closes:
        return Outcome(False, f"冷静期满后未在{closes}前办理，视为撤回")
    return Outcome(True, f"冷静期已满，可于{closes}前办理离婚登记")


# What a declaration of 本人婚姻状况 asks of the store, and the state that would contradict it.
_DECLARED_NEEDS = {"离婚": ("divorced", "离婚"), "丧偶": ("widowed", "丧偶")}


def _declared_one(facts: PartyFacts, checked: list[str]) -> Outcome:
    party = facts.party
    declared = party.declared_status
    if declared is None:
        return Outcome(None, f"{party.name}未申报本人婚姻状况")
    state, _ = marital_state(facts.confirmed)
    loose, _ = marital_state(facts.confirmed + facts.probable)
    if declared == "未婚":
        if state in ("divorced", "widowed"):
            return Outcome(
                False, f"{party.name}申报未婚，库中记载曾结婚（现为{label('statuses', state)}）"
            )
        if loose in ("divorced", "widowed"):
            return Outcome(None, f"{party.name}申报未婚，库中可能有其婚姻记录，需核实", verify=True)
        return Outcome(True, f"{party.name}申报未婚，库中无其婚姻记录")
    wanted, word = _DECLARED_NEEDS[declared]
    if state == wanted:
        return Outcome(True, f"{party.name}申报{word}，与库中记载一致")
    if checked:
        return Outcome(True, f"{party.name}申报{word}，登记员已核验：{'、'.join(checked)}")
    return Outcome(
        None,
        f"{party.name}申报{word}，库中没有相应记录：须核验离婚证、判决书或死亡证明",
        verify=True,
        candidates=facts.probable,
    )


def declared_status(params: NoParams, facts: Facts) -> Outcome:
    """Each party's declared 本人婚姻状况 checked against the store."""
    outcomes = [_declared_one(p, facts.case.checked_documents) for p in facts.parties]
    for wanted in (False, None):
        hits = [o for o in outcomes if o.passed is wanted and (wanted is False or o.verify)]
        if hits:
            return Outcome(
                wanted,
                "；".join(o.message for o in hits),
                verify=any(o.verify for o in hits),
                candidates=[c for o in hits for c in o.candidates],
            )
    if all(o.passed is None for o in outcomes):
        return Outcome(None, "；".join(o.message for o in outcomes))
    return Outcome(True, "；".join(o.message for o in outcomes))
