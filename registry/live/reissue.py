"""Reissuing a certificate (补发): BJ for a marriage certificate, BL for a divorce one."""

from sqlalchemy.orm import Session

from hunyin.errors import InputError
from registry.live.certificates import next_certificate_no
from registry.live.marriage import prior_statuses
from registry.live.records import write_live_record
from registry.rules.engine import Decision
from registry.rules.facts import marital_state
from warehouse.models import RecordRow

_PREFIX = {"married": "BJ", "divorced": "BL"}


def register_reissue(session: Session, *, decision: Decision, registrar: str) -> RecordRow:
    """A reissue of the certificate of the party's last marriage or divorce on record."""
    case = decision.facts.case
    state, _ = marital_state(decision.facts.parties[0].confirmed)
    prefix = _PREFIX.get(state)
    if prefix is None:
        raise InputError("no marriage or divorce of this party on record to reissue")
    certificate = next_certificate_no(
        session, prefix=prefix, office_code=case.office_code, year=case.day.year
    )
    return write_live_record(
        session,
        record_type="reissue",
        day=case.day,
        office_code=case.office_code,
        certificate_no=certificate,
        registrar=registrar,
        parties=case.parties,
        prior_statuses=prior_statuses(decision),
    )
