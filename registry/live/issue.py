"""The step every registration ends with: number the certificate, write the record."""

from sqlalchemy.orm import Session

from hunyin.schema import RecordType
from registry.live.certificates import next_certificate_no
from registry.live.records import write_live_record
from registry.rules.engine import Decision
from registry.timeline import marital_state
from warehouse.models import RecordRow

PRIOR_STATUS = {"married": "已婚", "divorced": "离婚", "widowed": "丧偶"}


def prior_statuses(decision: Decision) -> dict[str, str | None]:
    """本人婚姻状况 of each party (by sex): what the party declared (checked against the store
    by ``declared-status``), else what their confirmed history says."""
    return {
        p.party.sex: p.party.declared_status
        or PRIOR_STATUS.get(marital_state(p.confirmed)[0], "未婚")
        for p in decision.facts.parties
    }


def issue_record(
    session: Session,
    *,
    decision: Decision,
    record_type: RecordType,
    prefix: str,
    registrar: str,
) -> RecordRow:
    """Take the next serial of ``prefix`` at the case's office and year, and write the record."""
    case = decision.facts.case
    certificate = next_certificate_no(
        session, prefix=prefix, office_code=case.office_code, year=case.day.year
    )
    return write_live_record(
        session,
        record_type=record_type,
        day=case.day,
        office_code=case.office_code,
        certificate_no=certificate,
        registrar=registrar,
        parties=case.parties,
        prior_statuses=prior_statuses(decision),
    )
