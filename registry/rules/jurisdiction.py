"""Jurisdiction checks: which office may register a case (hukou, pilot, national rule)."""

from pydantic import BaseModel, ConfigDict

from registry.offices import in_region, office_level, same_office, serving_office
from registry.rules.facts import Facts
from registry.rules.outcome import Outcome
from registry.schemas import PartyIn

RESIDENCY = {
    "mainland": "内地居民",
    "hk": "香港居民",
    "macau": "澳门居民",
    "taiwan": "台湾居民",
    "overseas_chinese": "华侨",
    "foreign": "外国人",
}


class NoParams(BaseModel):
    """A check that takes no parameters."""

    model_config = ConfigDict(extra="forbid")


class RegionParams(BaseModel):
    """A region (code prefix), who may use it, and which offices take part."""

    model_config = ConfigDict(extra="forbid")

    region_prefix: str
    residency: list[str]
    office_level: str = "county"


class ExclusionParams(BaseModel):
    """Kinds and residencies left to the hukou rule, and residencies barred from the county."""

    model_config = ConfigDict(extra="forbid")

    excluded_kinds: list[str]
    excluded_residency: list[str]
    barred_residency: list[str] = []


class DesignatedParams(BaseModel):
    """The office the province designates for each residency other than the mainland."""

    model_config = ConfigDict(extra="forbid")

    designated: dict[str, list[str]]


class AnyOfficeParams(BaseModel):
    """Who may go to any office, and the offices designated for everyone else."""

    model_config = ConfigDict(extra="forbid")

    residency: list[str]
    designated_offices: list[str] = []


def _codes(parties: list[PartyIn]) -> str:
    return "、".join(p.hukou_code or "不详" for p in parties)


def hukou_office(params: NoParams, facts: Facts) -> Outcome:
    """The office serves the hukou county of either party."""
    case = facts.case
    for party in case.parties:
        if same_office(serving_office(party.hukou_code, case.day), case.office_code):
            return Outcome(True, f"{party.name}的户籍地（{party.hukou_code}）属本机关")
    return Outcome(False, f"双方户籍地（{_codes(case.parties)}）均不属本机关")


def _regional_gate(params: RegionParams, facts: Facts) -> Outcome | None:
    """Why a regional rule cannot apply here at all, or None when it may."""
    case = facts.case
    if office_level(case.office_code) != params.office_level or not in_region(
        case.office_code, params.region_prefix
    ):
        return Outcome(False, "本机关不参加跨区域办理")
    outsiders = [p for p in case.parties if p.residency not in params.residency]
    if outsiders:
        who = "、".join(RESIDENCY[p.residency] for p in outsiders)
        return Outcome(False, f"当事人含{who}，不适用跨区域办理")
    return None


def regional_any_office(params: RegionParams, facts: Facts) -> Outcome:
    """Any office of the region, when either party's hukou is in the region."""
    gate = _regional_gate(params, facts)
    if gate is not None:
        return gate
    for party in facts.case.parties:
        if in_region(party.hukou_code, params.region_prefix):
            return Outcome(
                True, f"{party.name}户籍在区域内（{party.hukou_code}），可在任一机关办理"
            )
    return Outcome(False, f"双方户籍（{_codes(facts.case.parties)}）均不在区域内")


def regional_military(params: RegionParams, facts: Facts) -> Outcome:
    """For a servicemember: station, pre-enlistment hukou or the other party's hukou."""
    parties = facts.case.parties
    soldiers = [p for p in parties if p.military is not None]
    if not soldiers:
        return Outcome(None, "无现役军人当事人，不适用")
    gate = _regional_gate(params, facts)
    if gate is not None:
        return gate
    for soldier in soldiers:
        assert soldier.military is not None
        if in_region(soldier.military.station_code, params.region_prefix):
            return Outcome(True, f"{soldier.name}部队驻地在区域内")
        if in_region(soldier.military.pre_enlistment_hukou_code, params.region_prefix):
            return Outcome(True, f"{soldier.name}入伍前户籍地在区域内")
        for other in parties:
            if other is not soldier and in_region(other.hukou_code, params.region_prefix):
                return Outcome(True, f"另一方{other.name}户籍在区域内")
    return Outcome(False, "部队驻地、入伍前户籍地、另一方户籍地均不在区域内")


def regional_exclusions(params: ExclusionParams, facts: Facts) -> Outcome:
    """Cases the pilot leaves to the hukou rule, and cases no county office may take."""
    case = facts.case
    barred = [p for p in case.parties if p.residency in params.barred_residency]
    if barred:
        return Outcome(False, "涉外婚姻登记不属县级机关受理，应到省级人民政府确定的机关办理")
    if case.kind in params.excluded_kinds:
        return Outcome(True, "离婚登记不适用试点，按户籍地登记机关的规定办理")
    excluded = [p for p in case.parties if p.residency in params.excluded_residency]
    if excluded:
        who = "、".join(RESIDENCY[p.residency] for p in excluded)
        return Outcome(True, f"当事人含{who}，不适用试点，按户籍地登记机关的规定办理")
    return Outcome(True, "不属排除情形")


def any_office(params: AnyOfficeParams, facts: Facts) -> Outcome:
    """Any office for residents; a case with anyone else is left to the designated office
    (``foreign-related-designated``), or to the offices this period names."""
    case = facts.case
    outsiders = [p for p in case.parties if p.residency not in params.residency]
    if not outsiders:
        return Outcome(True, "双方均为内地居民，可在任一婚姻登记机关办理")
    if case.office_code in params.designated_offices:
        return Outcome(True, "本机关为省级人民政府确定的涉外婚姻登记机关")
    who = "、".join(RESIDENCY[p.residency] for p in outsiders)
    return Outcome(None, f"当事人含{who}，不适用，须到涉外登记指定机关办理")


def designated_office(params: DesignatedParams, facts: Facts) -> Outcome:
    """A case with a party from outside the mainland only at the office designated for that
    residency (and never at a county office): elsewhere a veto."""
    case = facts.case
    outsiders = [p for p in case.parties if p.residency in params.designated]
    if not outsiders:
        return Outcome(None, "双方均为内地居民，不适用")
    wrong = [p for p in outsiders if case.office_code not in params.designated[p.residency]]
    if not wrong:
        return Outcome(True, "本机关为省级人民政府确定的涉外婚姻登记机关")
    places = "、".join(
        f"{RESIDENCY[p.residency]}→{'/'.join(params.designated[p.residency])}" for p in wrong
    )
    return Outcome(
        False,
        f"涉外、涉港澳台及华侨的婚姻登记只在省级人民政府确定的机关办理（{places}）",
        veto=True,
    )
