"""Divorce by registration: application, 30 days of cooling-off in which either party may
withdraw, then completion within the next 30 days or the application lapses (民法典 art. 1077)."""

from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hunyin.errors import ConflictError, NotFoundError
from registry.live.issue import issue_record
from registry.rules.engine import Decision
from registry.rules.facts import couple_key
from registry.rules.history import CoolingParams, cooling_window
from registry.rules.periods import periods_in_force
from registry.schemas import CaseIn
from warehouse.models import CurrentMarriage, DivorceApplication, RecordRow

# Used when no cooling-off rule is in force on the day (divorces before 2021 had none) but an
# application is still shown with its dates.
_NO_COOLING = CoolingParams(cooling_days=0, completion_days=0)


def cooling_params(session: Session, day: date) -> CoolingParams:
    """The cooling-off periods of the rule in force on ``day``."""
    for period in periods_in_force(session, day=day, kind="divorce"):
        if period.test == "cooling_off":
            return CoolingParams.model_validate(period.params)
    return _NO_COOLING


def application_doc(session: Session, application: DivorceApplication) -> dict[str, Any]:
    """The application with its state and the days that matter."""
    ends, opens, closes = cooling_window(
        application.applied_on, cooling_params(session, application.applied_on)
    )
    return {
        "application_id": application.id,
        "state": application.state,
        "office_code": application.office_code,
        "applied_on": application.applied_on.isoformat(),
        "cooling_off_ends": ends.isoformat(),
        "complete_from": opens.isoformat(),
        "complete_by": closes.isoformat(),
        "ended_on": application.ended_on.isoformat() if application.ended_on else None,
        "record_id": application.record_id,
    }


def _end(application: DivorceApplication, *, state: str, day: date) -> None:
    application.state = state
    application.ended_on = day
    application.open_key = None


def expire_lapsed(session: Session, case: CaseIn) -> None:
    """An open application past its completion window counts as withdrawn: close it."""
    key = couple_key(case)
    application = session.scalar(
        select(DivorceApplication).where(DivorceApplication.open_key == key)
    )
    if application is None:
        return
    _, _, closes = cooling_window(
        application.applied_on, cooling_params(session, application.applied_on)
    )
    if case.day > closes:
        _end(application, state="lapsed", day=closes)
        session.flush()


def apply(session: Session, *, case: CaseIn, registrar: str) -> DivorceApplication:
    """Receive the application: cooling-off starts; one open application per couple."""
    male, female = (next(p for p in case.parties if p.sex == sex) for sex in ("男", "女"))
    application = DivorceApplication(
        office_code=case.office_code,
        male_id18=male.id18,
        female_id18=female.id18,
        male_name=male.name,
        female_name=female.name,
        applied_on=case.day,
        state="cooling_off",
        open_key=couple_key(case),
        created_by=registrar,
    )
    session.add(application)
    try:
        session.flush()
    except IntegrityError as exc:
        raise ConflictError("this couple has an open divorce application already") from exc
    return application


def complete(
    session: Session,
    *,
    decision: Decision,
    application: DivorceApplication | None,
    registrar: str,
) -> RecordRow:
    """Both came back in time (or no cooling-off applied): issue the L number, write the
    divorce, end the marriage."""
    case = decision.facts.case
    row = issue_record(
        session, decision=decision, record_type="divorce", prefix="L", registrar=registrar
    )
    if application is not None:
        _end(application, state="completed", day=case.day)
        application.record_id = row.id
    keys = [p.id18 for p in case.parties if p.id18]
    session.execute(delete(CurrentMarriage).where(CurrentMarriage.id18.in_(keys)))
    session.flush()
    return row


def withdraw(session: Session, *, application_id: int, day: date) -> DivorceApplication:
    """Either party withdraws during the cooling-off period."""
    application = session.get(DivorceApplication, application_id, with_for_update=True)
    if application is None:
        raise NotFoundError(f"no divorce application {application_id}")
    ends, _, _ = cooling_window(
        application.applied_on, cooling_params(session, application.applied_on)
    )
    if application.state != "cooling_off":
        raise ConflictError(f"the application is {application.state}, not in cooling-off")
    if not application.applied_on <= day <= ends:
        raise ConflictError(f"withdrawal is possible from {application.applied_on} to {ends}")
    _end(application, state="withdrawn", day=day)
    session.flush()
    return application
