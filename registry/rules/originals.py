"""Checks about an original record: which office may reissue its certificate or open its
archive, and whether a reissue request names the registered couple of a status still holding."""

from pydantic import BaseModel, ConfigDict

from hunyin.labels import label
from registry.offices import same_office, serving_office
from registry.rules.facts import Facts
from registry.rules.jurisdiction import NoParams
from registry.rules.outcome import Outcome
from registry.rules.target import Target
from registry.timeline import marital_state


class ReissueParams(BaseModel):
    """What a reissue needs of the original record."""

    model_config = ConfigDict(extra="forbid")

    both_parties: bool = True


def _original(facts: Facts) -> tuple[str | None, str]:
    """The original office and where it was learnt (the record asked about, or the request)."""
    target = facts.target
    if target is not None and target.office_code:
        return target.office_code, f"原登记记录 {target.certificate_no or target.record_id}"
    return facts.case.original_office_code, "申请所填原登记机关"


def original_office(params: NoParams, facts: Facts) -> Outcome:
    """Only the office that made the original registration (its code, or as renamed)."""
    case = facts.case
    if case.kind == "archive_access" and facts.target is None and case.original_office_code is None:
        return Outcome(False, "库中不能确定所查档案：请指明原始记录的记录号")
    original, source = _original(facts)
    if original is None:
        return Outcome(False, "库中没有原登记记录，且未提供原登记机关")
    if same_office(original, case.office_code):
        return Outcome(True, f"本机关为原登记机关（{original}，{source}）")
    return Outcome(False, f"只能由原登记机关（{original}，{source}）办理")


def original_or_hukou_office(params: NoParams, facts: Facts) -> Outcome:
    """The original office, or the office of either party's hukou (2003 条例 art. 17)."""
    case = facts.case
    original, source = _original(facts)
    if original is not None and same_office(original, case.office_code):
        return Outcome(True, f"本机关为原登记机关（{original}，{source}）")
    for party in case.parties:
        if same_office(serving_office(party.hukou_code, case.day), case.office_code):
            return Outcome(True, f"{party.name}的户籍地（{party.hukou_code}）属本机关")
    return Outcome(
        False,
        f"本机关既非原登记机关（{original or '不详'}），也非一方当事人常住户口所在地的机关",
    )


def _status_holds(facts: Facts, target: Target) -> Outcome | None:
    """A marriage certificate only while that marriage is in force (else a 婚姻登记记录证明)."""
    if target.record_type != "marriage":
        return None
    for party in facts.parties:
        state, marriage = marital_state(party.confirmed + party.probable)
        if marriage is None or marriage["record_id"] != target.record_id:
            now = label("statuses", state)
            return Outcome(
                False,
                f"该婚姻已不存续（{party.party.name}现为{now}），不能补发结婚证；"
                "可出具婚姻登记记录证明",
            )
    return None


def reissue_conditions(params: ReissueParams, facts: Facts) -> Outcome:
    """The registered couple of one original record, its status still holding; a record
    without ID numbers only after a registrar verified it (``verified_records``)."""
    case, target = facts.case, facts.target
    if params.both_parties and len(case.parties) != 2:
        return Outcome(False, "补领婚姻登记证须由登记的双方当事人申请（双方信息均须填写）")
    if target is None:
        return Outcome(False, "库中没有双方共同的原始登记记录（可指明原始记录的记录号）")
    if target.record_type not in ("marriage", "divorce"):
        return Outcome(False, f"记录 {target.record_id} 不是结婚或离婚登记")
    if target.match == "none":
        return Outcome(False, f"申请人不是记录 {target.record_id} 登记的双方当事人")
    held = _status_holds(facts, target)
    if held is not None:
        return held
    if target.match == "by_name" and target.record_id not in case.verified_records:
        return Outcome(
            None,
            f"原始记录 {target.certificate_no or target.record_id} 无身份证号，须登记员核实后确认",
            verify=True,
            candidates=[target.doc()],
        )
    return Outcome(True, f"双方为记录 {target.certificate_no or target.record_id} 登记的当事人")
