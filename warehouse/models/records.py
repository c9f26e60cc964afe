"""Registration records and their two parties."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from warehouse.models.base import Base, BigId, utcnow


class RecordRow(Base):
    """One registration event; ``natural_key`` makes every load idempotent.

    From a scan the key is ``scan:{sha256}:{page}``; from a ledger
    ``ledger:{office}:{certificate}:{date}:{type}``; live: ``live:{certificate}``.
    """

    __tablename__ = "records"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    natural_key: Mapped[str] = mapped_column(String(255), unique=True)
    source_kind: Mapped[str] = mapped_column(String(16))  # scan | ledger | live
    source_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("source_documents.id", ondelete="SET NULL")
    )
    page: Mapped[int | None] = mapped_column(Integer)
    batch: Mapped[str | None] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(
        String(16), index=True
    )  # accepted | needs_review | rejected
    record_type: Mapped[str | None] = mapped_column(String(16))
    registration_date: Mapped[date | None] = mapped_column(Date)
    office_code: Mapped[str | None] = mapped_column(String(6))
    office_name: Mapped[str | None] = mapped_column(String(64))
    certificate_no: Mapped[str | None] = mapped_column(String(64), index=True)
    registrar: Mapped[str | None] = mapped_column(String(64))
    issues: Mapped[list[Any]] = mapped_column(JSON, default=list)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    parties: Mapped[list["PartyRow"]] = relationship(
        back_populates="record", cascade="all, delete-orphan", order_by="PartyRow.role.desc()"
    )


class PartyRow(Base):
    """A party as recorded on one record; ``id18`` is the upgraded 18-digit matching key."""

    __tablename__ = "parties"
    __table_args__ = (
        Index("uq_parties_record_role", "record_id", "role", unique=True),
        Index("ix_parties_name_birth", "name", "birth_date"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(8))  # male | female
    name: Mapped[str | None] = mapped_column(String(64))
    sex: Mapped[str | None] = mapped_column(String(2))
    birth_date: Mapped[date | None] = mapped_column(Date)
    id_number: Mapped[str | None] = mapped_column(String(18))
    id18: Mapped[str | None] = mapped_column(String(18), index=True)
    ethnicity: Mapped[str | None] = mapped_column(String(16))
    hukou: Mapped[str | None] = mapped_column(Text)
    occupation: Mapped[str | None] = mapped_column(String(64))
    education: Mapped[str | None] = mapped_column(String(32))
    prior_status: Mapped[str | None] = mapped_column(String(8))
    # 国籍 as the modern form prints it; only live records write it (no scan field reads it).
    nationality: Mapped[str | None] = mapped_column(String(32))

    record: Mapped[RecordRow] = relationship(back_populates="parties")
