"""Registering a marriage: one current marriage per person, enforced by the database."""

from typing import Any, cast

from sqlalchemy import Table, update
from sqlalchemy.orm import Session

from registry.live.issue import issue_record
from registry.rules.engine import Decision
from registry.schemas import CaseIn
from registry.timeline import marital_state
from warehouse.db import dialect_insert
from warehouse.models import CurrentMarriage, RecordRow


def claim_parties(session: Session, *, case: CaseIn) -> list[str] | None:
    """Claim both persons before anything about them is read; their keys, or None when one
    is claimed already.

    Two offices registering the same couple at once race for these rows: PostgreSQL makes the
    second insert wait for the first transaction and skip the row once that commits (SQLite
    makes the second writer wait for the lock). The loser then reads a store in which the
    winner's marriage is whole, so it answers "registered already" rather than reading one
    party before the winner's commit and the other after it, which looked like a plain refusal
    (a 422). One statement, its rows in sorted order, so that two registrations sharing a
    person never wait on each other in a cycle.
    """
    keys = sorted({p.id18 for p in case.parties if p.id18})
    if not keys:
        return []
    # The rows as parameters (rendered in their order into one statement), not in ``values()``,
    # which compiled the statement anew on every registration.
    claimed = session.scalars(
        dialect_insert(session, cast(Table, CurrentMarriage.__table__))
        .on_conflict_do_nothing(index_elements=["id18"])
        .returning(CurrentMarriage.id18),
        [{"id18": key, "since": case.day} for key in keys],
    ).all()
    return keys if len(claimed) == len(keys) else None


def register_marriage(
    session: Session, *, decision: Decision, claims: list[str], registrar: str
) -> RecordRow:
    """Issue the J number and write the record under the claims ``claim_parties`` took."""
    row = issue_record(
        session, decision=decision, record_type="marriage", prefix="J", registrar=registrar
    )
    if claims:
        session.execute(
            update(CurrentMarriage)
            .where(CurrentMarriage.id18.in_(claims))
            .values(record_id=row.id)
            .execution_options(synchronize_session=False)
        )
    return row


def already_married_to_each_other(decision: Decision) -> dict[str, Any] | None:
    """The couple's current marriage when the case repeats it (a duplicate, not a new case)."""
    first, second = ([*(marital_state(p.confirmed)[1] for p in decision.facts.parties), None])[:2]
    if first and second and first["record_id"] == second["record_id"]:
        return first
    return None
