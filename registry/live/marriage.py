"""Registering a marriage: one current marriage per person, enforced by the database."""

from typing import Any

from sqlalchemy.orm import Session

from registry.live.certificates import next_certificate_no
from registry.live.contention import conflicts_as
from registry.live.records import write_live_record
from registry.rules.engine import Decision
from registry.rules.facts import marital_state
from warehouse.models import CurrentMarriage, RecordRow

PRIOR_STATUS = {"married": "已婚", "divorced": "离婚"}


def prior_statuses(decision: Decision) -> dict[str, str | None]:
    """本人婚姻状况 of each party (by sex) from their confirmed history."""
    return {
        p.party.sex: PRIOR_STATUS.get(marital_state(p.confirmed)[0], "未婚")
        for p in decision.facts.parties
    }


def register_marriage(session: Session, *, decision: Decision, registrar: str) -> RecordRow:
    """Claim both persons, then issue the J number and write the record.

    Two offices registering the same person at once both pass the eligibility check; the
    second claim then hits the first one's primary key (PostgreSQL makes it wait for the
    first commit) and fails, so exactly one registration stands. Claiming first, in sorted
    order, means the losers stop before touching the counter or the person index.
    """
    case = decision.facts.case
    with conflicts_as("a party was married by another registration just now"):
        claims = [
            CurrentMarriage(id18=key, since=case.day)
            for key in sorted(p.id18 for p in case.parties if p.id18)
        ]
        for claim in claims:
            session.add(claim)
            session.flush()
        certificate = next_certificate_no(
            session, prefix="J", office_code=case.office_code, year=case.day.year
        )
        row = write_live_record(
            session,
            record_type="marriage",
            day=case.day,
            office_code=case.office_code,
            certificate_no=certificate,
            registrar=registrar,
            parties=case.parties,
            prior_statuses=prior_statuses(decision),
        )
        for claim in claims:
            claim.record_id = row.id
        session.flush()
    return row


def already_married_to_each_other(decision: Decision) -> dict[str, Any] | None:
    """The couple's current marriage when the case repeats it (a duplicate, not a new case)."""
    first, second = ([*(marital_state(p.confirmed)[1] for p in decision.facts.parties), None])[:2]
    if first and second and first["record_id"] == second["record_id"]:
        return first
    return None
