"""Appointments (the pilot asks for them): per-office daily quotas, booking, cancelling."""

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from hunyin.errors import ConflictError, NotFoundError
from warehouse.db import dialect_insert
from warehouse.models import Appointment, AppointmentDay, OfficeQuota
from warehouse.models.base import utcnow

# Until an office sets its own quota: the pilot's starting figure for a county office.
DEFAULT_DAILY_QUOTA = 20


def quota_on(session: Session, *, office_code: str, day: date) -> int:
    """The office's quota on ``day``: the latest setting from that day or before."""
    quota = session.scalar(
        select(OfficeQuota.daily_quota)
        .where(OfficeQuota.office_code == office_code, OfficeQuota.valid_from <= day)
        .order_by(OfficeQuota.valid_from.desc())
        .limit(1)
    )
    return DEFAULT_DAILY_QUOTA if quota is None else quota


def booked_on(session: Session, *, office_code: str, day: date) -> int:
    """Slots of the day taken."""
    booked = session.scalar(
        select(AppointmentDay.booked).where(
            AppointmentDay.office_code == office_code, AppointmentDay.day == day
        )
    )
    return booked or 0


def set_quota(
    session: Session, *, office_code: str, valid_from: date, daily_quota: int, user: str
) -> None:
    """Set the quota from ``valid_from`` on (replacing a setting for the same day)."""
    stmt = dialect_insert(session, OfficeQuota).values(
        office_code=office_code,
        valid_from=valid_from,
        daily_quota=daily_quota,
        set_by=user,
        set_at=utcnow(),
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["office_code", "valid_from"],
            set_={"daily_quota": daily_quota, "set_by": user, "set_at": utcnow()},
        )
    )


def book(
    session: Session, *, office_code: str, day: date, kind: str, names: str, channel: str, user: str
) -> Appointment:
    """Take a slot, or ConflictError when the day is full.

    The day's counter row is incremented only while below the quota, in one statement, so
    two bookings of the last slot cannot both succeed.
    """
    quota = quota_on(session, office_code=office_code, day=day)
    session.execute(
        dialect_insert(session, AppointmentDay)
        .values(office_code=office_code, day=day, booked=0)
        .on_conflict_do_nothing()
    )
    taken = session.execute(
        update(AppointmentDay)
        .where(
            AppointmentDay.office_code == office_code,
            AppointmentDay.day == day,
            AppointmentDay.booked < quota,
        )
        .values(booked=AppointmentDay.booked + 1)
    )
    if taken.rowcount == 0:  # type: ignore[attr-defined]
        raise ConflictError(f"office {office_code} is fully booked on {day} ({quota} slots)")
    appointment = Appointment(
        office_code=office_code, day=day, kind=kind, names=names, channel=channel, created_by=user
    )
    session.add(appointment)
    session.flush()
    return appointment


def cancel(session: Session, *, appointment: Appointment) -> None:
    """Free the slot of a booked appointment."""
    if appointment.state != "booked":
        raise ConflictError(f"appointment {appointment.id} is {appointment.state}")
    appointment.state = "cancelled"
    appointment.cancelled_at = utcnow()
    session.execute(
        update(AppointmentDay)
        .where(
            AppointmentDay.office_code == appointment.office_code,
            AppointmentDay.day == appointment.day,
        )
        .values(booked=AppointmentDay.booked - 1)
    )
    session.flush()


def appointment_by_id(session: Session, appointment_id: int) -> Appointment:
    """The appointment, or NotFoundError."""
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise NotFoundError(f"no appointment {appointment_id}")
    return appointment
