"""Registering a marriage: one current marriage per person, enforced by the database."""

from typing import Any

from sqlalchemy.orm import Session

from registry.live.contention import conflicts_as
from registry.live.issue import issue_record
from registry.rules.engine import Decision
from registry.status import marital_state
from warehouse.models import CurrentMarriage, RecordRow


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
        row = issue_record(
            session, decision=decision, record_type="marriage", prefix="J", registrar=registrar
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
