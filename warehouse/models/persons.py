"""The person index: clusters of parties that are one person, with how sure each link is."""

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from warehouse.models.base import Base, BigId, utcnow


class PersonRow(Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    id18: Mapped[str | None] = mapped_column(String(18), unique=True)
    name: Mapped[str | None] = mapped_column(String(64))
    sex: Mapped[str | None] = mapped_column(String(2))
    birth_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PersonLink(Base):
    """A party belongs to at most one person; ``match`` is ``id`` or ``probable``."""

    __tablename__ = "person_links"

    party_id: Mapped[int] = mapped_column(
        ForeignKey("parties.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    match: Mapped[str] = mapped_column(String(16))
    probability: Mapped[float] = mapped_column(Float, default=1.0)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
