"""Tables of the live registry: rule periods, certificate serials, current marriages,
divorce applications, appointment quotas and bookings."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from warehouse.models.base import Base, BigId, utcnow


class RulePeriodRow(Base):
    """A rule period added by an admin; the shipped periods live in ``registry/rules``."""

    __tablename__ = "rule_periods"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    rule: Mapped[str] = mapped_column(String(64), index=True)
    test: Mapped[str] = mapped_column(String(32))
    rule_group: Mapped[str] = mapped_column(String(16))  # jurisdiction | requirement
    kinds: Mapped[list[str]] = mapped_column(JSON)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    citation: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CertificateSerial(Base):
    """The last serial issued per office, year and prefix; incremented under a row lock."""

    __tablename__ = "certificate_serials"

    office_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    prefix: Mapped[str] = mapped_column(String(2), primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer, default=0)


class CurrentMarriage(Base):
    """One row per person married through the live registry: the key that makes two offices
    registering the same person at once collide, so that exactly one of them succeeds.

    The claim is taken before the record is written; ``record_id`` is empty only inside that
    registering transaction.
    """

    __tablename__ = "current_marriages"

    id18: Mapped[str] = mapped_column(String(18), primary_key=True)
    record_id: Mapped[int | None] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"))
    since: Mapped[date] = mapped_column(Date)


class DivorceApplication(Base):
    """A divorce application through its cooling-off period (民法典 art. 1077).

    ``open_key`` holds the couple's keys while the application is open and is cleared when it
    ends, so a couple has at most one open application.
    """

    __tablename__ = "divorce_applications"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    office_code: Mapped[str] = mapped_column(String(6))
    male_id18: Mapped[str] = mapped_column(String(18), index=True)
    female_id18: Mapped[str] = mapped_column(String(18), index=True)
    male_name: Mapped[str] = mapped_column(String(64))
    female_name: Mapped[str] = mapped_column(String(64))
    applied_on: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16))  # cooling_off | withdrawn | completed | lapsed
    open_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    ended_on: Mapped[date | None] = mapped_column(Date)
    record_id: Mapped[int | None] = mapped_column(ForeignKey("records.id", ondelete="SET NULL"))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class OfficeQuota(Base):
    """An office's daily appointment quota from a day on (the latest earlier row applies)."""

    __tablename__ = "office_quotas"

    office_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    valid_from: Mapped[date] = mapped_column(Date, primary_key=True)
    daily_quota: Mapped[int] = mapped_column(Integer)
    set_by: Mapped[str] = mapped_column(String(64))
    set_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class AppointmentDay(Base):
    """How many slots of an office's day are booked: the row bookings lock and count on."""

    __tablename__ = "appointment_days"

    office_code: Mapped[str] = mapped_column(String(6), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    booked: Mapped[int] = mapped_column(Integer, default=0)


class Appointment(Base):
    """A booked (or cancelled) slot of an office's day."""

    __tablename__ = "appointments"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    office_code: Mapped[str] = mapped_column(String(6), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    names: Mapped[str] = mapped_column(String(140))
    channel: Mapped[str] = mapped_column(String(16))  # phone | app | counter
    state: Mapped[str] = mapped_column(String(16), default="booked")  # booked | cancelled
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)
