"""Reissuing a certificate (补发): BJ for a marriage certificate, BL for a divorce one."""

from sqlalchemy.orm import Session

from hunyin.errors import InputError
from registry.live.issue import issue_record
from registry.rules.engine import Decision
from warehouse.models import RecordRow

_PREFIX = {"marriage": "BJ", "divorce": "BL"}


def register_reissue(session: Session, *, decision: Decision, registrar: str) -> RecordRow:
    """A reissue of the certificate of the original record ``reissue-conditions`` checked."""
    target = decision.facts.target
    prefix = _PREFIX.get(target.record_type or "") if target is not None else None
    if prefix is None:
        raise InputError("no marriage or divorce of this couple on record to reissue")
    return issue_record(
        session, decision=decision, record_type="reissue", prefix=prefix, registrar=registrar
    )
