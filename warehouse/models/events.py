"""Events that end or void a marriage without a registration at a marriage office (domain.md):
court divorces, deaths, void and annulled marriages, each with its evidence and archive note;
and the closing of shipped rule periods by an admin."""

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from warehouse.models.base import Base, BigId, utcnow


class MarriageEvent(Base):
    """One event of one marriage (``marriage_record_id``), or a death of a person the store
    holds no marriage of (then only the person's key, name and birth date).

    ``role`` is the side (``male``/``female``) of the marriage record the event's person is
    on: for a death, the one who died. ``natural_key`` makes a second entry of the same event
    (a ledger loaded twice, a document entered twice) a no-op or a conflict.
    """

    __tablename__ = "marriage_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    natural_key: Mapped[str] = mapped_column(String(255), unique=True)
    event_type: Mapped[str] = mapped_column(
        String(16)
    )  # court_divorce | death | void | annulment | death_revoked
    event_date: Mapped[date] = mapped_column(Date)
    marriage_record_id: Mapped[int | None] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str | None] = mapped_column(String(8))
    person_id18: Mapped[str | None] = mapped_column(String(18), index=True)
    person_name: Mapped[str | None] = mapped_column(String(64))
    person_birth_date: Mapped[date | None] = mapped_column(Date)
    evidence_document: Mapped[str] = mapped_column(String(64))
    evidence_number: Mapped[str | None] = mapped_column(String(128))
    evidence_issuer: Mapped[str | None] = mapped_column(String(128))
    evidence_date: Mapped[date | None] = mapped_column(Date)
    archive_note: Mapped[str] = mapped_column(Text)
    office_code: Mapped[str | None] = mapped_column(String(6))
    source_kind: Mapped[str] = mapped_column(String(16))  # live | ledger
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class RulePeriodClosure(Base):
    """An admin's end date for a shipped rule period (named by rule and first day)."""

    __tablename__ = "rule_period_closures"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    rule: Mapped[str] = mapped_column(String(64), index=True)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    citation: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
