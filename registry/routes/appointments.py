"""Appointments and daily quotas of an office; a registrar manages their own office's."""

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from hunyin.domain.idnumber import mask_in_text
from registry import appointments
from registry.audit import record_audit
from registry.deps import SessionDep, ensure_acts_for, require_role
from registry.errors import ApiError
from registry.responses import AppointmentDocument, QuotaDocument, errors, links
from registry.schemas import FreeText, Kind, OfficeCode, RowId, known_office
from warehouse.models import Appointment, User

router = APIRouter(prefix="/api/v1", tags=["appointments"])
Registrar = Annotated[User, require_role("registrar", "admin")]
OfficePath = Annotated[str, Path(pattern=r"^[0-9]{6}$")]


class QuotaIn(BaseModel):
    """A new daily quota and the day it starts."""

    model_config = ConfigDict(extra="forbid")

    daily_quota: Annotated[int, Field(ge=0, le=1000)]
    valid_from: dt.date


class AppointmentIn(BaseModel):
    """A booking for a couple."""

    model_config = ConfigDict(extra="forbid")

    office_code: OfficeCode
    date: dt.date
    kind: Kind
    names: Annotated[
        FreeText, Field(min_length=1, max_length=140, description="the couple's names")
    ]
    channel: Literal["phone", "app", "counter"] = "phone"


def _office(code: str) -> str:
    try:
        return known_office(code)
    except ValueError as exc:
        raise ApiError(422, str(exc)) from exc


def _doc(appointment: Appointment) -> dict[str, Any]:
    return {
        "appointment_id": appointment.id,
        "office_code": appointment.office_code,
        "date": appointment.day.isoformat(),
        "kind": appointment.kind,
        # Free text: a caller may have typed a whole ID number into it.
        "names": mask_in_text(appointment.names),
        "channel": appointment.channel,
        "state": appointment.state,
    }


@router.get(
    "/offices/{office_code}/quota",
    response_model=QuotaDocument,
    responses=errors(401, 403, 422, 503),
)
def get_quota(
    session: SessionDep, user: Registrar, office_code: OfficePath, date: dt.date
) -> dict[str, Any]:
    """The quota of a day and how many slots are taken."""
    code = _office(office_code)
    return {
        "office_code": code,
        "date": date.isoformat(),
        "daily_quota": appointments.quota_on(session, office_code=code, day=date),
        "booked": appointments.booked_on(session, office_code=code, day=date),
    }


@router.put(
    "/offices/{office_code}/quota",
    response_model=QuotaDocument,
    responses=errors(401, 403, 422, 503),
)
def put_quota(
    session: SessionDep, user: Registrar, office_code: OfficePath, body: QuotaIn
) -> dict[str, Any]:
    """Change the office's daily quota from a day on; audited."""
    code = _office(office_code)
    ensure_acts_for(user, code)
    appointments.set_quota(
        session,
        office_code=code,
        valid_from=body.valid_from,
        daily_quota=body.daily_quota,
        user=user.name,
    )
    record_audit(
        session,
        user=user,
        action="quota_change",
        purpose="预约限额调整",
        subject=code,
        details=body.model_dump(mode="json"),
    )
    return get_quota(session, user, code, body.valid_from)


@router.post(
    "/appointments",
    status_code=201,
    response_model=AppointmentDocument,
    responses=errors(401, 403, 409, 422, 503)
    | links(
        "the booking",
        TheDaysList=(
            "GET /api/v1/appointments",
            {"office_code": "$request.body#/office_code", "date": "$request.body#/date"},
        ),
        Cancel=(
            "POST /api/v1/appointments/{appointment_id}/cancel",
            {"appointment_id": "$response.body#/appointment_id"},
        ),
    ),
)
def book_appointment(session: SessionDep, user: Registrar, body: AppointmentIn) -> dict[str, Any]:
    """Book a slot for a couple (taken by phone, app or at the counter)."""
    ensure_acts_for(user, body.office_code)
    appointment = appointments.book(
        session,
        office_code=body.office_code,
        day=body.date,
        kind=body.kind,
        names=body.names,
        channel=body.channel,
        user=user.name,
    )
    return _doc(appointment)


@router.get(
    "/appointments",
    response_model=list[AppointmentDocument],
    responses=errors(401, 403, 422, 503),
)
def list_appointments(
    session: SessionDep,
    user: Registrar,
    office_code: Annotated[str, Query(pattern=r"^[0-9]{6}$")],
    date: dt.date,
) -> list[dict[str, Any]]:
    """The office's appointments of a day: the office's own users only; audited."""
    ensure_acts_for(user, office_code)
    record_audit(
        session,
        user=user,
        action="appointment_list",
        purpose="预约查询",
        subject=office_code,
        details={"date": date.isoformat()},
    )
    rows = session.scalars(
        select(Appointment)
        .where(Appointment.office_code == office_code, Appointment.day == date)
        .order_by(Appointment.id)
    )
    return [_doc(a) for a in rows]


@router.post(
    "/appointments/{appointment_id}/cancel",
    response_model=AppointmentDocument,
    responses=errors(401, 403, 404, 409, 422, 503),
)
def cancel_appointment(
    session: SessionDep, user: Registrar, appointment_id: RowId
) -> dict[str, Any]:
    """Cancel a booked appointment and free its slot."""
    appointment = appointments.appointment_by_id(session, appointment_id)
    ensure_acts_for(user, appointment.office_code)
    appointments.cancel(session, appointment=appointment)
    return _doc(appointment)
