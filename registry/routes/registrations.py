"""``POST /api/v1/registrations`` and the divorce applications it opens; all audited,
refusals included."""

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from hunyin.errors import HunyinError
from registry.audit import record_audit
from registry.deps import SessionDep, ensure_acts_for, require_role, transacted
from registry.errors import ApiError, as_api_error, created_or_error
from registry.live import divorce
from registry.live.contention import conflicts_as
from registry.live.service import register
from registry.responses import (
    STATUS_OF_PARTY,
    DivorceApplicationDocument,
    Registration,
    errors,
    links,
)
from registry.routes.eligibility import case_subject
from registry.schemas import CaseIn, Note, RowId
from warehouse.models import DivorceApplication, User

router = APIRouter(prefix="/api/v1", tags=["registrations"])
Registrar = Annotated[User, require_role("registrar", "admin")]


def registration(
    session: Session, *, user: User, case: CaseIn, today: dt.date
) -> dict[str, Any] | ApiError:
    """Register the case, or the refusal: its work is rolled back, its audit entry kept.

    A live registration happens today at the office (UTC+8): a case dated any other day is
    refused, and one without a date is dated today. Recording a past registration is the
    archive's work (ledgers, scans, the review queue), never the window's.

    The registration is the whole of the session's transaction: a refusal rolls the
    transaction back and its entry is written in the next (no savepoint, which cost two round
    trips on every registration that went through).
    """
    if case.date is not None and case.date != today:
        error = ApiError(
            422,
            f"a live registration is dated today ({today.isoformat()}), not {case.date}",
            code="not_today",
            details=[{"loc": ["body", "date"], "msg": "must be today at the office"}],
        )
        record_audit(
            session,
            user=user,
            action="registration_refused",
            purpose=case.purpose or "婚姻登记",
            subject=case_subject(case),
            details={"kind": case.kind, "office_code": case.office_code, "reason": error.message},
        )
        return error
    case = case.model_copy(update={"date": today})
    try:
        with conflicts_as("another registration got there first"):
            doc = register(session, case=case, user=user)
    except (ApiError, HunyinError) as exc:
        session.rollback()
        error = exc if isinstance(exc, ApiError) else as_api_error(exc)
        record_audit(
            session,
            user=user,
            action="registration_refused",
            purpose=case.purpose or "婚姻登记",
            subject=case_subject(case),
            id_numbers=[p.id_number for p in case.parties],
            details={"kind": case.kind, "office_code": case.office_code, "reason": error.message},
        )
        return error
    record_audit(
        session,
        user=user,
        action="registration",
        purpose=case.purpose or "婚姻登记",
        subject=case_subject(case),
        id_numbers=[p.id_number for p in case.parties],
        details={
            "kind": case.kind,
            "office_code": case.office_code,
            "certificate_no": doc.get("certificate_no"),
            "application": (doc.get("application") or {}).get("application_id"),
            "verified_distinct": case.verified_distinct,
        },
    )
    return doc


@router.post(
    "/registrations",
    status_code=201,
    response_model=Registration,
    responses=errors(401, 403, 409, 422, 503)
    | links(
        "the record, or the divorce application opened",
        StatusOfTheParty=STATUS_OF_PARTY,
        TheApplication=(
            "GET /api/v1/divorce-applications/{application_id}",
            {"application_id": "$response.body#/application/application_id"},
        ),
    ),
)
async def post_registration(request: Request, user: Registrar, case: CaseIn) -> JSONResponse:
    """Check eligibility, then record the event (dated today) and issue the certificate."""
    today = request.app.state.today()
    return created_or_error(
        await transacted(
            request, lambda session: registration(session, user=user, case=case, today=today)
        )
    )


class Withdrawal(BaseModel):
    """Withdrawing a divorce application."""

    model_config = ConfigDict(extra="forbid")

    date: Annotated[dt.date | None, Field(description="day of withdrawal; default today")] = None
    purpose: Note | None = None


def _application(session: Session, application_id: RowId) -> DivorceApplication:
    application = session.get(DivorceApplication, application_id)
    if application is None:
        raise ApiError(404, f"no divorce application {application_id}")
    return application


@router.get(
    "/divorce-applications/{application_id}",
    response_model=DivorceApplicationDocument,
    responses=errors(401, 403, 404, 422, 503),
)
def get_application(session: SessionDep, user: Registrar, application_id: RowId) -> dict[str, Any]:
    """A divorce application and the days of its cooling-off period (the receiving office's
    users only; audited)."""
    application = _application(session, application_id)
    ensure_acts_for(user, application.office_code)
    record_audit(
        session,
        user=user,
        action="divorce_application_read",
        purpose="离婚申请查询",
        subject=f"{application.male_name}、{application.female_name}",
        details={"application_id": application.id},
    )
    return divorce.application_doc(session, application)


@router.post(
    "/divorce-applications/{application_id}/withdraw",
    response_model=DivorceApplicationDocument,
    responses=errors(401, 403, 404, 409, 422, 503),
)
def withdraw_application(
    session: SessionDep, user: Registrar, application_id: RowId, body: Withdrawal
) -> dict[str, Any]:
    """Either party withdraws during cooling-off (at the office that received it)."""
    application = _application(session, application_id)
    ensure_acts_for(user, application.office_code)
    application = divorce.withdraw(
        session, application_id=application_id, day=body.date or dt.date.today()
    )
    record_audit(
        session,
        user=user,
        action="divorce_withdrawal",
        purpose=body.purpose or "撤回离婚申请",
        subject=f"{application.male_name}、{application.female_name}",
        details={"application_id": application.id},
    )
    return divorce.application_doc(session, application)
