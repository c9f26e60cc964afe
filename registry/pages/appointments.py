"""The registrar's appointment book: the day's quota, bookings, cancelling, changing the quota."""

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from hunyin.domain.idnumber import mask_in_text
from hunyin.errors import HunyinError
from registry import appointments
from registry.audit import record_audit
from registry.deps import SessionDep, require_role
from registry.pages.common import templates
from registry.pages.forms import form_fields
from warehouse.models import Appointment, User

router = APIRouter(prefix="/pages", include_in_schema=False)
Registrar = Annotated[User, require_role("registrar", "admin")]
Fields = Annotated[dict[str, str], Depends(form_fields)]


def _day(text: str | None) -> date:
    try:
        return date.fromisoformat(text) if text else date.today()
    except ValueError:
        return date.today()


def _book_page(
    request: Request, session: Session, user: User, day: date, error: str | None = None
) -> Response:
    office = user.office_code
    record_audit(
        session,
        user=user,
        action="appointment_list",
        purpose="预约查询",
        subject=office,
        details={"date": day.isoformat()},
    )
    rows = [
        {
            "id": a.id,
            "kind": a.kind,
            "names": mask_in_text(a.names),
            "channel": a.channel,
            "state": a.state,
        }
        for a in session.scalars(
            select(Appointment)
            .where(Appointment.office_code == office, Appointment.day == day)
            .order_by(Appointment.id)
        )
    ]
    context: dict[str, Any] = {
        "user": user,
        "day": day.isoformat(),
        "quota": appointments.quota_on(session, office_code=office, day=day),
        "booked": appointments.booked_on(session, office_code=office, day=day),
        "rows": rows,
        "error": error,
    }
    return templates.TemplateResponse(
        request, "appointments.html", context, status_code=409 if error else 200
    )


@router.get("/appointments", response_class=HTMLResponse)
def appointment_book(
    request: Request, session: SessionDep, user: Registrar, day: str | None = None
) -> Response:
    """The office's appointments of a day (today by default)."""
    return _book_page(request, session, user, _day(day))


@router.post("/appointments", response_class=HTMLResponse)
def appointment_action(
    request: Request, session: SessionDep, user: Registrar, fields: Fields
) -> Response:
    """Book, cancel, or set the quota from the day shown; then show the day again."""
    day, office = _day(fields.get("day")), user.office_code
    try:
        if fields.get("action") == "book":
            appointments.book(
                session,
                office_code=office,
                day=day,
                kind=fields.get("kind") or "marriage",
                names=(fields.get("names") or "未留姓名")[:140],
                channel=fields.get("channel") or "phone",
                user=user.name,
            )
        elif fields.get("action") == "cancel" and fields.get("appointment_id", "").isdigit():
            appointment = appointments.appointment_by_id(session, int(fields["appointment_id"]))
            if appointment.office_code == office:
                appointments.cancel(session, appointment=appointment)
        elif fields.get("action") == "quota" and fields.get("daily_quota", "").isdigit():
            quota = min(int(fields["daily_quota"]), 1000)
            appointments.set_quota(
                session, office_code=office, valid_from=day, daily_quota=quota, user=user.name
            )
            record_audit(
                session,
                user=user,
                action="quota_change",
                purpose="预约限额调整",
                subject=office,
                details={"valid_from": day.isoformat(), "daily_quota": quota},
            )
    except HunyinError as exc:
        return _book_page(request, session, user, day, error=f"操作未完成：{exc}")
    return RedirectResponse(f"/pages/appointments?day={day.isoformat()}", status_code=303)
