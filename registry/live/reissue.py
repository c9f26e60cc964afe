"""Reissuing a certificate (补发): BJ for a marriage certificate, BL for a divorce one."""

from sqlalchemy.orm import Session

from hunyin.errors import InputError
from registry.live.issue import issue_record
from registry.rules.engine import Decision
from registry.status import marital_state
from warehouse.models import RecordRow

_PREFIX = {"married": "BJ", "divorced": "BL"}


def register_reissue(session: Session, *, decision: Decision, registrar: str) -> RecordRow:
    """A reissue of the certificate of the party's last marriage or divorce on record."""
    state, _ = marital_state(decision.facts.parties[0].confirmed)
    prefix = _PREFIX.get(state)
    if prefix is None:
        raise InputError("no marriage or divorce of this party on record to reissue")
    return issue_record(
        session, decision=decision, record_type="reissue", prefix=prefix, registrar=registrar
    )
